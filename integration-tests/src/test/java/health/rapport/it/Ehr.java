package health.rapport.it;

import ca.uhn.fhir.rest.client.api.IGenericClient;
import health.rapport.sandbox.Sandbox;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Enumerations;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Practitioner;

/** Test data on the EHR's FHIR server, and calls to Rapport's operations, as an EHR makes them. */
final class Ehr {

    private final String rapportUrl;
    final IGenericClient record;

    Ehr(Sandbox sandbox) {
        this(sandbox, sandbox.rapportUrl());
    }

    /** The same record, calling the Rapport host at {@code rapportUrl} (another node against the same server). */
    Ehr(Sandbox sandbox, String rapportUrl) {
        this.rapportUrl = rapportUrl;
        this.record = Fhir.client(sandbox.fhirBaseUrl());
    }

    String newPatient() {
        Patient patient = new Patient();
        patient.addIdentifier().setSystem("urn:example:mrn").setValue(UUID.randomUUID().toString());
        patient.addName(new HumanName().setFamily("Test").addGiven("Synthetic"));
        patient.setGender(Enumerations.AdministrativeGender.FEMALE);
        return record.create().resource(patient).execute().getId().getIdPart();
    }

    String newPractitioner() {
        Practitioner practitioner = new Practitioner();
        practitioner.addName(new HumanName().setFamily("Therapist").addGiven("Test"));
        return record.create().resource(practitioner).execute().getId().getIdPart();
    }

    int count(String search) {
        return record.search().byUrl(search + (search.contains("?") ? "&" : "?") + "_summary=count")
                .returnBundle(Bundle.class).execute().getTotal();
    }

    /** Every resource of {@code type} a search finds (first page, up to 200). */
    <T extends org.hl7.fhir.r4.model.Resource> java.util.List<T> all(String search, Class<T> type) {
        return record.search().byUrl(search + (search.contains("?") ? "&" : "?") + "_count=200")
                .returnBundle(Bundle.class).execute().getEntry().stream()
                .map(Bundle.BundleEntryComponent::getResource).filter(type::isInstance).map(type::cast).toList();
    }

    /** GETs a Rapport operation (e.g. {@code Patient/1/$ipt-export}) and returns the raw answer. */
    HttpResponse<String> get(String path) {
        return Http.send(HttpRequest.newBuilder(URI.create(rapportUrl + "/fhir/" + path))
                .timeout(Duration.ofSeconds(60)).header("Accept", "application/fhir+json").GET().build());
    }

    /** POSTs Parameters to a Rapport operation as the sandbox clinician and returns the raw answer. */
    HttpResponse<String> operation(String path, Parameters parameters) {
        return operation(path, parameters, null);
    }

    HttpResponse<String> operation(String path, Parameters parameters, String ifMatch) {
        return Http.send(operationRequest(path, parameters, ifMatch)
                .header("Authorization", "Bearer " + Http.defaultToken()).build());
    }

    /** POSTs Parameters to a Rapport operation with {@code accessToken}, or with no token at all when null. */
    HttpResponse<String> operationAs(String accessToken, String path, Parameters parameters) {
        HttpRequest.Builder request = operationRequest(path, parameters, null);
        if (accessToken != null) {
            request.header("Authorization", "Bearer " + accessToken);
        }
        return Http.sendAnonymously(request.build());
    }

    private HttpRequest.Builder operationRequest(String path, Parameters parameters, String ifMatch) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(rapportUrl + "/fhir/" + path))
                .timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/fhir+json")
                .header("Accept", "application/fhir+json")
                .POST(HttpRequest.BodyPublishers.ofString(Fhir.CONTEXT.newJsonParser().encodeResourceToString(parameters)));
        if (ifMatch != null) {
            request.header("If-Match", ifMatch);
        }
        return request;
    }
}
