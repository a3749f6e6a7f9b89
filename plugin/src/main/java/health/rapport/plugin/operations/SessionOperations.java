package health.rapport.plugin.operations;

import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.annotation.OperationParam;
import health.rapport.plugin.careplan.CarePlanEngine;
import health.rapport.plugin.http.OperationFailure;
import health.rapport.plugin.sessions.Attendance;
import health.rapport.plugin.sessions.Modality;
import health.rapport.plugin.sessions.SessionOutcome;
import health.rapport.plugin.sessions.SessionRecord;
import java.util.List;
import java.util.OptionalInt;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.StringType;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

/**
 * {@code CarePlan/[id]/$ipt-record-session}: a therapy session recorded by another system, with the
 * same rules as Rapport's session-record form. The caller's {@code key} names the session (sending
 * it again corrects it); without one, the session's start time does. In a conjoint course
 * {@code partnerPresent} says whether the partner took part (required for an attended session).
 * {@code CarePlan/[id]/$ipt-change-partner} names another of the patient's RelatedPersons as a conjoint course's
 * partner from now on; sessions already recorded keep who was there.
 */
@Component(service = RapportOperations.class)
public final class SessionOperations implements RapportOperations {

    private final CarePlanEngine engine;

    @Activate
    public SessionOperations(@org.osgi.service.component.annotations.Reference CarePlanEngine engine) {
        this.engine = engine;
    }

    @Operation(name = "$ipt-record-session", type = CarePlan.class)
    public Parameters record(@IdParam IdType carePlan,
            @OperationParam(name = "date", min = 1, max = 1) DateTimeType date,
            @OperationParam(name = "attendance", min = 1, max = 1) Coding attendance,
            @OperationParam(name = "minutes", max = 1) IntegerType minutes,
            @OperationParam(name = "modality", max = 1) Coding modality,
            @OperationParam(name = "delivered", max = OperationParam.MAX_UNLIMITED) List<Coding> delivered,
            @OperationParam(name = "completed", max = OperationParam.MAX_UNLIMITED) List<Coding> completed,
            @OperationParam(name = "key", max = 1) StringType key,
            @OperationParam(name = "practitioner", max = 1) StringType practitioner,
            @OperationParam(name = "partnerPresent", max = 1) BooleanType partnerPresent) {
        if (date == null || date.getValue() == null) {
            throw OperationFailure.invalid("date (the session's start, a dateTime with a time of day) is required.");
        }
        if (date.getPrecision().compareTo(ca.uhn.fhir.model.api.TemporalPrecisionEnum.MINUTE) < 0) {
            throw OperationFailure.invalid("date needs a time of day, not only a day.");
        }
        String recordKey = key != null && key.hasValue() ? key.getValue() : "at/" + date.getValue().toInstant();
        SessionRecord record = new SessionRecord(recordKey, date.getValue().toInstant(), Attendance.of(attendance),
                minutes == null || minutes.getValue() == null ? OptionalInt.empty() : OptionalInt.of(minutes.getValue()),
                Modality.of(modality), delivered == null ? List.of() : delivered, completed == null ? List.of() : completed,
                partnerPresent == null ? null : partnerPresent.getValue());
        String clinician = OperationParams.practitioner(practitioner);
        SessionOutcome outcome = engine.sessions().record(carePlan.getIdPart(), record,
                clinician == null ? null : new Reference("Practitioner/" + clinician),
                "session/" + carePlan.getIdPart() + "/" + recordKey + "/" + record.fingerprint());
        Parameters out = new Parameters();
        out.addParameter().setName("session").setResource(outcome.session());
        outcome.delivered().forEach(p -> out.addParameter().setName("delivered").setResource(p));
        out.addParameter().setName("carePlan").setResource(outcome.carePlan());
        out.addParameter("note", new StringType(outcome.summary()));
        return out;
    }

    @Operation(name = "$ipt-change-partner", type = CarePlan.class)
    public org.hl7.fhir.r4.model.EpisodeOfCare changePartner(@IdParam IdType carePlan,
            @OperationParam(name = "partner", min = 1, max = 1) StringType partner,
            @OperationParam(name = "practitioner", max = 1) StringType practitioner) {
        String partnerId = OperationParams.id(partner, "RelatedPerson");
        if (partnerId == null) {
            throw OperationFailure.invalid("partner (RelatedPerson/[id], the partner who joins the sessions from now on) is required.");
        }
        String clinician = OperationParams.practitioner(practitioner);
        return engine.formatChanges().changePartner(carePlan.getIdPart(), "RelatedPerson/" + partnerId,
                clinician == null ? null : new Reference("Practitioner/" + clinician));
    }
}
