package health.rapport.plugin.exchange.imports;

import health.rapport.plugin.exchange.ProcessNotes;
import health.rapport.plugin.fhir.PrivacyLabels;
import java.util.List;
import org.hl7.fhir.r4.model.Annotation;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.hl7.fhir.r4.model.Resource;

/**
 * No process note comes in either: a sender that shares PSYTHPN content has made a mistake
 * Rapport must not make permanent by storing it. Resources, plan activities and notes are
 * checked, as on export.
 */
final class PrivacyCheck implements DocumentCheck {

    private final ProcessNotes processNotes;

    PrivacyCheck(ProcessNotes processNotes) {
        this.processNotes = processNotes;
    }

    @Override
    public void check(Bundle document, DocumentIndex index, List<Problem> problems) {
        if (processNotes.isProcessNote(document)) {
            problems.add(security("Bundle.meta.security", "The document is labelled PSYTHPN (psychotherapy note)."));
        }
        for (int i = 0; i < document.getEntry().size(); i++) {
            Resource resource = document.getEntry().get(i).getResource();
            if (resource == null) {
                continue;
            }
            String at = DocumentCheck.at(i);
            if (processNotes.isProcessNote(resource)) {
                problems.add(security(at + ".meta.security", resource.fhirType() + (PrivacyLabels.isProcessNote(resource)
                        ? " is labelled PSYTHPN" : " is a psychotherapy process event or note (alliance rupture, session "
                        + "process note)") + ": psychotherapy process notes are never exchanged."));
            }
            if (resource instanceof CarePlan plan) {
                for (int a = 0; a < plan.getActivity().size(); a++) {
                    if (processNotes.isProcessNoteActivity(plan.getActivity().get(a))) {
                        problems.add(security(at + ".activity[" + a + "]", "Plan activity " + a + " is a process note "
                                + "(PSYTHPN label or a process-note intervention); the shareable plan leaves it out."));
                    }
                }
            }
            List<Annotation> notes = ProcessNotes.notes(resource);
            for (int n = 0; n < notes.size(); n++) {
                if (processNotes.labelled(notes.get(n))) {
                    problems.add(security(at + ".note[" + n + "]", "Note " + n + " is labelled PSYTHPN."));
                }
            }
        }
    }

    private static Problem security(String expression, String message) {
        return new Problem(IssueType.SECURITY, expression, message);
    }
}
