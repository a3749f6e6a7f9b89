package health.rapport.plugin.fhir;

import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Resource;

/**
 * The security labels of docs/clinical-basis.md §4 on what Rapport writes: psychotherapy content is
 * restricted ({@code R}) and marked as mental-health information; process notes are marked
 * {@code PSYTHPN} and never leave in a shareable export.
 */
public final class PrivacyLabels {

    private PrivacyLabels() {
    }

    /** Clinical content: confidentiality R and sensitivity MH (mental health information). */
    public static <T extends Resource> T clinical(T resource) {
        add(resource, Canonicals.V3_ACT_CODE, "MH", "mental health information sensitivity");
        add(resource, Canonicals.V3_CONFIDENTIALITY, "R", "restricted");
        return resource;
    }

    /** A psychotherapy process note: clinical labels plus PSYTHPN. */
    public static <T extends Resource> T processNote(T resource) {
        clinical(resource);
        add(resource, Canonicals.V3_ACT_CODE, "PSYTHPN", "psychotherapy note information sensitivity");
        return resource;
    }

    public static boolean isProcessNote(Resource resource) {
        return resource.getMeta().getSecurity().stream()
                .anyMatch(c -> Canonicals.V3_ACT_CODE.equals(c.getSystem()) && "PSYTHPN".equals(c.getCode()));
    }

    private static void add(Resource resource, String system, String code, String display) {
        boolean present = resource.getMeta().getSecurity().stream()
                .anyMatch(c -> system.equals(c.getSystem()) && code.equals(c.getCode()));
        if (!present) {
            resource.getMeta().addSecurity(new Coding(system, code, display));
        }
    }
}
