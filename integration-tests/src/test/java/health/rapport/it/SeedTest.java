package health.rapport.it;

import static org.assertj.core.api.Assertions.assertThat;

import health.rapport.sandbox.Sandbox;
import health.rapport.sandbox.seed.SeedPatient;
import health.rapport.sandbox.seed.Seeder;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Group;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Observation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** ./sandbox.sh --seed: synthetic patients at every stage, made through Rapport's own operations. */
@ExtendWith(SandboxExtension.class)
class SeedTest {

    private static final String BASE = "https://rapport-ipt.org/fhir";

    @Test
    void seedsEveryStageOnceThroughRapportsOperations(Sandbox sandbox) {
        Ehr ehr = new Ehr(sandbox);
        Seeder seeder = new Seeder(ca.uhn.fhir.context.FhirContext.forR4Cached(), sandbox.fhirBaseUrl(),
                sandbox.rapportUrl() + "/fhir");

        Map<String, SeedPatient> seeded = seeder.seed().stream().collect(Collectors.toMap(SeedPatient::key, p -> p));

        assertThat(seeded).hasSize(15);
        assertThat(plan(ehr, seeded.get("seed-new"))).isNull();
        assertThat(phase(plan(ehr, seeded.get("seed-initial")))).isEqualTo("initial");
        for (String key : List.of("seed-grief", "seed-role-dispute", "seed-role-transition", "seed-deficits")) {
            CarePlan plan = plan(ehr, seeded.get(key));
            assertThat(phase(plan)).as(key).isEqualTo("middle");
            assertThat(problemArea(plan)).as(key).isEqualTo(key.replace("seed-", "").replace("deficits",
                    "interpersonal-deficits"));
        }
        assertThat(phase(plan(ehr, seeded.get("seed-termination")))).isEqualTo("termination");
        assertThat(phase(plan(ehr, seeded.get("seed-maintenance")))).isEqualTo("maintenance");
        List<Observation> item9 = observations(ehr, seeded.get("seed-safety"), "http://loinc.org|44260-8");
        assertThat(item9).singleElement().satisfies(o -> assertThat(((IntegerType) o.getValue()).getValue()).isPositive());
        List<Observation> status = observations(ehr, seeded.get("seed-non-responder"),
                BASE + "/CodeSystem/rapport-observation|measure-response-status");
        assertThat(status).extracting(o -> ((CodeableConcept) o.getValue()).getCodingFirstRep().getCode())
                .contains("non-response");

        String ruptured = "Patient/" + seeded.get("seed-rupture").patientId();
        assertThat(phase(plan(ehr, seeded.get("seed-rupture")))).isEqualTo("middle");
        List<Observation> ruptures = ehr.all("Observation?subject=" + ruptured + "&code=" + BASE
                + "/CodeSystem/process-event|alliance-rupture", Observation.class);
        assertThat(ruptures).hasSize(2).allSatisfy(o -> {
            assertThat(o.getMeta().getSecurity()).extracting(Coding::getCode).contains("PSYTHPN");
            assertThat(o.getEncounter().getReference()).startsWith("Encounter/");
        });
        assertThat(ehr.count("DocumentReference?subject=" + ruptured + "&type=" + BASE
                + "/CodeSystem/process-event|process-note")).isEqualTo(1);

        // Conjoint: the individual course became conjoint with the husband from her Inventory; one session with him.
        String conjoint = "Patient/" + seeded.get("seed-conjoint").patientId();
        List<Encounter> together = ehr.all("Encounter?subject=" + conjoint, Encounter.class).stream()
                .filter(e -> "conjoint".equals(e.getTypeFirstRep().getCodingFirstRep().getCode())).toList();
        assertThat(together).singleElement().satisfies(e -> assertThat(e.getParticipant())
                .anySatisfy(p -> assertThat(p.getIndividual().getReference()).startsWith("RelatedPerson/")));
        assertThat(ehr.count("Encounter?subject=" + conjoint)).isEqualTo(2);

        // Group: three members, each with their own group course, one group session with their own sessions part of it.
        List<Group> groups = ehr.all("Group?identifier=" + BASE + "/identifier/ipt-group|seed-ipt-group", Group.class);
        assertThat(groups).singleElement().satisfies(g -> assertThat(g.getMember()).extracting(m -> m.getEntity().getReference())
                .containsExactlyInAnyOrder(List.of("seed-group-1", "seed-group-2", "seed-group-3").stream()
                        .map(k -> "Patient/" + seeded.get(k).patientId()).toArray(String[]::new)));
        String group = "Group/" + groups.get(0).getIdElement().getIdPart();
        assertThat(ehr.count("Encounter?subject=" + group)).isEqualTo(1);
        for (String key : List.of("seed-group-1", "seed-group-2", "seed-group-3")) {
            assertThat(plan(ehr, seeded.get(key)).getInstantiatesCanonical().get(0).getValue()).as(key)
                    .startsWith(BASE + "/PlanDefinition/ipt-group-course");
            assertThat(ehr.count("Encounter?subject=Patient/" + seeded.get(key).patientId() + "&type=" + BASE
                    + "/CodeSystem/session-format|group")).as(key)
                    .isEqualTo(1);
        }

        int patients = ehr.count("Patient?identifier=" + Seeder.SYSTEM + "|");
        int plans = ehr.count("CarePlan");
        seeder.seed();
        // Other tests seed cohorts under the same identifier system: seeding again must add none of any.
        assertThat(ehr.count("Patient?identifier=" + Seeder.SYSTEM + "|")).isEqualTo(patients);
        assertThat(ehr.count("CarePlan")).as("seeding again enrols nobody").isEqualTo(plans);
        assertThat(ehr.count("Encounter?subject=" + group)).as("seeding again records no group session").isEqualTo(1);
    }

    private static CarePlan plan(Ehr ehr, SeedPatient patient) {
        Bundle plans = ehr.record.search().byUrl("CarePlan?subject=Patient/" + patient.patientId())
                .returnBundle(Bundle.class).execute();
        return plans.getEntry().isEmpty() ? null : (CarePlan) plans.getEntryFirstRep().getResource();
    }

    private static List<Observation> observations(Ehr ehr, SeedPatient patient, String code) {
        return ehr.record.search().byUrl("Observation?subject=Patient/" + patient.patientId() + "&code=" + code)
                .returnBundle(Bundle.class).execute().getEntry().stream().map(e -> (Observation) e.getResource()).toList();
    }

    private static String phase(CarePlan plan) {
        return ((Coding) plan.getExtensionByUrl(BASE + "/StructureDefinition/ipt-phase").getValue()).getCode();
    }

    private static String problemArea(CarePlan plan) {
        return ((CodeableConcept) plan.getExtensionByUrl(BASE + "/StructureDefinition/problem-area").getValue())
                .getCodingFirstRep().getCode();
    }
}
