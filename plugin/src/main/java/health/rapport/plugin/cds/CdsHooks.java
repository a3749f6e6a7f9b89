package health.rapport.plugin.cds;

import com.fasterxml.jackson.databind.ObjectMapper;
import health.rapport.plugin.config.CdsConfiguration;
import health.rapport.plugin.content.ContentLibrary;
import health.rapport.plugin.content.Displays;
import health.rapport.plugin.fhir.FhirRuntime;
import health.rapport.plugin.http.Urls;
import health.rapport.plugin.safety.ClinicalRules;
import health.rapport.plugin.security.CdsTokenVerifier;
import health.rapport.plugin.security.FhirServerAllowlist;
import health.rapport.plugin.security.RemoteKeySources;
import health.rapport.plugin.security.ReplayCache;
import health.rapport.plugin.security.TokenRejectedException;
import health.rapport.plugin.security.TrustedIssuer;
import health.rapport.plugin.security.VerifiedCaller;
import health.rapport.plugin.store.ChartStore;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The configured CDS Hooks service: checks who calls and answers the rapport-ipt service and its
 * feedback. It exists only with a configuration (PID {@value CdsConfiguration#PID}); an invalid
 * one (a malformed allowlist entry, say) fails activation, so the servlet refuses every call
 * rather than trusting a list it misread.
 */
@Component(service = CdsHooks.class, configurationPid = CdsConfiguration.PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = CdsConfiguration.class)
public final class CdsHooks {

    private static final Logger LOG = LoggerFactory.getLogger(CdsHooks.class);

    private final String serviceBaseUrl;
    private final ExecutorService executor;
    private final CdsTokenVerifier verifier;
    private final PatientViewProcessor patientView;
    private final FeedbackRecorder feedback;

    @Activate
    public CdsHooks(CdsConfiguration config, @Reference FhirRuntime runtime,
            @Reference ClinicalRules rules, @Reference ContentLibrary library,
            @Reference(cardinality = ReferenceCardinality.OPTIONAL, policyOption = ReferencePolicyOption.GREEDY)
            ChartStore store) {
        Clock clock = Clock.systemUTC();
        List<TrustedIssuer> issuers = TrustedIssuer.parse(config.trustedIssuers(), config.allowHttp());
        FhirServerAllowlist allowlist = FhirServerAllowlist.of(config.fhirServers(), config.allowHttp());
        this.serviceBaseUrl = Urls.withoutTrailingSlash(config.serviceBaseUrl() == null ? "" : config.serviceBaseUrl().trim());
        AtomicInteger threads = new AtomicInteger();
        this.executor = Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "rapport-cds-http-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        // One client for the issuers' JWKS and the requests' FHIR servers: never a redirect, bounded waits.
        HttpClient http = HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofMillis(config.connectTimeoutMillis()))
                .version(HttpClient.Version.HTTP_1_1)
                .executor(executor)
                .build();
        Duration readTimeout = Duration.ofMillis(config.readTimeoutMillis());
        this.verifier = new CdsTokenVerifier(issuers,
                new RemoteKeySources(issuers, http, readTimeout, Duration.ofSeconds(config.jwksCacheSeconds())),
                new SharedReplayGuard(new ReplayCache(config.replayCacheSize()), Optional.ofNullable(store)), clock,
                Duration.ofSeconds(config.clockSkewSeconds()));

        ObjectMapper json = new ObjectMapper();
        CardSettings settings = new CardSettings(config.appLaunchUrl().trim(), config.safetyProtocolUrl().trim());
        List<String> codes = Arrays.stream(config.eligibilityCodes()).map(String::trim).filter(c -> c.contains("|")).toList();
        List<PrefetchQuery> eligibility = PrefetchQuery.eligibility(codes, config.eligibilityValueSet().trim());
        Displays displays = new Displays(library);
        CardEngine engine = new CardEngine(List.of(
                new CourseStatusCardRule(displays),
                new MeasuresDueCardRule(),
                new NonResponseCardRule(rules.evaluator()),
                new DeteriorationCardRule(rules.evaluator()),
                new AllianceCardRule(rules.alliance()),
                new EnrolmentCardRule(eligibility, Set.copyOf(codes), displays)));
        this.patientView = new PatientViewProcessor(new HookRequestParser(json), allowlist,
                new ChartLoader(runtime::jsonParser, new FhirServerClient(http, readTimeout)),
                new SafetySignals(rules.safety()),
                new SafetyCard(settings), settings, engine, clock);
        this.feedback = new FeedbackRecorder(new FeedbackParser(json), Optional.ofNullable(store), clock);
        LOG.info("CDS Hooks service ready: {} trusted issuers, {} FHIR servers allowed{}", issuers.size(),
                allowlist.isEmpty() ? "no" : "some", config.allowHttp() ? " (plain http allowed)" : "");
        if (serviceBaseUrl.isEmpty()) {
            LOG.info("CDS Hooks: serviceBaseUrl not set; JWT aud is checked against the URL each request reached");
        }
    }

    @Deactivate
    void close() {
        executor.shutdownNow();
    }

    Discovery.Document discovery() {
        return Discovery.of(patientView.queries());
    }

    /**
     * The caller, when the request's JWT passes every check for the endpoint at {@code path}
     * (e.g. {@code /rapport-ipt}); empty otherwise (the reason goes to the debug log only).
     *
     * @param requestUrl the URL the request reached, used as aud when no public URL is configured
     */
    Optional<VerifiedCaller> caller(String authorization, String requestUrl, String path) {
        String audience = serviceBaseUrl.isEmpty() ? requestUrl : serviceBaseUrl + path;
        try {
            return Optional.of(verifier.verify(authorization, audience));
        } catch (TokenRejectedException e) {
            LOG.debug("CDS request refused: {}", e.getMessage());
            return Optional.empty();
        } catch (RuntimeException e) {
            // A fault in a key source or a library must refuse, never admit.
            LOG.warn("CDS request refused: verification failed ({})", e.getClass().getSimpleName());
            return Optional.empty();
        }
    }

    /** @param servicesUrl the URL of the CDS services (…/cds-services) this call reached */
    CdsAnswer patientView(byte[] body, String servicesUrl) {
        return patientView.handle(body, serviceBaseUrl.isEmpty() ? servicesUrl : serviceBaseUrl);
    }

    CdsAnswer feedback(byte[] body, VerifiedCaller caller) {
        return feedback.record(body, caller);
    }
}
