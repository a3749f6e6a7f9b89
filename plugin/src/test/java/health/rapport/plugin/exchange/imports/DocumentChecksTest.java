package health.rapport.plugin.exchange.imports;

import static org.assertj.core.api.Assertions.assertThat;

import health.rapport.plugin.exchange.ProcessNotes;
import health.rapport.plugin.fhir.Canonicals;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Set;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Composition;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.Test;

/** The import's structural checks list every problem of a document, not the first. */
class DocumentChecksTest {

    private final ProcessNotes processNotes = new ProcessNotes(Set.of("countertransference-reflection"));

    @Test
    void everyProblemIsListed() {
        Bundle document = new Bundle().setType(Bundle.BundleType.COLLECTION);
        Composition composition = new Composition();
        composition.setSubject(new Reference("Patient/elsewhere"));
        document.addEntry().setFullUrl("urn:uuid:c").setResource(composition);
        Patient patient = new Patient();
        patient.setId("p");
        document.addEntry().setFullUrl("http://a/fhir/Patient/p").setResource(patient);
        CarePlan plan = new CarePlan();
        plan.setId("cp");
        plan.getMeta().addSecurity(new Coding(Canonicals.V3_ACT_CODE, "PSYTHPN", null));
        plan.setSubject(new Reference("Patient/p"));
        plan.addGoal(new Reference("Goal/missing"));
        plan.addActivity().getDetail().getCode().addCoding(new Coding(Canonicals.CS_INTERVENTION,
                "countertransference-reflection", null));
        document.addEntry().setFullUrl("http://a/fhir/CarePlan/cp").setResource(plan);

        List<Problem> problems = check(document);

        assertThat(problems).extracting(Problem::message)
                .anyMatch(m -> m.contains("must be a document"))
                .anyMatch(m -> m.contains("identifier"))
                .anyMatch(m -> m.contains("subject must be the Patient"))
                .anyMatch(m -> m.contains("must claim " + Canonicals.PROFILE_CAREPLAN_SHAREABLE))
                .anyMatch(m -> m.contains("exactly one IPT phase"))
                .anyMatch(m -> m.contains("Patient.identifier"))
                .anyMatch(m -> m.contains("labelled PSYTHPN"))
                .anyMatch(m -> m.contains("activity 0 is a process note"))
                .anyMatch(m -> m.contains("Goal/missing, which is not in the document"));
    }

    @Test
    void relativeReferencesResolveAgainstTheReferringEntrysBase() {
        Bundle document = new Bundle().setType(Bundle.BundleType.DOCUMENT).setTimestamp(new Date());
        Patient patient = new Patient();
        patient.setId("7");
        document.addEntry().setFullUrl("http://a/fhir/Patient/7").setResource(patient);
        DocumentIndex index = new DocumentIndex(document);

        assertThat(index.resolve("Patient/7", "http://a/fhir/CarePlan/1")).isPresent();
        assertThat(index.resolve("http://a/fhir/Patient/7", "urn:uuid:x")).isPresent();
        assertThat(index.resolve("http://b/fhir/Patient/7", "urn:uuid:x")).isEmpty();
    }

    private List<Problem> check(Bundle document) {
        DocumentIndex index = new DocumentIndex(document);
        List<Problem> problems = new ArrayList<>();
        List.of(new DocumentShapeCheck(), new ProfileCheck(), new PrivacyCheck(processNotes),
                new ReferenceCheck(ca.uhn.fhir.context.FhirContext.forR4Cached()))
                .forEach(c -> c.check(document, index, problems));
        return problems;
    }
}
