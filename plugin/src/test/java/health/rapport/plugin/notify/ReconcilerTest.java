package health.rapport.plugin.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.startsWith;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import health.rapport.plugin.fhir.Canonicals;
import health.rapport.plugin.store.ChartStore;
import health.rapport.plugin.store.ChartStoreException;
import health.rapport.plugin.store.StoreFailure;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Provenance;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.hl7.fhir.r4.model.QuestionnaireResponse.QuestionnaireResponseStatus;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

class ReconcilerTest {

    private static final Instant START = Instant.parse("2026-03-01T10:00:00Z");

    private final ChartStore store = mock(ChartStore.class);
    private final List<String> handled = new ArrayList<>();
    private Outcome outcome = Outcome.PROCESSED;
    private Instant now = START;
    private final Clock clock = new Clock() {
        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    };
    private Reconciler reconciler;

    @BeforeEach
    void setUp() {
        when(store.nextPage(any())).thenReturn(Optional.empty());
        reconciler = new Reconciler(store, id -> {
            handled.add(id);
            return outcome;
        }, clock, Duration.ofHours(24), Duration.ofMinutes(2));
    }

    @Test
    void processesRapportsCompletedResponsesThatLackTheirProvenance() {
        respond(bundle(response("1", "2", "phq-9"), response("2", "1", "gad-7"), foreign("3")),
                bundle(marker("process/1/2")));

        Reconciler.PassReport report = reconciler.pass();

        assertThat(handled).containsExactly("2");
        assertThat(report.found()).isEqualTo(1);
        assertThat(report.processed()).isEqualTo(1);
        assertThat(report.complete()).isTrue();
        ArgumentCaptor<String> searches = ArgumentCaptor.forClass(String.class);
        verify(store, org.mockito.Mockito.times(2)).search(searches.capture());
        assertThat(searches.getAllValues().get(0)).isEqualTo("QuestionnaireResponse?status=completed"
                + "&_lastUpdated=ge2026-02-28T09:58:00Z&_sort=_lastUpdated&_count=100");
        // One search for the markers of the whole batch, by tag.
        assertThat(searches.getAllValues().get(1)).startsWith("Provenance?_tag=")
                .contains("process%2F1%2F2").contains("process%2F2%2F1").doesNotContain("process%2F3");
    }

    @Test
    void theWindowMovesOnOnlyAfterACleanPass() {
        respond(bundle(response("1", "1", "phq-9")), bundle());
        outcome = Outcome.RETRY_LATER;
        now = START.plusSeconds(600);
        assertThat(reconciler.pass().complete()).isFalse();

        now = START.plusSeconds(900);
        outcome = Outcome.PROCESSED;
        Reconciler.PassReport second = reconciler.pass();
        assertThat(second.from()).isEqualTo(Instant.parse("2026-02-28T09:58:00Z"));
        assertThat(second.complete()).isTrue();

        now = START.plusSeconds(1200);
        assertThat(reconciler.pass().from()).isEqualTo(START.plusSeconds(900).minus(Duration.ofMinutes(2)));
        assertThat(handled).containsExactly("1", "1", "1");
    }

    @Test
    void aFhirServerFailureEndsThePassAndKeepsTheWindow() {
        when(store.search(startsWith("QuestionnaireResponse")))
                .thenThrow(new ChartStoreException(StoreFailure.UNAVAILABLE, 503, "down", null, null));

        Reconciler.PassReport report = reconciler.pass();

        assertThat(report.complete()).isFalse();
        assertThat(reconciler.pass().from()).isEqualTo(report.from());
        verify(store, never()).search(startsWith("Provenance"));
    }

    private void respond(Bundle responses, Bundle markers) {
        when(store.search(startsWith("QuestionnaireResponse"))).thenReturn(responses);
        when(store.search(startsWith("Provenance"))).thenReturn(markers);
    }

    private static QuestionnaireResponse response(String id, String version, String questionnaire) {
        QuestionnaireResponse response = new QuestionnaireResponse();
        response.setId("QuestionnaireResponse/" + id + "/_history/" + version);
        response.getMeta().setVersionId(version);
        response.setStatus(QuestionnaireResponseStatus.COMPLETED);
        response.setQuestionnaire(Canonicals.QUESTIONNAIRE_BASE + questionnaire + "|0.1.0");
        return response;
    }

    private static QuestionnaireResponse foreign(String id) {
        return response(id, "1", "x").setQuestionnaire("http://example.org/Questionnaire/intake");
    }

    private static Provenance marker(String key) {
        Provenance provenance = new Provenance();
        provenance.getMeta().addTag(Canonicals.TAG_WRITE, key, null);
        return provenance;
    }

    private static Bundle bundle(org.hl7.fhir.r4.model.Resource... resources) {
        Bundle bundle = new Bundle().setType(Bundle.BundleType.SEARCHSET);
        for (org.hl7.fhir.r4.model.Resource resource : resources) {
            bundle.addEntry().setResource(resource);
        }
        return bundle;
    }
}
