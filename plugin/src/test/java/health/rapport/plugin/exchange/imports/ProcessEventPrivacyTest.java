package health.rapport.plugin.exchange.imports;

import static org.assertj.core.api.Assertions.assertThat;

import health.rapport.plugin.exchange.ProcessNotes;
import health.rapport.plugin.fhir.Canonicals;
import health.rapport.plugin.measures.Fixtures;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.DocumentReference;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.Test;

/**
 * Ruptures, repairs and session process notes never travel: labelled, they are held back like every
 * PSYTHPN resource; recognised by profile, code or type, they are held back even when a system dropped
 * the label. The shipped examples are the fixtures.
 */
class ProcessEventPrivacyTest {

    private final ProcessNotes processNotes = new ProcessNotes(Set.of());

    @Test
    void theShippedProcessEventsAreProcessNotesWithOrWithoutTheirLabel() {
        for (Resource event : events()) {
            assertThat(processNotes.isProcessNote(event)).as(event.getIdElement().getIdPart()).isTrue();
            Resource unlabelled = event.copy();
            unlabelled.getMeta().getSecurity().removeIf(c -> "PSYTHPN".equals(c.getCode()));
            assertThat(processNotes.isProcessNote(unlabelled)).as("unlabelled %s", event.getIdElement().getIdPart()).isTrue();
            Resource bare = unlabelled.copy();
            bare.getMeta().getProfile().clear();
            assertThat(processNotes.isProcessNote(bare)).as("without profile %s", event.getIdElement().getIdPart()).isTrue();
        }
        Observation score = Fixtures.shippedExample("Observation-example-maya-phq9-baseline.json", Observation.class);
        assertThat(processNotes.isProcessNote(score)).isFalse();
    }

    @Test
    void anImportedDocumentCarryingOneIsRefusedForEachOfThem() {
        Bundle document = new Bundle().setType(Bundle.BundleType.DOCUMENT);
        for (Resource event : events()) {
            Resource unlabelled = event.copy();
            unlabelled.getMeta().getSecurity().removeIf(c -> "PSYTHPN".equals(c.getCode()));
            document.addEntry().setFullUrl("http://a/fhir/" + event.fhirType() + "/" + event.getIdElement().getIdPart())
                    .setResource(unlabelled);
        }
        List<Problem> problems = new ArrayList<>();
        new PrivacyCheck(processNotes).check(document, null, problems);
        assertThat(problems).extracting(Problem::message)
                .anyMatch(m -> m.startsWith("Observation is a psychotherapy process event"))
                .anyMatch(m -> m.startsWith("DocumentReference is a psychotherapy process event"));
    }

    private static List<Resource> events() {
        Observation rupture = Fixtures.shippedExample("Observation-example-maya-rupture.json", Observation.class);
        DocumentReference note = Fixtures.shippedExample("DocumentReference-example-maya-process-note.json",
                DocumentReference.class);
        assertThat(rupture.getMeta().hasProfile(Canonicals.PROFILE_ALLIANCE_RUPTURE)).isTrue();
        return List.of(rupture, note);
    }
}
