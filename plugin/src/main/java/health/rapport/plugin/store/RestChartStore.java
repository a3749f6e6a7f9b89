package health.rapport.plugin.store;

import ca.uhn.fhir.rest.api.MethodOutcome;
import ca.uhn.fhir.rest.client.apache.ApacheRestfulClientFactory;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.api.ServerValidationModeEnum;
import health.rapport.plugin.config.AuthMode;
import health.rapport.plugin.config.FhirServerConfiguration;
import health.rapport.plugin.fhir.BundleClassLoader;
import health.rapport.plugin.fhir.FhirRuntime;
import health.rapport.plugin.http.Urls;
import java.io.IOException;
import java.net.URI;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.apache.http.impl.client.CloseableHttpClient;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.instance.model.api.IIdType;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@link ChartStore} over FHIR REST with HAPI's generic client. */
@Component(service = ChartStore.class,
        configurationPid = FhirServerConfiguration.PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = FhirServerConfiguration.class)
public final class RestChartStore implements ChartStore {

    private static final Logger LOG = LoggerFactory.getLogger(RestChartStore.class);

    private final String baseUrl;
    private final CloseableHttpClient http;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final SearchBudget searches;
    private volatile boolean closing;
    private final IGenericClient client;
    /** Rapport's own token, for its own work only: none, the configured one, or a Backend Services one. */
    private final java.util.function.Supplier<Optional<String>> serviceToken;

    @Activate
    public RestChartStore(@Reference FhirRuntime runtime, FhirServerConfiguration config) {
        this.baseUrl = validBaseUrl(config.baseUrl());
        if (config.auth() == AuthMode.BEARER && config._bearerToken().isBlank()) {
            throw new IllegalArgumentException("auth=BEARER needs a non-empty .bearerToken");
        }
        this.serviceToken = serviceTokens(config, baseUrl);
        this.searches = new SearchBudget(config.maxConcurrentSearches(), config.readTimeoutMillis());
        this.http = FhirHttpClients.create(config.connectTimeoutMillis(), config.readTimeoutMillis(),
                config.maxConnections());
        this.client = BundleClassLoader.call(() -> {
            ApacheRestfulClientFactory factory = new ApacheRestfulClientFactory(runtime.context());
            // Each timeout setter discards the factory's HTTP client: set them before handing it ours.
            factory.setConnectTimeout(config.connectTimeoutMillis());
            factory.setConnectionRequestTimeout(config.connectTimeoutMillis());
            factory.setSocketTimeout(config.readTimeoutMillis());
            factory.setHttpClient(http);
            // Otherwise HAPI GETs /metadata before the first real request.
            factory.setServerValidationMode(ServerValidationModeEnum.NEVER);
            // HAPI takes the HTTP client of every request from the context's factory, not from the
            // factory that made the generic client: without this, requests ran on a default client
            // (10 s read timeout, redirects followed, its own pool) whatever was configured.
            runtime.context().setRestfulClientFactory(factory);
            IGenericClient generic = factory.newGenericClient(baseUrl);
            generic.registerInterceptor(new RequestAuthorization(serviceToken));
            generic.registerInterceptor(new CurrentReads());
            return generic;
        });
        LOG.info("Chart store on {} (auth {}, connect {} ms, read {} ms)", baseUrl, config.auth(),
                config.connectTimeoutMillis(), config.readTimeoutMillis());
    }

    /**
     * Closes the connection pool once the requests still running on it have ended (each is bounded by
     * the read timeout): closing it under them would reset their connections, and a write the server is
     * still running would be abandoned half-way through its answer.
     */
    @Deactivate
    void close() {
        closing = true;
        if (inFlight.get() == 0) {
            closeHttp();
        }
    }

    private void closeHttp() {
        try {
            http.close();
        } catch (IOException e) {
            LOG.debug("Closing the connections to {}: {}", baseUrl, e.getMessage());
        }
    }

    static String validBaseUrl(String configured) {
        if (configured == null || configured.isBlank()) {
            throw new IllegalArgumentException("baseUrl is required");
        }
        URI uri = URI.create(configured.trim());
        if (!uri.isAbsolute() || uri.getHost() == null
                || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
                || uri.getRawQuery() != null || uri.getRawFragment() != null || uri.getRawUserInfo() != null) {
            throw new IllegalArgumentException("baseUrl must be an absolute http(s) URL without query, "
                    + "fragment or credentials: " + configured);
        }
        String text = uri.toString();
        return Urls.withoutTrailingSlash(text);
    }

    @Override
    public String baseUrl() {
        return baseUrl;
    }

    @Override
    public <T extends IBaseResource> T read(Class<T> type, String id) {
        return exchange("read " + type.getSimpleName() + "/" + id,
                () -> client.read().resource(type).withId(id).execute());
    }

    @Override
    public Bundle search(String relativeSearchUrl) {
        String action = "search " + relativeSearchUrl;
        return searches.run(action, () -> exchange(action,
                () -> client.search().byUrl(relativeSearchUrl).returnBundle(Bundle.class).execute()));
    }

    @Override
    public Optional<Bundle> nextPage(Bundle page) {
        if (page.getLink(Bundle.LINK_NEXT) == null) {
            return Optional.empty();
        }
        return Optional.of(searches.run("next page", () -> exchange("next page",
                () -> client.loadPage().next(page).execute())));
    }

    @Override
    public Bundle transaction(Bundle transaction) {
        return exchange("transaction of " + transaction.getEntry().size() + " entries",
                () -> client.transaction().withBundle(transaction).execute());
    }

    @Override
    public CreateOutcome createIfNoneExist(IBaseResource resource, String searchCondition) {
        String type = resource.fhirType();
        MethodOutcome outcome = exchange("conditional create " + type,
                () -> client.create().resource(resource).conditionalByUrl(type + "?" + searchCondition).execute());
        return new CreateOutcome(outcome.getId(), Boolean.TRUE.equals(outcome.getCreated()));
    }

    @Override
    public IIdType updateIfMatch(IBaseResource resource, String expectedVersionId) {
        if (expectedVersionId == null || expectedVersionId.isBlank()) {
            throw new IllegalArgumentException("an update needs the version it expects to replace");
        }
        MethodOutcome outcome = exchange("update " + resource.getIdElement().toUnqualifiedVersionless(),
                () -> client.update().resource(resource)
                        .withAdditionalHeader("If-Match", "W/\"" + expectedVersionId + "\"")
                        .execute());
        return outcome.getId();
    }

    private static java.util.function.Supplier<Optional<String>> serviceTokens(FhirServerConfiguration config,
            String baseUrl) {
        return switch (config.auth()) {
            case NONE -> Optional::empty;
            case BEARER -> {
                Optional<String> token = Optional.of(config._bearerToken());
                yield () -> token;
            }
            case SMART_BACKEND -> {
                BackendServiceTokens tokens = new BackendServiceTokens(baseUrl, config.clientId(), config._privateKey(),
                        config.scopes(), java.time.Clock.systemUTC());
                yield () -> Optional.of(tokens.token());
            }
        };
    }

    @Override
    public Optional<String> serviceAuthorization() {
        try {
            return serviceToken.get().map(token -> "Bearer " + token);
        } catch (ChartStoreException e) {
            // Introspection is then asked without Rapport's credentials; the EHR decides.
            LOG.warn("Rapport's own token for token introspection: {}", e.getMessage());
            return Optional.empty();
        }
    }

    @Override
    public Ping ping() {
        long start = System.nanoTime();
        // Only the elements the report shows: a full CapabilityStatement is hundreds of kB.
        CapabilityStatement capabilities = exchange("capabilities", () -> client.fetchResourceFromUrl(
                CapabilityStatement.class, baseUrl + "/metadata?_elements=fhirVersion,software"));
        long millis = (System.nanoTime() - start) / 1_000_000;
        String software = capabilities.hasSoftware()
                ? (capabilities.getSoftware().getName() + " " + capabilities.getSoftware().getVersion()).trim()
                : "";
        String version = capabilities.hasFhirVersion() ? capabilities.getFhirVersion().toCode() : "";
        return new Ping(millis, version, software);
    }

    @Override
    public CapabilityStatement capabilities() {
        return exchange("capabilities", () -> client.capabilities().ofType(CapabilityStatement.class).execute());
    }

    private <T> T exchange(String action, Supplier<T> call) {
        inFlight.incrementAndGet();
        try {
            return BundleClassLoader.call(call);
        } catch (RuntimeException e) {
            throw StoreFailures.translate(action, e);
        } finally {
            if (inFlight.decrementAndGet() == 0 && closing) {
                closeHttp();
            }
        }
    }
}
