package health.rapport.plugin.exchange.imports;

import ca.uhn.fhir.context.FhirContext;
import com.code_intelligence.jazzer.junit.FuzzTest;
import health.rapport.plugin.http.OperationFailure;
import health.rapport.plugin.exchange.ProcessNotes;
import health.rapport.plugin.store.ChartStore;
import health.rapport.plugin.store.CreateOutcome;
import health.rapport.plugin.store.Ping;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.instance.model.api.IIdType;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.Patient;

/**
 * {@code $ipt-import} on hostile bodies, from the body reader through every document check, the patient match,
 * the plan placement and the transaction it would write (against a FHIR server that knows one patient per
 * identifier and answers every transaction entry 201): each body is imported or refused with
 * {@link OperationFailure} / {@link DocumentRejected} at a 4xx. Any other exception is a finding.
 * Seeds: {@code ImportDocumentFuzzTestInputs/importDocument/}.
 */
class ImportDocumentFuzzTest {

    private static final FhirContext FHIR = FhirContext.forR4Cached();
    private static final ChartStore STORE = new OnePatientStore();
    private static final ProcessNotes NOTES = new ProcessNotes(Set.of("countertransference-reflection"));
    private static final DocumentReader READER = new DocumentReader(FHIR);
    private static final ImportProcessor IMPORTER = new ImportProcessor(STORE, List.of(new DocumentShapeCheck(),
            new ProfileCheck(), new PrivacyCheck(NOTES), new ReferenceCheck(FHIR)), new ImportWriter(STORE, FHIR, "0.1.0"));

    @FuzzTest(maxDuration = "4s")
    void importDocument(byte[] body) {
        try {
            IMPORTER.importDocument(READER.read(body));
        } catch (OperationFailure refused) {
            fourHundreds(refused.status());
        } catch (DocumentRejected rejected) {
            fourHundreds(rejected.getStatusCode());
        }
    }

    private static void fourHundreds(int status) {
        if (status < 400 || status > 499) {
            throw new AssertionError("refused with " + status);
        }
    }

    /** A FHIR server with one patient for any identifier, no plans, and a 201 for every transaction entry. */
    private static final class OnePatientStore implements ChartStore {

        @Override
        public String baseUrl() {
            return "http://fhir.example.org/fhir";
        }

        @Override
        public <T extends IBaseResource> T read(Class<T> type, String id) {
            throw new UnsupportedOperationException("the import reads nothing by id");
        }

        @Override
        public Bundle search(String relativeSearchUrl) {
            Bundle result = new Bundle().setType(Bundle.BundleType.SEARCHSET);
            if (relativeSearchUrl.startsWith("Patient?")) {
                Patient patient = new Patient();
                patient.setId("local-1");
                result.addEntry().setResource(patient);
            }
            return result;
        }

        @Override
        public Optional<Bundle> nextPage(Bundle page) {
            return Optional.empty();
        }

        @Override
        public Bundle transaction(Bundle transaction) {
            Bundle response = new Bundle().setType(Bundle.BundleType.TRANSACTIONRESPONSE);
            int n = 0;
            for (Bundle.BundleEntryComponent entry : transaction.getEntry()) {
                String type = entry.getResource() == null ? "Basic" : entry.getResource().fhirType();
                response.addEntry().getResponse().setStatus("201 Created").setLocation(type + "/t" + n++ + "/_history/1");
            }
            return response;
        }

        @Override
        public CreateOutcome createIfNoneExist(IBaseResource resource, String searchCondition) {
            throw new UnsupportedOperationException();
        }

        @Override
        public IIdType updateIfMatch(IBaseResource resource, String expectedVersionId) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Ping ping() {
            throw new UnsupportedOperationException();
        }

        @Override
        public CapabilityStatement capabilities() {
            throw new UnsupportedOperationException();
        }
    }
}
