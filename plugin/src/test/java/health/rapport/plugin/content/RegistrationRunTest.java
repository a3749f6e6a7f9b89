package health.rapport.plugin.content;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

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
import java.util.concurrent.CopyOnWriteArrayList;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.MetadataResource;
import org.hl7.fhir.r4.model.Questionnaire;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

class RegistrationRunTest {

    private static final Duration OUTCOME_WAIT = Duration.ofMinutes(5);

    private final Questionnaire phq9 = new Questionnaire().setUrl("https://rapport-ipt.org/fhir/Questionnaire/phq-9")
            .setVersion("0.1.0");
    private final Questionnaire gad7 = new Questionnaire().setUrl("https://rapport-ipt.org/fhir/Questionnaire/gad-7")
            .setVersion("0.1.0");
    private final CodeSystem phases = new CodeSystem().setUrl("https://rapport-ipt.org/fhir/CodeSystem/ipt-phase")
            .setVersion("0.1.0");
    private final List<MetadataResource> catalog = List.of(phq9, gad7, phases);

    /** What the server holds: the searches answer from it. */
    private final List<MetadataResource> held = new CopyOnWriteArrayList<>();
    private final ChartStore store = mock(ChartStore.class);
    private Instant now = Instant.parse("2026-01-01T00:00:00Z");

    @BeforeEach
    void server() {
        when(store.search(anyString())).thenAnswer(call -> {
            String type = call.<String>getArgument(0).substring(0, call.<String>getArgument(0).indexOf('?'));
            Bundle page = new Bundle().setType(Bundle.BundleType.SEARCHSET);
            held.stream().filter(r -> r.fhirType().equals(type)).forEach(r -> page.addEntry().setResource(r.copy()));
            return page;
        });
        when(store.nextPage(any())).thenReturn(Optional.empty());
    }

    @Test
    void sendsOnlyWhatTheServerLacksAndCountsWhatItCreated() {
        held.add(phq9);
        when(store.transaction(any())).thenAnswer(call -> answerCreatingAll(call.getArgument(0)));

        RegistrationRun.Step step = run().next();

        ArgumentCaptor<Bundle> sent = ArgumentCaptor.forClass(Bundle.class);
        verify(store).transaction(sent.capture());
        assertThat(sent.getValue().getEntry()).extracting(e -> ((MetadataResource) e.getResource()).getUrl())
                .containsExactly(gad7.getUrl(), phases.getUrl());
        assertThat(step).isEqualTo(new RegistrationRun.Step.Registered(2));
    }

    @Test
    void aServerHoldingEverythingGetsNoTransaction() {
        held.addAll(catalog);

        assertThat(run().next()).isEqualTo(new RegistrationRun.Step.Registered(0));
        verify(store, never()).transaction(any());
    }

    @Test
    void aTimedOutTransactionIsNeverSentAgainAndItsLateSuccessIsCounted() {
        when(store.transaction(any())).thenThrow(timeout());
        RegistrationRun run = run();

        assertThatThrownBy(run::next).isInstanceOf(ChartStoreException.class);
        now = now.plusSeconds(2);
        assertThat(run.next()).as("still running on the server")
                .isInstanceOf(RegistrationRun.Step.AwaitingOutcome.class);
        held.addAll(catalog); // the first transaction commits late
        now = now.plusSeconds(4);

        assertThat(run.next()).isEqualTo(new RegistrationRun.Step.Registered(3));
        verify(store, times(1)).transaction(any());
    }

    @Test
    void whatATimedOutTransactionNeverWroteIsSentAgainOnlyAfterTheWait() {
        when(store.transaction(any())).thenThrow(timeout()).thenAnswer(call -> answerCreatingAll(call.getArgument(0)));
        RegistrationRun run = run();
        assertThatThrownBy(run::next).isInstanceOf(ChartStoreException.class);

        now = now.plus(OUTCOME_WAIT).minusSeconds(1);
        assertThat(run.next()).isInstanceOf(RegistrationRun.Step.AwaitingOutcome.class);
        verify(store, times(1)).transaction(any());

        now = now.plusSeconds(2);
        assertThat(run.next()).isEqualTo(new RegistrationRun.Step.Registered(3));
        verify(store, times(2)).transaction(any());
    }

    @Test
    void anAnsweredFailureIsRetriedAtOnce() {
        when(store.transaction(any()))
                .thenThrow(new ChartStoreException(StoreFailure.BAD_GATEWAY, 500, "server error", null, null))
                .thenAnswer(call -> answerCreatingAll(call.getArgument(0)));
        RegistrationRun run = run();
        assertThatThrownBy(run::next).isInstanceOf(ChartStoreException.class);

        assertThat(run.next()).isEqualTo(new RegistrationRun.Step.Registered(3));
    }

    private RegistrationRun run() {
        Clock clock = new Clock() {
            @Override
            public ZoneOffset getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return now;
            }
        };
        return new RegistrationRun(store, catalog, clock, OUTCOME_WAIT);
    }

    private Bundle answerCreatingAll(Bundle transaction) {
        Bundle response = new Bundle().setType(Bundle.BundleType.TRANSACTIONRESPONSE);
        List<MetadataResource> written = new ArrayList<>();
        transaction.getEntry().forEach(entry -> {
            written.add((MetadataResource) entry.getResource());
            response.addEntry().getResponse().setStatus("201 Created");
        });
        held.addAll(written);
        return response;
    }

    private static ChartStoreException timeout() {
        return new ChartStoreException(StoreFailure.TIMEOUT, 0, "FHIR server did not answer in time", null, null);
    }
}
