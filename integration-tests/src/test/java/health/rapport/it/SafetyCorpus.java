package health.rapport.it;

import ca.uhn.fhir.util.FhirTerser;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.hl7.fhir.r4.model.BaseDateTimeType;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;

/**
 * The foreign-chart corpus (the plugin's {@code safety-corpus}: what other systems and real
 * histories put on a chart), written to the sandbox's FHIR server for a patient of its own, its
 * times moved so that the case's "now" is this run's.
 */
final class SafetyCorpus {

    private SafetyCorpus() {
    }

    static List<String> cases() {
        try {
            Path folder = Path.of(SafetyCorpus.class.getResource("/safety-corpus").toURI());
            try (Stream<Path> files = Files.list(folder)) {
                return files.map(p -> p.getFileName().toString())
                        .filter(n -> n.startsWith("Bundle-") && n.endsWith(".json") && !n.endsWith(".expected.json"))
                        .map(n -> n.substring("Bundle-".length(), n.length() - ".json".length()))
                        .sorted().toList();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The expected state: {@code status}, {@code now}, {@code lookbackDays}, maybe {@code positives}. */
    static JsonNode expected(String name) {
        return Json.parse(read("Bundle-" + name + ".expected.json"));
    }

    /** Writes the case's chart for {@code patient} in one transaction. */
    static void load(Ehr ehr, String name, String patient) {
        Bundle chart = Fhir.parse(Bundle.class, read("Bundle-" + name + ".json"));
        if (chart.getEntry().isEmpty()) {
            return;
        }
        long shift = Instant.now().toEpochMilli() - Instant.parse(expected(name).path("now").asText()).toEpochMilli();
        ehr.record.transaction().withBundle(transaction(chart, patient, shift)).execute();
    }

    /** New ids, the references between the case's resources kept, every time moved by {@code shiftMillis}. */
    private static Bundle transaction(Bundle chart, String patient, long shiftMillis) {
        Map<String, String> fullUrls = new HashMap<>();
        for (Bundle.BundleEntryComponent entry : chart.getEntry()) {
            Resource resource = entry.getResource();
            fullUrls.put(resource.fhirType() + "/" + resource.getIdElement().getIdPart(), "urn:uuid:" + UUID.randomUUID());
        }
        FhirTerser terser = Fhir.CONTEXT.newTerser();
        Bundle transaction = new Bundle().setType(Bundle.BundleType.TRANSACTION);
        for (Bundle.BundleEntryComponent entry : chart.getEntry()) {
            Resource resource = entry.getResource().copy();
            String key = resource.fhirType() + "/" + resource.getIdElement().getIdPart();
            resource.setId((String) null);
            resource.setMeta(null);
            for (Reference reference : terser.getAllPopulatedChildElementsOfType(resource, Reference.class)) {
                String target = reference.getReference();
                if ("Patient/corpus".equals(target)) {
                    reference.setReference("Patient/" + patient);
                } else if (target != null && fullUrls.containsKey(target)) {
                    reference.setReference(fullUrls.get(target));
                }
            }
            for (BaseDateTimeType time : terser.getAllPopulatedChildElementsOfType(resource, BaseDateTimeType.class)) {
                if (time.getValue() != null) {
                    time.setValue(new Date(time.getValue().getTime() + shiftMillis));
                }
            }
            transaction.addEntry().setFullUrl(fullUrls.get(key)).setResource(resource).getRequest()
                    .setMethod(Bundle.HTTPVerb.POST).setUrl(resource.fhirType());
        }
        return transaction;
    }

    private static String read(String file) {
        try (InputStream in = SafetyCorpus.class.getResourceAsStream("/safety-corpus/" + file)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
