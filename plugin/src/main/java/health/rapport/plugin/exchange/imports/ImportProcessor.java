package health.rapport.plugin.exchange.imports;

import health.rapport.plugin.http.OperationFailure;
import ca.uhn.fhir.context.FhirContext;
import health.rapport.plugin.content.ContentLibrary;
import health.rapport.plugin.exchange.Identifiers;
import health.rapport.plugin.exchange.ProcessNotes;
import health.rapport.plugin.store.ChartStore;
import health.rapport.plugin.store.ChartStoreException;
import health.rapport.plugin.store.StoreFailure;
import health.rapport.plugin.store.TransactionBuilder;
import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.Composition;
import org.hl7.fhir.r4.model.Patient;

/**
 * {@code $ipt-import}: checks a care-summary document completely (every problem, in one
 * answer), finds the patient by identifier, places the plan without overwriting a newer local
 * one, and writes everything in one transaction, or nothing.
 */
public final class ImportProcessor {

    private final List<DocumentCheck> checks;
    private final PatientMatcher patients;
    private final PlanGuard guard;
    private final ImportWriter writer;

    ImportProcessor(ChartStore store, List<DocumentCheck> checks, ImportWriter writer) {
        this.checks = List.copyOf(checks);
        this.patients = new PatientMatcher(store);
        this.guard = new PlanGuard(store);
        this.writer = writer;
    }

    /** The importer with every check of a care-summary document, as the {@code $ipt-import} provider uses it. */
    public static ImportProcessor create(ChartStore store, ContentLibrary library, FhirContext fhir, String rapportVersion) {
        return new ImportProcessor(store, List.of(new DocumentShapeCheck(), new ProfileCheck(),
                new PrivacyCheck(ProcessNotes.from(library)), new ReferenceCheck(fhir)),
                new ImportWriter(store, fhir, rapportVersion));
    }

    public ImportResult importDocument(Bundle document) {
        DocumentIndex index = new DocumentIndex(document);
        List<Problem> problems = new ArrayList<>();
        checks.forEach(check -> check.check(document, index, problems));
        String patientId = null;
        for (int i = 0; i < document.getEntry().size(); i++) {
            if (document.getEntry().get(i).getResource() instanceof Patient patient) {
                patientId = patients.match(patient, DocumentCheck.at(i) + ".identifier", problems);
                break;
            }
        }
        if (!problems.isEmpty()) {
            throw new DocumentRejected(422, problems);
        }
        CarePlan plan = document.getEntry().stream().map(Bundle.BundleEntryComponent::getResource)
                .filter(CarePlan.class::isInstance).map(CarePlan.class::cast).findFirst().orElseThrow();
        Composition composition = (Composition) document.getEntryFirstRep().getResource();
        PlanPlacement placement = guard.place(patientId, plan, Identifiers.key(plan), composition.getDate());
        try {
            ImportWriter.Written written = writer.write(document, index, patientId, placement);
            int created = (int) written.response().getEntry().stream()
                    .filter(e -> e.getResponse().getStatus() != null && e.getResponse().getStatus().startsWith("201"))
                    .count();
            String planLocation = written.planIndex() < 0 ? null : TransactionBuilder.location(written.response(),
                    written.planIndex());
            return new ImportResult(patientId, planLocation, created, placement);
        } catch (ChartStoreException e) {
            if (e.failure() == StoreFailure.CONFLICT) {
                throw OperationFailure.conflict("The patient's local plan changed while the document was imported; "
                        + "nothing was written. Import it again.");
            }
            throw e;
        }
    }

    /** What an import did: the local patient and plan, and how many resources it created (0: already there). */
    public record ImportResult(String patientId, String carePlan, int created, PlanPlacement placement) {
    }
}
