package health.rapport.plugin.cds;

import health.rapport.plugin.measures.SkippedRecord;
import health.rapport.plugin.safety.Item9State;
import health.rapport.plugin.security.FhirServerAllowlist;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers a verified {@code patient-view} call of the rapport-ipt service.
 *
 * <p>How failures combine (the service degrades to the cards it can still compute):
 * <ul>
 *   <li>The safety check runs on whatever item-9 data arrived (prefetch and/or FHIR server), by the
 *       same rule as the panel and the export. A positive answer, or a check that could not be
 *       completed (a source missing, a record unreadable), always gives a critical card first:
 *       "could not check" is a possible positive, never an empty answer that reads as "nothing to
 *       report".</li>
 *   <li>Every other card comes only when all its data arrived; a card whose data is missing is left
 *       out rather than drawn from half the data.</li>
 * </ul>
 * The FHIR server is only called when the request's {@code fhirServer} is on the allowlist and a
 * bearer token came with it; otherwise the call works from prefetch alone.
 */
final class PatientViewProcessor {

    private static final Logger LOG = LoggerFactory.getLogger(PatientViewProcessor.class);

    private final HookRequestParser parser;
    private final FhirServerAllowlist allowlist;
    private final ChartLoader loader;
    private final SafetySignals safety;
    private final SafetyCard safetyCard;
    private final CardSettings settings;
    private final CardEngine engine;
    private final Clock clock;

    PatientViewProcessor(HookRequestParser parser, FhirServerAllowlist allowlist, ChartLoader loader,
            SafetySignals safety, SafetyCard safetyCard, CardSettings settings, CardEngine engine, Clock clock) {
        this.parser = parser;
        this.allowlist = allowlist;
        this.loader = loader;
        this.safety = safety;
        this.safetyCard = safetyCard;
        this.settings = settings;
        this.engine = engine;
        this.clock = clock;
    }

    /** The queries this service uses: its discovery prefetch. */
    Set<PrefetchQuery> queries() {
        Set<PrefetchQuery> queries = new LinkedHashSet<>(List.of(PrefetchQuery.PHQ9_RESPONSES, PrefetchQuery.SCORES,
                PrefetchQuery.RISK_REVIEWS));
        queries.addAll(engine.needs());
        return queries;
    }

    /** @param servicesUrl the public URL of the CDS services (…/cds-services), for the app link */
    CdsAnswer handle(byte[] body, String servicesUrl) {
        HookRequest request;
        try {
            request = parser.parse(body, Discovery.HOOK);
        } catch (InvalidHookRequestException e) {
            return CdsAnswer.error(400, e.getMessage());
        }
        Instant now = clock.instant();
        ChartData chart = loader.load(request, List.copyOf(queries()), access(request));

        CardContext context = new CardContext(now, settings.appLaunchUrl(servicesUrl));
        List<Card> cards = new ArrayList<>();
        Item9State state = safety.state(chart, now);
        if (!state.unavailable().isEmpty()) {
            LOG.info("patient-view {}: item-9 data unavailable ({})", Texts.loggable(request.hookInstance()),
                    chart.unavailable());
        }
        if (!state.skipped().isEmpty()) {
            LOG.warn("patient-view {}: {} item-9 record(s) set aside: {}", Texts.loggable(request.hookInstance()),
                    state.skipped().size(), state.skipped().stream().map(SkippedRecord::loggable).toList());
        }
        safetyCard.card(state, context).ifPresent(cards::add);
        cards.addAll(engine.cards(chart, context));
        return CdsAnswer.ok(Map.of("cards", cards));
    }

    private Optional<FhirAccess> access(HookRequest request) {
        if (request.fhirServer() == null) {
            return Optional.empty();
        }
        Optional<String> base = allowlist.match(request.fhirServer());
        if (base.isEmpty()) {
            // The value is the caller's: not logged, so it cannot forge log lines.
            LOG.warn("patient-view {}: fhirServer is not on the allowlist; working from prefetch only",
                    Texts.loggable(request.hookInstance()));
            return Optional.empty();
        }
        if (request.authorization().filter(HookRequest.FhirAuthorization::isBearer).isEmpty()) {
            LOG.debug("patient-view: no bearer fhirAuthorization; working from prefetch only");
            return Optional.empty();
        }
        return Optional.of(new FhirAccess(base.get(), request.authorization().get().accessToken()));
    }
}
