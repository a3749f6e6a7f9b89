package health.rapport.plugin.exchange.export;

import health.rapport.plugin.fhir.Canonicals;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Resource;

/**
 * The security labels of a whole document: the highest confidentiality of what it holds (never
 * below restricted, docs/clinical-basis.md §4) and every sensitivity label any of it carries, so a receiver
 * that looks only at the Bundle protects it as much as its most protected part.
 */
final class DocumentLabels {

    // v3 Confidentiality, least to most protected.
    private static final List<String> CONFIDENTIALITY = List.of("U", "L", "M", "N", "R", "V");
    private static final String FLOOR = "R";

    private final String confidentiality;
    private final List<Coding> sensitivity;

    private DocumentLabels(String confidentiality, List<Coding> sensitivity) {
        this.confidentiality = confidentiality;
        this.sensitivity = sensitivity;
    }

    static DocumentLabels of(List<? extends Resource> resources) {
        String highest = FLOOR;
        Map<String, Coding> others = new LinkedHashMap<>();
        for (Resource resource : resources) {
            for (Coding label : resource.getMeta().getSecurity()) {
                if (Canonicals.V3_CONFIDENTIALITY.equals(label.getSystem())) {
                    if (CONFIDENTIALITY.indexOf(label.getCode()) > CONFIDENTIALITY.indexOf(highest)) {
                        highest = label.getCode();
                    }
                } else {
                    others.putIfAbsent(label.getSystem() + "|" + label.getCode(), label.copy());
                }
            }
        }
        return new DocumentLabels(highest, new ArrayList<>(others.values()));
    }

    String confidentiality() {
        return confidentiality;
    }

    /** The labels for a meta.security: the confidentiality first, then the sensitivities. */
    List<Coding> all() {
        List<Coding> all = new ArrayList<>();
        all.add(new Coding(Canonicals.V3_CONFIDENTIALITY, confidentiality, display(confidentiality)));
        sensitivity.forEach(s -> all.add(s.copy()));
        return all;
    }

    private static String display(String code) {
        return switch (code) {
            case "V" -> "very restricted";
            case "R" -> "restricted";
            case "N" -> "normal";
            case "M" -> "moderate";
            case "L" -> "low";
            default -> "unrestricted";
        };
    }
}
