package health.rapport.plugin.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import health.rapport.plugin.store.ChartStore;
import health.rapport.plugin.store.ChartStoreException;
import health.rapport.plugin.store.StoreFailure;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Predicate;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.junit.jupiter.api.Test;

class CapabilityCheckTest {

    private final ChartStore store = mock(ChartStore.class);

    @Test
    void readsTheStatementOnceAndKeepsWhatIsMissing() {
        CapabilityStatement statement = new CapabilityStatement();
        statement.addRest().setMode(CapabilityStatement.RestfulCapabilityMode.SERVER);
        when(store.capabilities()).thenReturn(statement);

        CapabilityCheck check = new CapabilityCheck(store);
        try {
            CapabilityCheck.Result result = await(check, r -> r.status() != CapabilityCheck.Result.Status.PENDING);
            assertThat(result.status()).isEqualTo(CapabilityCheck.Result.Status.INCOMPLETE);
            assertThat(result.missing()).contains("system interaction 'transaction'", "Patient: resource type not supported");
            verify(store, times(1)).capabilities();
        } finally {
            check.stop();
        }
    }

    @Test
    void staysPendingWithTheReasonWhileTheServerIsUnreachable() {
        when(store.capabilities()).thenThrow(new ChartStoreException(StoreFailure.UNAVAILABLE, 0, "connection refused", null, null));

        CapabilityCheck check = new CapabilityCheck(store);
        try {
            CapabilityCheck.Result result = await(check, r -> r.error() != null);
            assertThat(result.status()).isEqualTo(CapabilityCheck.Result.Status.PENDING);
            assertThat(result.error()).contains("connection refused");
            assertThat(result.missing()).isNull();
        } finally {
            check.stop();
        }
    }

    private static CapabilityCheck.Result await(CapabilityCheck check, Predicate<CapabilityCheck.Result> done) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
        CapabilityCheck.Result result = check.result();
        while (!done.test(result) && Instant.now().isBefore(deadline)) {
            Thread.onSpinWait();
            result = check.result();
        }
        return result;
    }
}
