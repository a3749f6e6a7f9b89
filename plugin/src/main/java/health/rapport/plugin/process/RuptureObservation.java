package health.rapport.plugin.process;

import ca.uhn.fhir.model.api.TemporalPrecisionEnum;
import health.rapport.plugin.fhir.Canonicals;
import health.rapport.plugin.fhir.PrivacyLabels;
import java.util.Date;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.InstantType;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Reference;

/**
 * A rupture and its repair as one Observation of profile {@code ipt-alliance-rupture}: the event, its
 * session and its parts as components, so the episode is read and kept (or held back) whole. Labelled as
 * a psychotherapy note.
 */
final class RuptureObservation {

    private final ProcessCodes codes;

    RuptureObservation(ProcessCodes codes) {
        this.codes = codes;
    }

    Observation of(SessionEncounter session, RuptureRecord rupture, Reference clinician, Date now) {
        Observation event = new Observation().setStatus(Observation.ObservationStatus.FINAL);
        event.getMeta().addProfile(Canonicals.PROFILE_ALLIANCE_RUPTURE);
        event.addCategory(new CodeableConcept(codes.of(Canonicals.CS_PROCESS_EVENT, "psychotherapy-process")));
        event.setCode(new CodeableConcept(codes.of(Canonicals.CS_PROCESS_EVENT, "alliance-rupture")));
        event.setSubject(session.patient());
        event.setEncounter(session.reference());
        // Without a time of its own the rupture is dated to its session, or else to when it was recorded.
        // In UTC, whatever the host's zone: the same event reads the same on every host.
        DateTimeType effective = new DateTimeType(rupture.occurred().orElse(session.start() != null ? session.start() : now),
                TemporalPrecisionEnum.SECOND);
        effective.setTimeZoneZulu(true);
        event.setEffective(effective);
        InstantType issued = new InstantType(now);
        issued.setTimeZoneZulu(true);
        event.setIssuedElement(issued);
        if (clinician != null) {
            event.addPerformer(clinician.copy());
        }
        component(event, "rupture-marker", rupture.marker());
        rupture.strategies().forEach(s -> component(event, "repair-strategy", s));
        component(event, "rupture-resolution", rupture.resolution());
        rupture.note().ifPresent(text -> event.addNote().setText(text));
        return PrivacyLabels.processNote(event);
    }

    private void component(Observation event, String part, Coding value) {
        event.addComponent().setCode(new CodeableConcept(codes.of(Canonicals.CS_PROCESS_EVENT, part)))
                .setValue(new CodeableConcept(value.copy()));
    }
}
