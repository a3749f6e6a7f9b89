package health.rapport.plugin.alliance;

import java.time.Instant;

/** One session alliance score and when it was given. */
public record AllianceReading(Instant when, int score) {
}
