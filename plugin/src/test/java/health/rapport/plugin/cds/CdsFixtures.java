package health.rapport.plugin.cds;

import ca.uhn.fhir.context.FhirContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import health.rapport.plugin.panel.forms.FormContent;
import health.rapport.plugin.content.Displays;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Resource;

/** The FHIR fixtures under src/test/resources/cds ({Type}-{id}.json) and CDS request bodies made of them. */
final class CdsFixtures {

    static final FhirContext FHIR = FhirContext.forR4Cached();
    static final ObjectMapper JSON = new ObjectMapper();

    private CdsFixtures() {
    }

    /**
     * The patient-view processor of the unit tests: prefetch only (no FHIR server is allowed), the
     * site's eligibility codes {@code eligible}, a fixed clock.
     */
    static PatientViewProcessor processor(java.util.Set<String> eligible) {
        CardSettings settings = new CardSettings("", "https://intranet.example.org/suicide-risk");
        java.util.List<PrefetchQuery> eligibility = PrefetchQuery.eligibility(java.util.List.copyOf(eligible), "");
        Displays displays = new Displays(FormContent.library());
        CardEngine engine = new CardEngine(java.util.List.of(new CourseStatusCardRule(displays), new MeasuresDueCardRule(),
                new NonResponseCardRule(new health.rapport.plugin.measures.TreatmentResponseEvaluator(6)),
                new EnrolmentCardRule(eligibility, eligible, displays)));
        java.net.http.HttpClient http = java.net.http.HttpClient.newBuilder()
                .followRedirects(java.net.http.HttpClient.Redirect.NEVER).build();
        return new PatientViewProcessor(new HookRequestParser(JSON),
                health.rapport.plugin.security.FhirServerAllowlist.of(new String[0], false),
                new ChartLoader(FHIR::newJsonParser, new FhirServerClient(http, java.time.Duration.ofSeconds(1))),
                new SafetySignals(new health.rapport.plugin.safety.SafetyRule(java.time.Duration.ofDays(30))),
                new SafetyCard(settings), settings, engine,
                java.time.Clock.fixed(java.time.Instant.parse("2026-02-21T00:00:00Z"), java.time.ZoneOffset.UTC));
    }

    static Resource load(String fileName) {
        try (InputStream in = CdsFixtures.class.getResourceAsStream("/cds/" + fileName)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + fileName);
            }
            return (Resource) FHIR.newJsonParser().parseResource(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A searchset Bundle of the named fixtures, as the EHR would prefetch it. */
    static JsonNode searchset(String... fileNames) {
        Bundle bundle = new Bundle().setType(Bundle.BundleType.SEARCHSET);
        for (String name : fileNames) {
            bundle.addEntry().setResource(load(name)).getSearch().setMode(Bundle.SearchEntryMode.MATCH);
        }
        bundle.setTotal(fileNames.length);
        return tree(FHIR.newJsonParser().encodeResourceToString(bundle));
    }

    /** A patient-view request body for {@code patientId} with {@code prefetch}. */
    static ObjectNode request(String patientId, ObjectNode prefetch) {
        ObjectNode root = JSON.createObjectNode();
        root.put("hook", "patient-view");
        root.put("hookInstance", "d1577c69-dfbe-44ad-ba6d-3e05e953b2ea");
        root.putObject("context").put("patientId", patientId).put("userId", "Practitioner/example");
        root.set("prefetch", prefetch);
        return root;
    }

    static byte[] bytes(JsonNode node) {
        return node.toString().getBytes(StandardCharsets.UTF_8);
    }

    static JsonNode tree(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
