package health.rapport.plugin.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import health.rapport.plugin.measures.Fixtures;
import health.rapport.plugin.store.ChartStore;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.DocumentReference;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.Test;

/** The private area's data, read from the shipped examples as the FHIR server would return them. */
class ProcessChartTest {

    private final ChartStore store = mock(ChartStore.class);

    @Test
    @SuppressWarnings("unchecked")
    void ruptureRepairAndNoteAreReadInWordsWithTheirSession() {
        Observation rupture = Fixtures.shippedExample("Observation-example-maya-rupture.json", Observation.class);
        Observation earlier = rupture.copy();
        earlier.setId("earlier");
        earlier.getEffectiveDateTimeType().setValueAsString("2026-07-15T09:00:00-05:00");
        Observation withdrawn = rupture.copy();
        withdrawn.setId("withdrawn");
        withdrawn.setStatus(Observation.ObservationStatus.ENTEREDINERROR);
        DocumentReference note = Fixtures.shippedExample("DocumentReference-example-maya-process-note.json",
                DocumentReference.class);
        Encounter session = Fixtures.shippedExample("Encounter-example-maya-session-3.json", Encounter.class);
        when(store.search(anyString())).thenReturn(new Bundle());
        when(store.search(argThat(s -> s != null && s.startsWith("Observation?")))).thenReturn(bundle(earlier, withdrawn, rupture));
        when(store.search(argThat(s -> s != null && s.startsWith("DocumentReference?")))).thenReturn(bundle(note));
        when(store.search(argThat(s -> s != null && s.startsWith("Encounter?")))).thenReturn(bundle(session));

        Map<String, Object> view = new ProcessChart(store).of("example-maya");

        List<Map<String, Object>> ruptures = (List<Map<String, Object>>) view.get("ruptures");
        // 09:00 at UTC-5 is 14:00Z, after the example's 10:25Z: compared as instants, it comes first.
        assertThat(ruptures).extracting(r -> r.get("id")).containsExactly("earlier", "example-maya-rupture");
        assertThat(ruptures.get(1)).containsEntry("marker", "Withdrawal").containsEntry("resolution", "Partly resolved")
                .containsEntry("encounter", "example-maya-session-3")
                .containsEntry("strategies", List.of("Explore the rupture experience", "Change tasks or goals"));
        assertThat((String) ruptures.get(1).get("note")).startsWith("Fell silent");
        List<Map<String, Object>> notes = (List<Map<String, Object>>) view.get("notes");
        assertThat(notes).singleElement().satisfies(n -> assertThat((String) n.get("text")).startsWith("She looked at the clock"));
        assertThat((List<Map<String, Object>>) view.get("sessions")).singleElement()
                .satisfies(s -> assertThat(s).containsEntry("id", "example-maya-session-3").containsEntry("label", "Session 3"));
    }

    private static Bundle bundle(Resource... resources) {
        Bundle bundle = new Bundle();
        for (Resource r : resources) {
            bundle.addEntry().setResource(r);
        }
        return bundle;
    }
}
