package health.rapport.plugin.measures;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The course of one measure for one patient, judged against its baseline.
 *
 * @param instrument the measure
 * @param status response, remission, non-response, or how it is going while too early to judge
 * @param baseline the first score of the course
 * @param latest the most recent score (the baseline itself when there is only one)
 * @param percentReduction how far the latest total is below baseline, in whole percent (negative when
 *     higher), rounded towards zero; empty when the baseline is 0
 * @param reasons sentences explaining the status, for a CDS card and the plan
 * @param suggestions the adaptations to offer; empty unless {@link ResponseStatus#NON_RESPONSE}
 * @param reliableChange reliable improvement, deterioration, recovery or none; empty with the baseline only
 */
public record TreatmentResponse(
        Instrument instrument,
        ResponseStatus status,
        SessionScore baseline,
        SessionScore latest,
        OptionalInt percentReduction,
        List<String> reasons,
        List<AdaptationSuggestion> suggestions,
        Optional<ReliableChange> reliableChange) {

    public TreatmentResponse {
        Objects.requireNonNull(instrument, "instrument");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(baseline, "baseline");
        Objects.requireNonNull(latest, "latest");
        reasons = List.copyOf(reasons);
        suggestions = List.copyOf(suggestions);
        Objects.requireNonNull(reliableChange, "reliableChange");
    }

    /** A reliable deterioration: a warning at any session. */
    public boolean deteriorated() {
        return reliableChange.filter(c -> c == ReliableChange.DETERIORATION).isPresent();
    }
}
