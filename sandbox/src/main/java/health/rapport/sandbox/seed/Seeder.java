package health.rapport.sandbox.seed;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.client.api.IClientInterceptor;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.api.IHttpRequest;
import ca.uhn.fhir.rest.client.api.IHttpResponse;
import health.rapport.sandbox.ehr.SandboxEhr;
import java.util.function.Supplier;
import ca.uhn.fhir.rest.client.api.ServerValidationModeEnum;
import health.rapport.sandbox.fhir.RecordClients;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.Enumerations.AdministrativeGender;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Practitioner;
import org.hl7.fhir.r4.model.QuestionnaireResponse.QuestionnaireResponseItemComponent;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.StringType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates the sandbox's synthetic patients at every stage of an IPT course, through Rapport's
 * own operations (enrol, process responses, advance). Seeding twice creates nothing new: a
 * scenario whose patient exists is left as it is.
 */
public final class Seeder {

    /** Identifier system of the seeded patients. */
    public static final String SYSTEM = "urn:rapport:sandbox:seed";

    private static final Logger LOG = LoggerFactory.getLogger(Seeder.class);
    private static final String BASE = "https://rapport-ipt.org/fhir";
    private static final String[] ANSWERS = {"LA6568-5", "LA6569-3", "LA6570-1", "LA6571-9"};
    private static final String[] PHQ9_ITEMS = {"44250-9", "44255-8", "44259-0", "44254-1", "44251-7", "44258-2",
        "44252-5", "44253-3", "44260-8"};

    private final FhirContext fhir;
    private final IGenericClient record;
    private final IGenericClient rapport;

    /**
     * A seeder that calls Rapport as the signed-in clinician of the sandbox EHR running on
     * {@code fhirBaseUrl} in this JVM.
     */
    public Seeder(FhirContext fhir, String fhirBaseUrl, String rapportFhirUrl) {
        this(fhir, fhirBaseUrl, rapportFhirUrl, () -> SandboxEhr.at(fhirBaseUrl)
                .orElseThrow(() -> new IllegalStateException("no sandbox EHR runs on " + fhirBaseUrl))
                .clinicianToken());
    }

    /** A seeder that calls Rapport with the tokens {@code accessToken} gives (Rapport refuses anonymous calls). */
    public Seeder(FhirContext fhir, String fhirBaseUrl, String rapportFhirUrl, Supplier<String> accessToken) {
        this.fhir = fhir;
        fhir.getRestfulClientFactory().setServerValidationMode(ServerValidationModeEnum.NEVER);
        fhir.getRestfulClientFactory().setSocketTimeout(120_000);
        this.record = RecordClients.current(fhir, fhirBaseUrl);
        this.rapport = rapportClient(fhir, rapportFhirUrl, accessToken);
    }

    /** A client of Rapport's FHIR operations that calls with the tokens {@code accessToken} gives. */
    static IGenericClient rapportClient(FhirContext fhir, String rapportFhirUrl, Supplier<String> accessToken) {
        IGenericClient rapport = fhir.newRestfulGenericClient(rapportFhirUrl);
        rapport.registerInterceptor(new IClientInterceptor() {
            @Override
            public void interceptRequest(IHttpRequest request) {
                request.addHeader("Authorization", "Bearer " + accessToken.get());
            }

            @Override
            public void interceptResponse(IHttpResponse response) {
                // Nothing to do with answers.
            }
        });
        return rapport;
    }

    public List<SeedPatient> seed() {
        String therapist = therapist();
        List<SeedPatient> seeded = new ArrayList<>();
        List<String> newMembers = new ArrayList<>();
        for (Scenario scenario : Scenario.all()) {
            boolean existed = exists(scenario);
            SeedPatient patient = seed(scenario, therapist);
            seeded.add(patient);
            if (!existed && FormatSeed.GROUP_MEMBERS.contains(scenario.key())) {
                newMembers.add(patient.patientId());
            }
        }
        // The group is made once, when its members are new: seeding again records nothing twice.
        if (newMembers.size() == FormatSeed.GROUP_MEMBERS.size()) {
            new FormatSeed(record, rapport).group(newMembers, therapist);
        }
        return seeded;
    }

    private boolean exists(Scenario scenario) {
        return !record.search().byUrl("Patient?identifier=" + SYSTEM + "|" + scenario.key())
                .returnBundle(Bundle.class).execute().getEntry().isEmpty();
    }

    private SeedPatient seed(Scenario scenario, String therapist) {
        String name = scenario.given() + " " + scenario.family();
        Bundle existing = record.search().byUrl("Patient?identifier=" + SYSTEM + "|" + scenario.key())
                .returnBundle(Bundle.class).execute();
        if (!existing.getEntry().isEmpty()) {
            return new SeedPatient(scenario.key(), existing.getEntryFirstRep().getResource().getIdElement().getIdPart(),
                    name, scenario.stage());
        }
        Patient patient = new Patient();
        patient.addIdentifier().setSystem(SYSTEM).setValue(scenario.key());
        patient.addName(new HumanName().setFamily(scenario.family()).addGiven(scenario.given()).setText(name + " (synthetic)"));
        patient.setGender(AdministrativeGender.fromCode(scenario.gender()));
        patient.setBirthDateElement(new DateType(scenario.birthYear() + "-06-15"));
        String patientId = record.create().resource(patient).execute().getId().getIdPart();

        if (scenario.enrol()) {
            CarePlan plan = rapport.operation().onInstance(new IdType("Patient", patientId)).named("$ipt-enroll")
                    .withParameters(new Parameters().addParameter("practitioner", new StringType("Practitioner/" + therapist)))
                    .returnResourceType(CarePlan.class).execute();
            Instant session = Instant.now();
            if (scenario.problemArea() != null) {
                process(store(inventory(patientId, scenario.problemArea(), scenario.disputeStage())), therapist);
            }
            for (int[] answers : scenario.phq9Totals()) {
                session = session.plus(1, ChronoUnit.MINUTES);
                process(store(phq9(patientId, Date.from(session), answers)), therapist);
            }
            for (String phase : scenario.phases()) {
                rapport.operation().onInstance(new IdType("CarePlan", plan.getIdPart())).named("$ipt-advance")
                        .withParameters(new Parameters().addParameter("phase", new CodeType(phase))
                                .addParameter("practitioner", new StringType("Practitioner/" + therapist)))
                        .returnResourceType(CarePlan.class).execute();
            }
            if (ProcessSeed.KEY.equals(scenario.key())) {
                new ProcessSeed(rapport).seed(plan.getIdPart(), therapist);
            }
            if (FormatSeed.CONJOINT.equals(scenario.key())) {
                new FormatSeed(record, rapport).conjoint(patientId, plan.getIdPart(), therapist);
            }
        }
        LOG.info("Seeded {} ({}): {}", name, patientId, scenario.stage());
        return new SeedPatient(scenario.key(), patientId, name, scenario.stage());
    }

    private String therapist() {
        Bundle existing = record.search().byUrl("Practitioner?identifier=" + SYSTEM + "|seed-therapist")
                .returnBundle(Bundle.class).execute();
        if (!existing.getEntry().isEmpty()) {
            return existing.getEntryFirstRep().getResource().getIdElement().getIdPart();
        }
        Practitioner practitioner = new Practitioner();
        practitioner.addIdentifier().setSystem(SYSTEM).setValue("seed-therapist");
        practitioner.addName(new HumanName().setFamily("Morgan").addGiven("Sam").addPrefix("Dr"));
        return record.create().resource(practitioner).execute().getId().getIdPart();
    }

    private String store(QuestionnaireResponse response) {
        return record.create().resource(response).execute().getId().getIdPart();
    }

    private void process(String responseId, String therapist) {
        rapport.operation().onInstance(new IdType("QuestionnaireResponse", responseId)).named("$ipt-process")
                .withParameters(new Parameters().addParameter("practitioner", new StringType("Practitioner/" + therapist)))
                .execute();
    }

    private QuestionnaireResponse inventory(String patientId, String problemArea, String disputeStage) {
        QuestionnaireResponse response = forPatient(example("QuestionnaireResponse-example-maya-inventory.json"),
                patientId, new Date());
        QuestionnaireResponseItemComponent formulation = find(response.getItem(), "formulation");
        formulation.getItem().removeIf(i -> i.getLinkId().equals("formulation.secondary"));
        QuestionnaireResponseItemComponent primary = find(formulation.getItem(), "formulation.primary");
        QuestionnaireResponseItemComponent area = find(primary.getItem(), "formulation.primary.problem-area");
        area.getAnswer().clear();
        area.addAnswer().setValue(new Coding(BASE + "/CodeSystem/ipt-problem-area", problemArea, null));
        primary.getItem().removeIf(i -> i.getLinkId().equals("formulation.primary.dispute-stage"));
        if (disputeStage != null) {
            primary.addItem().setLinkId("formulation.primary.dispute-stage").addAnswer()
                    .setValue(new Coding(BASE + "/CodeSystem/role-dispute-stage", disputeStage, null));
        }
        return response;
    }

    private QuestionnaireResponse phq9(String patientId, Date authored, int[] answers) {
        QuestionnaireResponse response = forPatient(example("QuestionnaireResponse-example-maya-phq9-baseline.json"),
                patientId, authored);
        for (int i = 0; i < PHQ9_ITEMS.length; i++) {
            QuestionnaireResponseItemComponent item = find(response.getItem(), PHQ9_ITEMS[i]);
            item.getAnswer().clear();
            item.addAnswer().setValue(new Coding("http://loinc.org", ANSWERS[answers[i]], null));
        }
        // The client-side total is left out: Rapport computes it.
        QuestionnaireResponseItemComponent panel = find(response.getItem(), "phq9");
        panel.getItem().removeIf(i -> i.getLinkId().equals("44261-6"));
        return response;
    }

    private static QuestionnaireResponse forPatient(QuestionnaireResponse response, String patientId, Date authored) {
        response.setId((String) null);
        Reference patient = new Reference("Patient/" + patientId);
        return response.setSubject(patient).setAuthor(patient).setSource(patient).setAuthored(authored);
    }

    private static QuestionnaireResponseItemComponent find(List<QuestionnaireResponseItemComponent> items, String linkId) {
        QuestionnaireResponseItemComponent found = search(items, linkId);
        if (found == null) {
            throw new IllegalStateException("the example response has no item " + linkId);
        }
        return found;
    }

    private static QuestionnaireResponseItemComponent search(List<QuestionnaireResponseItemComponent> items,
            String linkId) {
        for (QuestionnaireResponseItemComponent item : items) {
            if (linkId.equals(item.getLinkId())) {
                return item;
            }
            QuestionnaireResponseItemComponent nested = search(item.getItem(), linkId);
            if (nested != null) {
                return nested;
            }
        }
        return null;
    }

    private QuestionnaireResponse example(String name) {
        try (InputStream in = Seeder.class.getResourceAsStream("/rapport/examples/" + name)) {
            if (in == null) {
                throw new IllegalStateException("example " + name + " missing from the class path");
            }
            return fhir.newJsonParser().parseResource(QuestionnaireResponse.class, in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
