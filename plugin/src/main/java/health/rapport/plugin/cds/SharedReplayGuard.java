package health.rapport.plugin.cds;

import health.rapport.plugin.fhir.Canonicals;
import health.rapport.plugin.fhir.PrivacyLabels;
import health.rapport.plugin.security.ReplayCache;
import health.rapport.plugin.security.ReplayGuard;
import health.rapport.plugin.store.ChartStore;
import health.rapport.plugin.store.ChartStoreException;
import health.rapport.plugin.store.SearchValues;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Date;
import java.util.HexFormat;
import java.util.Optional;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Replay protection that holds across Rapport hosts: each verified CDS token leaves an
 * AuditEvent on the EHR's FHIR server, created conditionally on a tag derived from its issuer and
 * {@code jti}; a second use — on this host or any other — finds it and is refused. The host's own
 * cache answers repeats on this host without a round trip. When the FHIR server cannot be
 * reached, the host's cache alone decides: the CDS service must still show the safety card
 * computed from prefetch, and the token is still single-use on this host.
 */
final class SharedReplayGuard implements ReplayGuard {

    static final String KEY_PREFIX = "cds-jwt/";
    private static final Logger LOG = LoggerFactory.getLogger(SharedReplayGuard.class);

    private final ReplayCache local;
    private final Optional<ChartStore> store;

    SharedReplayGuard(ReplayCache local, Optional<ChartStore> store) {
        this.local = local;
        this.store = store;
    }

    @Override
    public boolean firstUse(String key, long expiresAtMillis, long nowMillis) {
        if (!local.firstUse(key, expiresAtMillis, nowMillis)) {
            return false;
        }
        if (store.isEmpty()) {
            return true;
        }
        String marker = marker(key);
        try {
            return store.get().createIfNoneExist(event(marker, new Date(nowMillis)),
                    "_tag=" + SearchValues.encode(Canonicals.TAG_WRITE + "|" + marker)).created();
        } catch (ChartStoreException e) {
            LOG.warn("CDS token replay check on the FHIR server failed ({}); this host's cache decided", e.failure());
            return true;
        }
    }

    /** The tag code for a token: a digest, so the record holds no token material. */
    static String marker(String key) {
        try {
            return KEY_PREFIX + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(key.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static AuditEvent event(String marker, Date recorded) {
        AuditEvent event = new AuditEvent();
        event.setType(new Coding(FeedbackAuditEvents.DCM, "110100", "Application Activity"));
        event.setAction(AuditEvent.AuditEventAction.E);
        event.setRecorded(recorded);
        event.setOutcome(AuditEvent.AuditEventOutcome._0);
        event.setOutcomeDesc("CDS request accepted (signed token used once)");
        event.addAgent().setRequestor(false)
                .setWho(new Reference().setIdentifier(new Identifier().setSystem(Canonicals.DEVICE_IDENTIFIER_SYSTEM)
                        .setValue("rapport")).setDisplay("Rapport"));
        event.getSource().setSite("rapport-ipt")
                .setObserver(new Reference().setType("Device")
                        .setIdentifier(new Identifier().setSystem(Canonicals.DEVICE_IDENTIFIER_SYSTEM).setValue("rapport")));
        event.addEntity().setName("CDS request to service " + Discovery.SERVICE_ID);
        event.getMeta().addTag(Canonicals.TAG_WRITE, marker, null);
        return PrivacyLabels.clinical(event);
    }
}
