package health.rapport.plugin.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ReplayCacheTest {

    @Test
    void refusesASecondUseUntilExpiry() {
        ReplayCache cache = new ReplayCache(10);
        assertThat(cache.firstUse("a", 1_000, 0)).isTrue();
        assertThat(cache.firstUse("a", 1_000, 500)).isFalse();
        assertThat(cache.firstUse("a", 3_000, 1_001)).isTrue();
    }

    @Test
    void staysBoundedDroppingTheEntryClosestToExpiry() {
        ReplayCache cache = new ReplayCache(3);
        cache.firstUse("soon", 100, 0);
        cache.firstUse("late", 900, 0);
        cache.firstUse("middle", 500, 0);
        cache.firstUse("new", 800, 0);

        assertThat(cache.size()).isEqualTo(3);
        assertThat(cache.firstUse("late", 900, 1)).isFalse();
        assertThat(cache.firstUse("middle", 500, 1)).isFalse();
    }
}
