package health.rapport.plugin.cds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import health.rapport.plugin.config.CdsConfiguration;
import health.rapport.plugin.config.ReplayCheck;
import health.rapport.plugin.security.ReplayCache;
import health.rapport.plugin.security.ReplayGuard;
import health.rapport.plugin.store.ChartStore;
import health.rapport.plugin.store.ChartStoreException;
import health.rapport.plugin.store.CreateOutcome;
import health.rapport.plugin.store.StoreFailure;
import java.util.Optional;
import org.hl7.fhir.r4.model.IdType;
import org.junit.jupiter.api.Test;

class SharedReplayGuardTest {

    private static final long NOW = 1_000_000L;
    private final ChartStore store = mock(ChartStore.class);
    private final SharedReplayGuard guard = new SharedReplayGuard(new ReplayCache(100), Optional.of(store));

    @Test
    void theFirstUseAnywhereLeavesAMarkerOnTheFhirServer() {
        when(store.createIfNoneExist(any(), anyString())).thenReturn(new CreateOutcome(new IdType("AuditEvent/1"), true));
        assertThat(guard.firstUse("iss\njti-1", NOW + 60_000, NOW)).isTrue();
        verify(store).createIfNoneExist(any(), eq("_tag=https%3A%2F%2Frapport-ipt.org%2Ffhir%2FCodeSystem%2Fwrite%7C"
                + SharedReplayGuard.marker("iss\njti-1").replace("/", "%2F")));
    }

    @Test
    void aMarkerLeftByAnotherHostMeansReplay() {
        when(store.createIfNoneExist(any(), anyString())).thenReturn(new CreateOutcome(new IdType("AuditEvent/9"), false));
        assertThat(guard.firstUse("iss\njti-2", NOW + 60_000, NOW)).isFalse();
    }

    @Test
    void aRepeatOnThisHostIsRefusedWithoutARoundTrip() {
        when(store.createIfNoneExist(any(), anyString())).thenReturn(new CreateOutcome(new IdType("AuditEvent/1"), true));
        assertThat(guard.firstUse("iss\njti-3", NOW + 60_000, NOW)).isTrue();
        assertThat(guard.firstUse("iss\njti-3", NOW + 60_000, NOW + 1)).isFalse();
        verify(store, times(1)).createIfNoneExist(any(), anyString());
    }

    @Test
    void anUnreachableFhirServerLeavesTheDecisionToThisHost() {
        when(store.createIfNoneExist(any(), anyString()))
                .thenThrow(new ChartStoreException(StoreFailure.UNAVAILABLE, 0, "down", null, null));
        assertThat(guard.firstUse("iss\njti-4", NOW + 60_000, NOW)).isTrue();
        assertThat(guard.firstUse("iss\njti-4", NOW + 60_000, NOW + 1)).isFalse();
    }

    @Test
    void withoutAConfiguredServerTheHostCacheAloneDecides() {
        SharedReplayGuard local = new SharedReplayGuard(new ReplayCache(100), Optional.empty());
        assertThat(local.firstUse("iss\njti-5", NOW + 60_000, NOW)).isTrue();
        assertThat(local.firstUse("iss\njti-5", NOW + 60_000, NOW)).isFalse();
        verifyNoInteractions(store);
    }

    @Test
    void theMarkerIsADigestNotTheToken() {
        assertThat(SharedReplayGuard.marker("https://ehr.example\nabc"))
                .startsWith(SharedReplayGuard.KEY_PREFIX).doesNotContain("abc").hasSize(SharedReplayGuard.KEY_PREFIX.length() + 64);
    }

    @Test
    void replayCheckHostWritesNothingAndStillRefusesARepeatOnThisHost() {
        CdsConfiguration config = mock(CdsConfiguration.class);
        when(config.replayCacheSize()).thenReturn(100);
        when(config.replayCheck()).thenReturn(ReplayCheck.HOST);
        ReplayGuard host = CdsHooks.replayGuard(config, store);
        assertThat(host.firstUse("iss\njti-6", NOW + 60_000, NOW)).isTrue();
        assertThat(host.firstUse("iss\njti-6", NOW + 60_000, NOW + 1)).isFalse();
        verifyNoInteractions(store);
    }

    @Test
    void replayCheckFhirServerLeavesTheSharedMarker() {
        CdsConfiguration config = mock(CdsConfiguration.class);
        when(config.replayCacheSize()).thenReturn(100);
        when(config.replayCheck()).thenReturn(ReplayCheck.FHIR_SERVER);
        when(store.createIfNoneExist(any(), anyString())).thenReturn(new CreateOutcome(new IdType("AuditEvent/9"), false));
        ReplayGuard shared = CdsHooks.replayGuard(config, store);
        assertThat(shared.firstUse("iss\njti-7", NOW + 60_000, NOW)).as("used on another host").isFalse();
        verify(store).createIfNoneExist(any(), anyString());
    }
}
