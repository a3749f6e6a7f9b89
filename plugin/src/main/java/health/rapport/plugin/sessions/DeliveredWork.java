package health.rapport.plugin.sessions;

import health.rapport.plugin.http.OperationFailure;
import health.rapport.plugin.content.ContentLibrary;
import health.rapport.plugin.fhir.Canonicals;
import health.rapport.plugin.fhir.PrivacyLabels;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Set;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.CarePlan.CarePlanActivityComponent;
import org.hl7.fhir.r4.model.CarePlan.CarePlanActivityStatus;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Procedure;
import org.hl7.fhir.r4.model.Reference;

/**
 * What was done in a session: one Procedure per IPT task, technique or intervention used (profile
 * ipt-delivered-procedure), and the plan's matching activities moved on by the clinician's choice —
 * used once makes a planned activity in progress, marked completed makes it completed. Codes come
 * from Rapport's ipt-task, ipt-technique and integrative-intervention CodeSystems only.
 */
final class DeliveredWork {

    private static final Set<String> SYSTEMS = Set.of(Canonicals.CS_IPT_TASK, Canonicals.CS_IPT_TECHNIQUE,
            Canonicals.CS_INTERVENTION);

    private final ContentLibrary library;

    DeliveredWork(ContentLibrary library) {
        this.library = library;
    }

    /** The codes with their displays; a 400 for a code that is not one of Rapport's techniques or interventions. */
    List<Coding> checked(List<Coding> codes) {
        List<Coding> out = new ArrayList<>();
        for (Coding code : codes) {
            if (!SYSTEMS.contains(code.getSystem()) || library.display(code.getSystem(), code.getCode()).isEmpty()) {
                throw OperationFailure.invalid("'" + code.getSystem() + "|" + code.getCode() + "' is not an IPT task, IPT technique or integrative intervention of Rapport's ("
                        + String.join(", ", SYSTEMS.stream().sorted().toList()) + ").");
            }
            out.add(new Coding(code.getSystem(), code.getCode(), library.display(code.getSystem(), code.getCode()).get()));
        }
        return out;
    }

    /** The identifier value of {@code code} delivered in session {@code sessionKey}. */
    static String key(String sessionKey, Coding code) {
        String system = code.getSystem().substring(code.getSystem().lastIndexOf('/') + 1);
        return sessionKey + "/" + system + "/" + code.getCode();
    }

    static Procedure procedure(String sessionKey, Coding code, Reference plan, Reference patient, Reference session,
            Date when, Reference performer) {
        Procedure procedure = new Procedure();
        procedure.getMeta().addProfile(Canonicals.PROFILE_DELIVERED_PROCEDURE);
        procedure.addIdentifier().setSystem(Canonicals.IDENTIFIER_DELIVERED).setValue(key(sessionKey, code));
        procedure.addBasedOn(plan.copy());
        procedure.setStatus(Procedure.ProcedureStatus.COMPLETED);
        procedure.setCode(new CodeableConcept(code.copy()));
        procedure.setSubject(patient.copy());
        procedure.setEncounter(session.copy());
        procedure.setPerformed(new DateTimeType(when));
        if (performer != null) {
            procedure.addPerformer().setActor(performer.copy());
        }
        return PrivacyLabels.clinical(procedure);
    }

    /**
     * Moves the plan's activities for the codes used; true when the plan changed. An activity
     * already completed or cancelled stays so: the clinician reopens work on the plan, not here.
     */
    static boolean progress(CarePlan plan, SessionRecord record, List<Coding> used) {
        boolean changed = false;
        for (Coding code : used) {
            CarePlanActivityStatus next = record.completes(code) ? CarePlanActivityStatus.COMPLETED
                    : CarePlanActivityStatus.INPROGRESS;
            for (CarePlanActivityComponent activity : plan.getActivity()) {
                if (!activity.getDetail().getCode().getCoding().stream().anyMatch(c -> SessionRecord.same(c, code))) {
                    continue;
                }
                CarePlanActivityStatus current = activity.getDetail().getStatus();
                if (current == CarePlanActivityStatus.COMPLETED || current == CarePlanActivityStatus.CANCELLED
                        || current == CarePlanActivityStatus.STOPPED || current == next) {
                    continue;
                }
                activity.getDetail().setStatus(next);
                changed = true;
            }
        }
        return changed;
    }
}
