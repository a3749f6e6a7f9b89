package health.rapport.plugin.safety;

import health.rapport.plugin.fhir.Canonicals;
import health.rapport.plugin.measures.Instrument;
import health.rapport.plugin.measures.ScoreObservationReader;
import health.rapport.plugin.measures.SkippedRecord;
import health.rapport.plugin.store.ChartStore;
import health.rapport.plugin.store.ChartStoreException;
import health.rapport.plugin.store.SearchPages;
import health.rapport.plugin.store.SearchValues;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.hl7.fhir.r4.model.Resource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The item-9 state of a patient read from the configured FHIR server (for the panel, the export and
 * {@code $ipt-process}; the CDS service reads the same sources from prefetch). Each source is read
 * newest first across the server's pages until the look-back is covered; a source that fails is
 * reported as unavailable, which the rule turns into "could not check", never into "negative".
 */
public final class ChartSafety {

    private static final Logger LOG = LoggerFactory.getLogger(ChartSafety.class);
    private static final int PAGE = 100;
    private static final int MAX_PAGES = 10;

    private final ChartStore store;
    private final SafetyRule rule;
    private final Item9Reader reader = new Item9Reader();

    public ChartSafety(ChartStore store, SafetyRule rule) {
        this.store = store;
        this.rule = rule;
    }

    /** @param patientId a checked FHIR id */
    public Item9State of(String patientId, Instant now) {
        Instant since = now.minus(rule.lookback());
        List<String> unavailable = new ArrayList<>();
        List<QuestionnaireResponse> responses = read("PHQ-9 responses", "QuestionnaireResponse?subject=Patient/"
                + patientId + "&questionnaire=" + SearchValues.encode(Canonicals.QUESTIONNAIRE_PHQ9 + ","
                + Item9Reader.LOINC_PHQ9_FORM) + "&_sort=-authored&_count=" + PAGE, QuestionnaireResponse.class,
                r -> Item9Reader.when(r), since, unavailable);
        List<Observation> observations = read("item-9 Observations", "Observation?subject=Patient/" + patientId
                + "&code=" + SearchValues.encode(Canonicals.LOINC + "|" + Instrument.PHQ9_ITEM9) + "&_sort=-date&_count="
                + PAGE, Observation.class, ScoreObservationReader::when, since,
                unavailable);
        // Without the reviews, every positive stays an alert: the safe side.
        List<QuestionnaireResponse> reviews = read("risk reviews", "QuestionnaireResponse?subject=Patient/" + patientId
                + "&questionnaire=" + SearchValues.encode(RiskReviewForm.URL) + "&_sort=-authored&_count=" + PAGE,
                QuestionnaireResponse.class, r -> Item9Reader.when(r), since, new ArrayList<>());
        Item9State state = rule.assess(reader.read(responses, observations, reviews), unavailable, now);
        if (!state.skipped().isEmpty()) {
            LOG.warn("PHQ-9 item 9 of Patient/{}: {} record(s) set aside: {}", patientId, state.skipped().size(),
                    state.skipped().stream().map(SkippedRecord::loggable).toList());
        }
        return state;
    }

    /** Newest first, page after page, until a page ends before the look-back (the latest is on page one). */
    private <T extends Resource> List<T> read(String what, String search, Class<T> type,
            Function<T, Optional<Instant>> when, Instant since, List<String> unavailable) {
        List<T> out = new ArrayList<>();
        try {
            return SearchPages.into(out, store, search, type, MAX_PAGES,
                    found -> found.stream().map(when).flatMap(Optional::stream).anyMatch(t -> t.isBefore(since)));
        } catch (ChartStoreException e) {
            LOG.warn("PHQ-9 item 9: {} could not be read ({})", what, e.failure());
            unavailable.add(what);
            return out;
        }
    }
}
