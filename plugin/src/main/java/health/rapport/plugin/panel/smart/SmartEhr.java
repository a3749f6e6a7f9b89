package health.rapport.plugin.panel.smart;

import health.rapport.plugin.config.AppConfiguration;
import health.rapport.plugin.http.OperationFailure;
import health.rapport.plugin.http.Urls;
import health.rapport.plugin.store.ChartStore;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * The EHR as a SMART authorisation server, for the configured FHIR server only: discovery,
 * the code exchange and the clinician's identity. Shared by the launch servlet and the filter
 * that runs requests on a clinician's behalf, so both use one discovery cache and one key cache.
 */
@Component(service = SmartEhr.class, configurationPid = AppConfiguration.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
public final class SmartEhr {

    private final Optional<ChartStore> store;
    private final SmartDiscovery discovery;
    private final SmartTokenExchange tokens;
    private final IdentityVerifier identities = new IdentityVerifier();
    private final TokenIntrospector introspector;
    private final String clientId;
    private final String scopes;
    private final String caseloadScopes;
    private final String groupScopes;

    @Activate
    public SmartEhr(AppConfiguration configuration,
            @Reference(cardinality = ReferenceCardinality.OPTIONAL, policyOption = ReferencePolicyOption.GREEDY)
            ChartStore store) {
        SmartHttp http = new SmartHttp();
        this.store = Optional.ofNullable(store);
        this.discovery = new SmartDiscovery(http, configuration.allowHttpAuthorization(), Clock.systemUTC());
        this.tokens = new SmartTokenExchange(http);
        this.introspector = new TokenIntrospector(http, Clock.systemUTC());
        this.clientId = configuration.smartClientId();
        this.scopes = configuration.smartScopes();
        this.caseloadScopes = configuration.caseloadScopes();
        this.groupScopes = configuration.groupScopes();
    }

    public String clientId() {
        return clientId;
    }

    public String scopes() {
        return scopes;
    }

    /** The scopes of a launch without a patient: the caseload's user-level reads. */
    public String caseloadScopes() {
        return caseloadScopes;
    }

    /** The scopes of a launch for a group (the Group in fhirContext): reads and the group session's writes. */
    public String groupScopes() {
        return groupScopes;
    }

    /** The configured FHIR base, if {@code iss} names it; the panel works with no other server. */
    public String configuredServer(String iss) {
        String base = base();
        if (iss == null || !strip(iss).equals(base)) {
            throw new OperationFailure(400, "This launch names a FHIR server (iss) other than the one Rapport is "
                    + "configured for; the panel only works with " + base + ".");
        }
        return base;
    }

    public SmartEndpoints endpoints(String base) {
        return discovery.of(base);
    }

    public Map<String, Object> exchange(TokenRequest request) {
        return tokens.exchange(endpoints(configuredServer(request.iss())), request, clientId);
    }

    /** The Practitioner an id_token from the configured server's EHR names (see {@link IdentityVerifier}). */
    public Optional<String> practitioner(String idToken) {
        String base = base();
        return identities.practitioner(idToken, endpoints(base), clientId, base);
    }

    /**
     * What the EHR's authorisation server says about {@code accessToken}: its grant when live,
     * empty when not. Fails (503/502) when the EHR offers no introspection endpoint or it cannot
     * be used: a token nobody can check is never accepted.
     */
    public Optional<Introspection> introspect(String accessToken) {
        SmartEndpoints endpoints = endpoints(base());
        if (endpoints.introspection().isEmpty()) {
            throw new OperationFailure(503, "The EHR's SMART configuration names no token introspection endpoint, so "
                    + "Rapport cannot check access tokens and refuses them all.");
        }
        return introspector.introspect(endpoints.introspection().get(), accessToken,
                store.flatMap(ChartStore::serviceAuthorization));
    }

    /** The configured FHIR base (the chart store keeps it without a trailing slash). */
    private String base() {
        return store.map(ChartStore::baseUrl).orElseThrow(() -> new OperationFailure(503, "Rapport is not connected to "
                + "the EHR's FHIR server yet (health.rapport.fhirserver is not configured)."));
    }

    private static String strip(String url) {
        return Urls.withoutTrailingSlash(url);
    }
}
