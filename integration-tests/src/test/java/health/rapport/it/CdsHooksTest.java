package health.rapport.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import health.rapport.sandbox.Sandbox;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * CDS Hooks 2.0 at /rapport/cds-services through the real host and FHIR server, called as an
 * EHR would: signed by a test issuer whose JWKS is served on loopback.
 */
@ExtendWith(SandboxExtension.class)
class CdsHooksTest {

    private static final String PID = "health.rapport.cds";
    private static final String BASE = "https://rapport-ipt.org/fhir";
    private static final String[] PHQ9_ITEMS = {"44250-9", "44255-8", "44259-0", "44254-1", "44251-7", "44258-2",
        "44252-5", "44253-3", "44260-8"};
    private static final String[] LA = {"LA6568-5", "LA6569-3", "LA6570-1", "LA6571-9"};
    private static final ObjectMapper JSON = new ObjectMapper();

    private static TestIssuer issuer;
    private static RecordingServer recorder;
    private static int deadPort;
    private static String service;
    /** A live token of the sandbox EHR: its FHIR server refuses unknown ones. */
    private static String accessToken;

    @BeforeAll
    static void start(Sandbox sandbox) throws IOException {
        issuer = new TestIssuer();
        recorder = new RecordingServer(sandbox.fhirBaseUrl());
        deadPort = SandboxExtension.freePort();
        service = sandbox.rapportUrl() + "/cds-services/rapport-ipt";
        // The chart reads of these calls span many patients: a user-level read token, as an EHR gives its own CDS client.
        accessToken = sandbox.fhirServer().ehr().authorizer().issueForUser(health.rapport.sandbox.ehr.SandboxEhr.PRACTITIONER,
                "user/*.rs", Duration.ofHours(2)).accessToken();
        configure(sandbox);
        assertThat(Http.get(sandbox.rapportUrl() + "/cds-services").body()).contains("eligibleConditions");
    }

    @AfterAll
    static void restore(Sandbox sandbox) {
        try {
            sandbox.osgiHost().configure(PID, sandbox.cdsConfiguration());
        } finally {
            issuer.close();
            recorder.close();
        }
    }

    @Test
    void discoveryListsThePatientViewServiceWithItsPrefetch(Sandbox sandbox) {
        HttpResponse<String> response = Http.get(sandbox.rapportUrl() + "/cds-services");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode services = Json.parse(response.body()).path("services");
        assertThat(services).hasSize(1);
        JsonNode rapport = services.get(0);
        assertThat(rapport.path("id").asText()).isEqualTo("rapport-ipt");
        assertThat(rapport.path("hook").asText()).isEqualTo("patient-view");
        assertThat(rapport.path("prefetch").path("patient").asText()).isEqualTo("Patient/{{context.patientId}}");
        assertThat(rapport.path("prefetch").path("openIptCarePlan").asText())
                .isEqualTo("CarePlan?identifier=" + BASE + "/identifier/open-ipt-course|{{context.patientId}}");
        assertThat(rapport.path("prefetch").fieldNames()).toIterable()
                .contains("phq9Responses", "scoreObservations", "requestedTasks", "eligibleConditions");
    }

    @Test
    void item9PositiveFromTheFhirServerComesFirstAsCritical(Sandbox sandbox) {
        Ehr ehr = new Ehr(sandbox);
        String patient = ehr.newPatient();
        EnrollmentTest.enrol(ehr, patient);
        QuestionnaireResponse response = phq9(patient, 2, 2);
        String responseId = ehr.record.create().resource(response).execute().getId().getIdPart();
        ehr.record.create().resource(score(patient, "44261-6", 18, responseId)).execute();
        ehr.record.create().resource(score(patient, "44260-8", 2, responseId)).execute();

        HttpResponse<String> answer = call(issuer.sign(TestIssuer.claims(service).build()),
                request(patient, sandbox.fhirBaseUrl(), null));

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        JsonNode cards = Json.parse(answer.body()).path("cards");
        assertThat(cards.get(0).path("indicator").asText()).isEqualTo("critical");
        assertThat(cards.get(0).path("summary").asText()).contains("item 9 positive");
        assertThat(cards.get(0).path("detail").asText()).contains("QuestionnaireResponse/" + responseId);
        assertThat(cards).extracting(c -> c.path("summary").asText())
                .anySatisfy(s -> assertThat(s).startsWith("IPT initial phase: 0 of 16 sessions done"))
                .anySatisfy(s -> assertThat(s).startsWith("Due: ").contains("PHQ-9").contains("Interpersonal Inventory"));
        assertThat(cards).extracting(c -> c.path("indicator").asText()).filteredOn("critical"::equals).hasSize(1);
    }

    @Test
    void everyRefusedJwtIs401WithoutABodyOrAnyFetch(Sandbox sandbox) throws Exception {
        recorder.clear();
        String fhirServer = recorder.baseUrl() + "/allowed";
        // Complete prefetch: an accepted call fetches nothing either, so the count is about refusals only.
        ObjectNode full = request("any-patient", fhirServer, completePrefetch());

        JWTClaimsSet replayed = TestIssuer.claims(service).build();
        assertThat(call(issuer.sign(replayed), full).statusCode()).isEqualTo(200);

        Map<String, String> refused = new LinkedHashMap<>();
        refused.put("none", new PlainJWT(TestIssuer.claims(service).build()).serialize());
        SignedJWT hs256 = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).build(), TestIssuer.claims(service).build());
        hs256.sign(new MACSigner(issuer.key().toRSAPublicKey().getEncoded()));
        refused.put("HS256", hs256.serialize());
        refused.put("wrong aud", issuer.sign(TestIssuer.claims(sandbox.rapportUrl() + "/cds-services").build()));
        refused.put("expired", issuer.sign(TestIssuer.claims(service)
                .issueTime(Date.from(Instant.now().minusSeconds(600))).expirationTime(Date.from(Instant.now().minusSeconds(300)))
                .build()));
        refused.put("future iat", issuer.sign(TestIssuer.claims(service).issueTime(Date.from(Instant.now().plusSeconds(600)))
                .build()));
        refused.put("replayed jti", issuer.sign(replayed));
        refused.put("unknown iss", issuer.sign(TestIssuer.claims(service).issuer("https://evil.example.com").build()));
        refused.put("off-list jku", issuer.sign(TestIssuer.claims(service).build(),
                h -> h.jwkURL(URI.create(recorder.baseUrl() + "/jwks.json"))));
        refused.put("garbage", "not.a.jwt");

        for (Map.Entry<String, String> token : refused.entrySet()) {
            HttpResponse<String> response = call(token.getValue(), full);
            assertThat(response.statusCode()).as(token.getKey()).isEqualTo(401);
            assertThat(response.body()).as(token.getKey()).isEmpty();
        }
        assertThat(send(HttpRequest.newBuilder(URI.create(service)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(full.toString())).build()).statusCode()).isEqualTo(401);
        assertThat(recorder.requests()).as("requests to the fhirServer or the jku").isEmpty();
    }

    @Test
    void aTokenAlreadyUsedOnAnotherRapportHostIsRefusedHere(Sandbox sandbox) throws Exception {
        ObjectNode full = request("any-patient", recorder.baseUrl() + "/allowed", completePrefetch());
        // What another host leaves on the shared FHIR server when it accepts a token: an AuditEvent
        // tagged with the digest of issuer and jti. This host has never seen the token.
        JWTClaimsSet usedElsewhere = TestIssuer.claims(service).build();
        String marker = "cds-jwt/" + java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                .digest((TestIssuer.ISS + "\n" + usedElsewhere.getJWTID()).getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        org.hl7.fhir.r4.model.AuditEvent event = new org.hl7.fhir.r4.model.AuditEvent();
        event.setType(new org.hl7.fhir.r4.model.Coding("http://dicom.nema.org/resources/ontology/DCM", "110100",
                "Application Activity"));
        event.setRecorded(new Date());
        event.addAgent().setRequestor(false).getWho().setDisplay("another Rapport host");
        event.getSource().getObserver().setDisplay("another Rapport host");
        event.getMeta().addTag("https://rapport-ipt.org/fhir/CodeSystem/write", marker, null);
        new Ehr(sandbox).record.create().resource(event).execute();

        assertThat(call(issuer.sign(usedElsewhere), full).statusCode()).isEqualTo(401);

        // A fresh token is accepted once, and leaves its own marker for the other hosts.
        JWTClaimsSet fresh = TestIssuer.claims(service).build();
        assertThat(call(issuer.sign(fresh), full).statusCode()).isEqualTo(200);
        String freshMarker = "cds-jwt/" + java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                .digest((TestIssuer.ISS + "\n" + fresh.getJWTID()).getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        org.hl7.fhir.r4.model.AuditEvent left = new Ehr(sandbox).all("AuditEvent?_tag="
                + java.net.URLEncoder.encode("https://rapport-ipt.org/fhir/CodeSystem/write|" + freshMarker,
                java.nio.charset.StandardCharsets.UTF_8), org.hl7.fhir.r4.model.AuditEvent.class).get(0);
        assertThat(Fhir.errors(left)).isEmpty();
    }

    @Test
    void hostileFhirServersNeverReceiveTheToken(Sandbox sandbox) {
        recorder.clear();
        int port = recorder.port();
        List<String> hostile = List.of(
                "http://127.0.0.1:" + port + "/allowed-evil", "http://127.0.0.1:" + port + "/",
                "http://127.0.0.1:" + port, "http://127.0.0.1:" + port + "/other/allowed",
                "http://localhost:" + port + "/allowed", "http://127.1:" + port + "/allowed",
                "http://0x7f000001:" + port + "/allowed", "http://2130706433:" + port + "/allowed",
                "http://127.000.000.001:" + port + "/allowed", "HTTP://127.0.0.1:" + port + "/allowed",
                "http://127.0.0.1:" + port + "/ALLOWED", "http://127.0.0.1:" + port + "/allowed/../x",
                "http://127.0.0.1:" + port + "/allowed/%2e%2e/x", "http://127.0.0.1:" + port + "//allowed",
                "http://127.0.0.1:" + port + "/./allowed", "http://127.0.0.1:" + port + "/allowed?x=1",
                "http://127.0.0.1:" + port + "/allowed#x", "http://x@127.0.0.1:" + port + "/allowed",
                "http://127.0.0.1:" + port + "@127.0.0.1:" + port + "/allowed", "http://127.0.0.1:" + port + "\\@evil/allowed",
                "http://[::1]:" + port + "/allowed", "http://[::ffff:127.0.0.1]:" + port + "/allowed",
                "https://127.0.0.1:" + port + "/allowed", " http://127.0.0.1:" + port + "/allowed",
                "http://127.0.0.1:" + port + "/allowed\r\nX-Evil: 1", "http://169.254.169.254/latest/meta-data",
                "http://ehr.example.org.evil.com/fhir", "file:///etc/passwd");
        for (String fhirServer : hostile) {
            HttpResponse<String> response = call(issuer.sign(TestIssuer.claims(service).build()),
                    request("any-patient", fhirServer, null));
            assertCouldNotCheck(response, fhirServer);
        }
        assertThat(recorder.requests()).as("requests carrying a token").isEmpty();
    }

    @Test
    void anAllowedServerThatRedirectsIsNotFollowed(Sandbox sandbox) {
        recorder.clear();
        HttpResponse<String> response = call(issuer.sign(TestIssuer.claims(service).build()),
                request("any-patient", recorder.baseUrl() + "/allowed", null));

        // Every query got a 302 to the real FHIR server, none was followed: no data, so item 9 could
        // not be checked: a critical card, never an empty answer.
        assertCouldNotCheck(response, "redirecting server");
        assertThat(recorder.requests()).isNotEmpty()
                .allSatisfy(r -> assertThat(r.path()).startsWith("/allowed/"))
                .allSatisfy(r -> assertThat(r.authorization()).isEqualTo("Bearer " + accessToken));
    }

    @Test
    void anUnreachableServerStillShowsTheSafetyCardFromPrefetch(Sandbox sandbox) {
        String dead = "http://127.0.0.1:" + deadPort + "/fhir";
        ObjectNode prefetch = JSON.createObjectNode();
        prefetch.set("phq9Responses", searchset(phq9("p-unreachable", 1, 3)));

        HttpResponse<String> answer = call(issuer.sign(TestIssuer.claims(service).build()),
                request("p-unreachable", dead, prefetch));

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        JsonNode cards = Json.parse(answer.body()).path("cards");
        assertThat(cards).hasSize(1);
        assertThat(cards.get(0).path("indicator").asText()).isEqualTo("critical");
    }

    @Test
    void noPrefetchAndAnUnreachableServerIsACriticalCouldNotCheckCard(Sandbox sandbox) {
        HttpResponse<String> answer = call(issuer.sign(TestIssuer.claims(service).build()),
                request("p-unreachable", "http://127.0.0.1:" + deadPort + "/fhir", null));

        assertCouldNotCheck(answer, "unreachable server");
    }

    @Test
    void feedbackIsRecordedAsAnAuditEvent(Sandbox sandbox) {
        String card = UUID.randomUUID().toString();
        ObjectNode feedback = JSON.createObjectNode();
        ObjectNode item = feedback.putArray("feedback").addObject();
        item.put("card", card).put("outcome", "overridden").put("outcomeTimestamp", Instant.now().toString());
        item.putObject("overrideReason").put("userComment", "Discussed with the patient today")
                .putObject("reason").put("system", BASE + "/CodeSystem/cds-override-reason").put("code", "already-addressed");
        String feedbackUrl = service + "/feedback";

        HttpResponse<String> first = call(feedbackUrl, issuer.sign(TestIssuer.claims(feedbackUrl).build()), feedback);
        HttpResponse<String> again = call(feedbackUrl, issuer.sign(TestIssuer.claims(feedbackUrl).build()), feedback);
        HttpResponse<String> wrongAudience = call(feedbackUrl, issuer.sign(TestIssuer.claims(service).build()), feedback);

        assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(wrongAudience.statusCode()).isEqualTo(401);
        Ehr ehr = new Ehr(sandbox);
        assertThat(ehr.count("AuditEvent?_tag=" + java.net.URLEncoder.encode(BASE + "/CodeSystem/write|cds-feedback/"
                + card + "/overridden", java.nio.charset.StandardCharsets.UTF_8))).isEqualTo(1);
    }

    @Test
    void withoutConfigurationDiscoveryAnswersAndEveryCallIsRefused(Sandbox sandbox) {
        try {
            deleteConfiguration(sandbox);
            HttpResponse<String> discovery = Http.getUntil(sandbox.rapportUrl() + "/cds-services",
                    r -> r.statusCode() == 200 && !r.body().contains("eligibleConditions"), Duration.ofSeconds(30));
            assertThat(discovery.statusCode()).isEqualTo(200);
            assertThat(discovery.body()).contains("rapport-ipt");
            HttpResponse<String> refused = call(issuer.sign(TestIssuer.claims(service).build()),
                    request("any-patient", null, completePrefetch()));
            assertThat(refused.statusCode()).isEqualTo(401);
        } finally {
            try {
                configure(sandbox);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    // ---- helpers

    /** Without item-9 data the answer is a critical "could not check" card first, not an empty one. */
    private static void assertCouldNotCheck(HttpResponse<String> response, String fhirServer) {
        assertThat(response.statusCode()).as(fhirServer).isEqualTo(200);
        JsonNode first = Json.parse(response.body()).path("cards").get(0);
        assertThat(first.path("indicator").asText()).as(fhirServer).isEqualTo("critical");
        assertThat(first.path("summary").asText()).as(fhirServer).contains("could not be checked");
    }

    private static ObjectNode request(String patient, String fhirServer, ObjectNode prefetch) {
        ObjectNode root = JSON.createObjectNode();
        root.put("hook", "patient-view").put("hookInstance", UUID.randomUUID().toString());
        if (fhirServer != null) {
            root.put("fhirServer", fhirServer);
            root.putObject("fhirAuthorization").put("access_token", accessToken).put("token_type", "Bearer")
                    .put("expires_in", 300).put("scope", "patient/*.read").put("subject", "it-ehr");
        }
        root.putObject("context").put("patientId", patient).put("userId", "Practitioner/it");
        if (prefetch != null) {
            root.set("prefetch", prefetch);
        }
        return root;
    }

    private static ObjectNode completePrefetch() {
        ObjectNode prefetch = JSON.createObjectNode();
        for (String key : List.of("openIptCarePlan", "phq9Responses", "scoreObservations", "riskReviews",
                "requestedTasks", "eligibleConditions", "allianceScores")) {
            prefetch.putNull(key);
        }
        return prefetch;
    }

    private static JsonNode searchset(org.hl7.fhir.r4.model.Resource... resources) {
        Bundle bundle = new Bundle().setType(Bundle.BundleType.SEARCHSET);
        for (org.hl7.fhir.r4.model.Resource resource : resources) {
            bundle.addEntry().setResource(resource);
        }
        return Json.parse(Fhir.CONTEXT.newJsonParser().encodeResourceToString(bundle));
    }

    private static QuestionnaireResponse phq9(String patient, int otherItems, int item9) {
        QuestionnaireResponse response = new QuestionnaireResponse();
        if (patient.startsWith("p-")) {
            response.setId("QuestionnaireResponse/" + patient + "-phq9");
        }
        response.setQuestionnaire(BASE + "/Questionnaire/phq-9|0.1.0");
        response.setStatus(QuestionnaireResponse.QuestionnaireResponseStatus.COMPLETED);
        response.setSubject(new Reference("Patient/" + patient));
        response.setAuthored(new Date());
        QuestionnaireResponse.QuestionnaireResponseItemComponent group = response.addItem().setLinkId("phq9");
        for (String linkId : PHQ9_ITEMS) {
            int weight = "44260-8".equals(linkId) ? item9 : otherItems;
            group.addItem().setLinkId(linkId).addAnswer().setValue(new Coding("http://loinc.org", LA[weight], null));
        }
        return response;
    }

    private static Observation score(String patient, String loinc, int value, String responseId) {
        Observation observation = new Observation();
        observation.getMeta().addProfile(BASE + "/StructureDefinition/ipt-score-observation");
        observation.setStatus(Observation.ObservationStatus.FINAL);
        observation.addCategory(new CodeableConcept(new Coding(
                "http://terminology.hl7.org/CodeSystem/observation-category", "survey", "Survey")));
        observation.setCode(new CodeableConcept(new Coding("http://loinc.org", loinc, null)));
        observation.setSubject(new Reference("Patient/" + patient));
        observation.setEffective(new DateTimeType(new Date()));
        observation.setValue(new IntegerType(value));
        observation.addDerivedFrom(new Reference("QuestionnaireResponse/" + responseId));
        return observation;
    }

    private static HttpResponse<String> call(String jwt, JsonNode body) {
        return call(service, jwt, body);
    }

    private static HttpResponse<String> call(String url, String jwt, JsonNode body) {
        return send(HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + jwt)
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build());
    }

    private static HttpResponse<String> send(HttpRequest request) {
        return Http.send(request);
    }

    private static void configure(Sandbox sandbox) throws IOException {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("trustedIssuers", new String[] {issuer.configEntry()});
        config.put("fhirServers", new String[] {sandbox.fhirBaseUrl(), recorder.baseUrl() + "/allowed",
            "http://127.0.0.1:" + deadPort + "/fhir"});
        config.put("allowHttp", true);
        config.put("serviceBaseUrl", sandbox.rapportUrl() + "/cds-services");
        config.put("eligibilityCodes", new String[] {"urn:example:it-diagnoses|eligible"});
        config.put("connectTimeoutMillis", 1000);
        sandbox.osgiHost().configure(PID, config);
        Http.getUntil(sandbox.rapportUrl() + "/cds-services", r -> r.body().contains("eligibleConditions"),
                Duration.ofSeconds(30));
    }

    private static void deleteConfiguration(Sandbox sandbox) {
        sandbox.osgiHost().unconfigure(PID);
    }
}
