package health.rapport.plugin.careplan;

import health.rapport.plugin.fhir.Canonicals;
import health.rapport.plugin.http.OperationFailure;
import health.rapport.plugin.sessions.CourseFormat;
import health.rapport.plugin.sessions.TherapyGroups;
import health.rapport.plugin.store.ChartStore;
import health.rapport.plugin.store.SearchValues;
import java.util.List;
import java.util.Optional;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.Group;
import org.hl7.fhir.r4.model.RelatedPerson;

/**
 * What a conjoint or group enrolment needs from the chart before anything is written: the partner is
 * one of the patient's RelatedPersons and a role dispute is the patient's recorded problem area (conjoint
 * IPT is for a marital dispute, Foley et al. 1989); the group is an active IPT group (profile
 * ipt-therapy-group). Each refusal is a 4xx naming what is wrong.
 */
final class CourseFormatCheck {

    /** What the checked chart adds to the plan: the role dispute (and its stage) of a conjoint course. */
    record Checked(List<Coding> problemAreas, Coding disputeStage, Group group) {
    }

    private final ChartStore store;

    CourseFormatCheck(ChartStore store) {
        this.store = store;
    }

    Checked check(String patientId, CourseFormat format) {
        return switch (format.format()) {
            case INDIVIDUAL -> new Checked(List.of(), null, null);
            case CONJOINT -> conjoint(patientId, format.partner());
            case GROUP -> new Checked(List.of(), null, group(format.group()));
        };
    }

    private Checked conjoint(String patientId, String partner) {
        RelatedPerson person = ChartWrites.require(store, RelatedPerson.class, idOf(partner), 422);
        if (!("Patient/" + patientId).equals(person.getPatient().getReference())) {
            throw OperationFailure.businessRule(partner + " is not a related person of Patient/" + patientId
                    + "; a conjoint course's partner is one of the patient's own (from the Interpersonal Inventory).");
        }
        Bundle found = store.search("Condition?subject=Patient/" + patientId + "&code="
                + SearchValues.encode(Canonicals.CS_PROBLEM_AREA + "|role-dispute") + "&clinical-status=active&_count=10");
        Optional<Condition> dispute = found.getEntry().stream().map(e -> e.getResource())
                .filter(Condition.class::isInstance).map(Condition.class::cast).findFirst();
        if (dispute.isEmpty()) {
            throw OperationFailure.businessRule("Conjoint IPT is for a role dispute, and Patient/" + patientId
                    + " has no active role-dispute problem area recorded (the Interpersonal Inventory's formulation"
                    + " records it); enrol in the individual format, or record the problem area first.");
        }
        Extension stage = dispute.get().getExtensionByUrl(Canonicals.EXT_DISPUTE_STAGE);
        return new Checked(List.of(new Coding(Canonicals.CS_PROBLEM_AREA, "role-dispute", "Role dispute")),
                stage != null && stage.getValue() instanceof Coding c ? c.copy() : null, null);
    }

    private Group group(String reference) {
        Group group = TherapyGroups.require(store, idOf(reference), 422);
        if (group.hasActive() && !group.getActive()) {
            throw OperationFailure.businessRule(reference + " is no longer active; members join an active group.");
        }
        return group;
    }

    static String idOf(String reference) {
        return reference.substring(reference.indexOf('/') + 1);
    }
}
