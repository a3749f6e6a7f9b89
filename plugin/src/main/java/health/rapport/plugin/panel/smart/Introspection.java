package health.rapport.plugin.panel.smart;

import java.time.Instant;
import java.util.Optional;

/**
 * What the EHR's authorisation server says about a live access token (RFC 7662, with SMART's
 * {@code patient} and {@code fhirUser}): its scopes, the patient it is limited to, the user and
 * the client it was issued to, and when it expires.
 */
public record Introspection(String scope, Optional<String> patient, Optional<String> fhirUser,
        Optional<String> clientId, Optional<Instant> expires) {

    /**
     * The Practitioner id the {@code fhirUser} names ({@code Practitioner/123}, relative or
     * absolute); empty for any other kind of user or none.
     */
    public Optional<String> practitioner() {
        return fhirUser.flatMap(user -> {
            int at = user.lastIndexOf("Practitioner/");
            if (at < 0 || (at > 0 && user.charAt(at - 1) != '/')) {
                return Optional.empty();
            }
            String id = user.substring(at + "Practitioner/".length());
            return health.rapport.plugin.fhir.FhirIds.valid(id) ? Optional.of(id) : Optional.empty();
        });
    }
}
