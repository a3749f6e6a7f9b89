package health.rapport.plugin.cds;

import health.rapport.plugin.fhir.Canonicals;
import java.util.List;
import org.hl7.fhir.r4.model.Coding;

/**
 * What cards link to and offer, from the site's configuration.
 *
 * @param appLaunchUrl the SMART app (EHR launch) cards link to; "" for {@code <context>/app/launch}
 *     next to the CDS services
 * @param safetyProtocolUrl the site's suicide-risk protocol, or "" for none
 */
record CardSettings(String appLaunchUrl, String safetyProtocolUrl) {

    private static final String SERVICES = "/cds-services";

    /** Why a clinician may set a suggestion card aside; recorded with the feedback. */
    static final List<Card.Reason> OVERRIDE_REASONS = List.of(
            Card.Reason.of(new Coding(Canonicals.CS_CDS_OVERRIDE_REASON, "not-appropriate", "Not clinically appropriate")),
            Card.Reason.of(new Coding(Canonicals.CS_CDS_OVERRIDE_REASON, "patient-declined", "Patient declined")),
            Card.Reason.of(new Coding(Canonicals.CS_CDS_OVERRIDE_REASON, "already-addressed", "Already addressed")));

    /** The launch URL for a call to the CDS services at {@code servicesUrl} (…/cds-services). */
    String appLaunchUrl(String servicesUrl) {
        if (!appLaunchUrl.isBlank()) {
            return appLaunchUrl;
        }
        String base = servicesUrl.endsWith(SERVICES) ? servicesUrl.substring(0, servicesUrl.length() - SERVICES.length())
                : servicesUrl;
        return base + "/app/launch";
    }
}
