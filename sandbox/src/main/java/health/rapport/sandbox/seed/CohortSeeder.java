package health.rapport.sandbox.seed;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import health.rapport.sandbox.ehr.SandboxEhr;
import health.rapport.sandbox.fhir.RecordClients;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Enumerations.AdministrativeGender;
import org.hl7.fhir.r4.model.EpisodeOfCare;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.PositiveIntType;
import org.hl7.fhir.r4.model.Practitioner;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.Task;
import org.hl7.fhir.r4.model.UnsignedIntType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A cohort of synthetic IPT courses worth looking at in the caseload and the service view: open and
 * completed courses of three clinicians, with plausible trajectories ({@link Trajectory}: responders,
 * non-responders, deteriorators, dropouts, a positive item 9, an alliance rupture).
 *
 * <p>Each course is enrolled through Rapport's own {@code $ipt-enroll} (as the clinician of the course,
 * backdated to its start: the plan, its episode and first Tasks are Rapport's), then its history goes in
 * one transaction on the record: the sessions held (Encounters of the course's episode), the PHQ-9,
 * GAD-7, item-9 and session alliance scores as another system would have recorded them, and the plan's
 * session count and phase. Processing each of some 2,000 historic forms through {@code $ipt-process}
 * would take most of an hour on the sandbox (docs/performance.md). Seeding twice creates nothing new: a
 * course whose patient exists is left as it is.
 */
public final class CohortSeeder {

    /** Identifier values of the cohort's patients: {@code cohort-<n>}. */
    public static final String KEY_PREFIX = "cohort-";
    /** The cohort's clinicians: the sandbox's signed-in clinician and two colleagues. */
    public static final List<String> CLINICIANS = List.of(SandboxEhr.PRACTITIONER, "Practitioner/cohort-rivera",
            "Practitioner/cohort-nair");

    private static final Logger LOG = LoggerFactory.getLogger(CohortSeeder.class);
    private static final String BASE = "https://rapport-ipt.org/fhir";
    private static final String LOINC = "http://loinc.org";
    private static final String EXT_PHASE = BASE + "/StructureDefinition/ipt-phase";
    private static final String EXT_PROBLEM_AREA = BASE + "/StructureDefinition/problem-area";
    private static final String EXT_COMPLETED = BASE + "/StructureDefinition/completed-sessions";
    private static final String EXT_SESSION_NUMBER = BASE + "/StructureDefinition/session-number";
    private static final String EXT_ATTENDANCE = BASE + "/StructureDefinition/session-attendance";
    private static final String EXT_EPISODE = "http://hl7.org/fhir/StructureDefinition/workflow-episodeOfCare";
    private static final String OPEN_COURSE = BASE + "/identifier/open-ipt-course";
    private static final String SESSION = BASE + "/identifier/ipt-session";
    private static final String[] GIVEN = {"Ada", "Bilal", "Chloe", "Dmitri", "Esme", "Felix", "Gita", "Hugo", "Ines",
        "Jamal", "Keiko", "Liam", "Mira", "Nico", "Olu", "Pia", "Quinn", "Rosa", "Sami", "Tara", "Umar", "Vera", "Wes",
        "Ximena", "Yusuf", "Zara"};
    private static final String[] FAMILY = {"Abbott", "Baker", "Chen", "Dubois", "Evans", "Fischer", "Garcia", "Hughes",
        "Ito", "Jensen", "Khan", "Lopez", "Moreau", "Novak", "Okafor", "Price", "Quist", "Reyes", "Silva", "Tanaka",
        "Usman", "Vargas", "Weber", "Xu", "Young", "Zimmer"};
    private static final String[] AREAS = {"grief", "role-dispute", "role-transition", "interpersonal-deficits"};

    private final FhirContext fhir;
    private final IGenericClient record;
    private final IGenericClient rapport;
    private final Instant now;
    private int clinicians = CLINICIANS.size();

    /** A seeder that enrols as the sandbox EHR's own clinician token (its pages and set-up use it too). */
    public CohortSeeder(FhirContext fhir, String fhirBaseUrl, String rapportFhirUrl) {
        this(fhir, fhirBaseUrl, rapportFhirUrl, () -> SandboxEhr.at(fhirBaseUrl)
                .orElseThrow(() -> new IllegalStateException("no sandbox EHR runs on " + fhirBaseUrl))
                .clinicianToken(), Instant.now());
    }

    public CohortSeeder(FhirContext fhir, String fhirBaseUrl, String rapportFhirUrl, Supplier<String> accessToken,
            Instant now) {
        this.fhir = fhir;
        fhir.getRestfulClientFactory().setSocketTimeout(120_000);
        this.record = RecordClients.current(fhir, fhirBaseUrl);
        this.rapport = Seeder.rapportClient(fhir, rapportFhirUrl, accessToken);
        this.now = now;
    }

    /**
     * Shares the courses among the first {@code count} of {@link #CLINICIANS} only (1: every course is the
     * sandbox clinician's, e.g. to measure one caseload of a few hundred courses).
     */
    public CohortSeeder clinicians(int count) {
        if (count < 1 || count > CLINICIANS.size()) {
            throw new IllegalArgumentException("1 to " + CLINICIANS.size() + " clinicians");
        }
        this.clinicians = count;
        return this;
    }

    /** Seeds courses 1 to {@code size}; what exists already stays as it is. */
    public List<SeedPatient> seed(int size) {
        clinicians();
        List<SeedPatient> out = new ArrayList<>();
        for (int n = 1; n <= size; n++) {
            out.add(course(n));
        }
        return out;
    }

    private void clinicians() {
        String[][] names = {{"Rivera", "Alex"}, {"Nair", "Priya"}};
        for (int i = 1; i < CLINICIANS.size(); i++) {
            Practitioner p = new Practitioner();
            p.setId(CLINICIANS.get(i));
            p.addIdentifier().setSystem(Seeder.SYSTEM).setValue(CLINICIANS.get(i).substring("Practitioner/".length()));
            p.addName(new HumanName().setFamily(names[i - 1][0]).addGiven(names[i - 1][1]).addPrefix("Dr"));
            record.update().resource(p).execute();
        }
    }

    /** Which clinician treats course {@code n} when the cohort has all three. */
    public static String clinicianOf(int n) {
        return clinicianOf(n, CLINICIANS.size());
    }

    static String clinicianOf(int n, int clinicians) {
        return CLINICIANS.get((n - 1) % clinicians);
    }

    private SeedPatient course(int n) {
        String key = KEY_PREFIX + n;
        Trajectory trajectory = Trajectory.of(n);
        String name = GIVEN[(n * 7) % GIVEN.length] + " " + FAMILY[(n * 11) % FAMILY.length];
        Bundle existing = record.search().byUrl("Patient?identifier=" + Seeder.SYSTEM + "|" + key)
                .returnBundle(Bundle.class).execute();
        if (!existing.getEntry().isEmpty()) {
            return new SeedPatient(key, existing.getEntryFirstRep().getResource().getIdElement().getIdPart(), name,
                    trajectory.describe());
        }
        Random random = new Random(n);
        Patient patient = new Patient();
        patient.addIdentifier().setSystem(Seeder.SYSTEM).setValue(key);
        patient.addName(new HumanName().setFamily(name.substring(name.indexOf(' ') + 1))
                .addGiven(name.substring(0, name.indexOf(' '))).setText(name + " (synthetic)"));
        patient.setGender(n % 2 == 0 ? AdministrativeGender.FEMALE : AdministrativeGender.MALE);
        patient.setBirthDateElement(new DateType((1950 + random.nextInt(50)) + "-0" + (1 + random.nextInt(9)) + "-1"
                + random.nextInt(9)));
        String patientId = record.create().resource(patient).execute().getId().getIdPart();

        List<Integer> phq9 = trajectory.phq9(random);
        int held = phq9.size();
        Instant last = now.minus(trajectory.daysSinceLastSession(random), ChronoUnit.DAYS);
        Instant first = last.minus(7L * (held - 1), ChronoUnit.DAYS);
        String clinician = clinicianOf(n, clinicians);
        CarePlan plan = rapport.operation().onInstance(new IdType("Patient", patientId)).named("$ipt-enroll")
                .withParameters(new Parameters()
                        .addParameter("practitioner", new StringType(clinician))
                        .addParameter("sessions", new IntegerType(16))
                        .addParameter("start", new DateType(Date.from(first.minus(1, ChronoUnit.DAYS)))))
                .returnResourceType(CarePlan.class).execute();
        history(n, trajectory, random, patientId, clinician, plan, phq9, first);
        LOG.info("Cohort {} ({}): {}", key, patientId, trajectory.describe());
        return new SeedPatient(key, patientId, name, trajectory.describe());
    }

    /** The course's history in one transaction: sessions, scores, the plan (and episode) as they now stand. */
    private void history(int n, Trajectory trajectory, Random random, String patientId, String clinician, CarePlan plan,
            List<Integer> phq9, Instant first) {
        Reference patient = new Reference("Patient/" + patientId);
        Extension episodeExt = plan.getExtensionByUrl(EXT_EPISODE);
        String episode = ((Reference) episodeExt.getValue()).getReference();
        Bundle tx = new Bundle().setType(Bundle.BundleType.TRANSACTION);
        int held = phq9.size();
        int gadBaseline = 8 + random.nextInt(8);
        for (int s = 0; s < held; s++) {
            Instant at = first.plus(7L * s, ChronoUnit.DAYS);
            String course = "cohort-" + n + "/" + (s + 1);
            Encounter e = new Encounter();
            e.addIdentifier().setSystem(SESSION).setValue(course);
            e.setStatus(Encounter.EncounterStatus.FINISHED);
            e.setClass_(new Coding("http://terminology.hl7.org/CodeSystem/v3-ActCode", "AMB", "ambulatory"));
            e.addExtension(EXT_SESSION_NUMBER, new PositiveIntType(s + 1));
            e.addExtension(EXT_ATTENDANCE, new Coding(BASE + "/CodeSystem/session-attendance", "attended", "Attended"));
            e.setSubject(patient);
            e.addEpisodeOfCare(new Reference(episode));
            e.addParticipant().setIndividual(new Reference(clinician));
            e.setPeriod(new Period().setStart(Date.from(at)).setEnd(Date.from(at.plus(50, ChronoUnit.MINUTES))));
            post(tx, e);
            Instant scored = at.minus(30, ChronoUnit.MINUTES);
            int phq = phq9.get(s);
            post(tx, score(patient, scored, LOINC, "44261-6", "PHQ-9 total score", phq));
            post(tx, score(patient, scored, LOINC, "44260-8", "PHQ-9 item 9",
                    s == held - 1 && trajectory == Trajectory.ITEM9_POSITIVE ? 1 : 0));
            post(tx, score(patient, scored, LOINC, "70274-6", "GAD-7 total score",
                    Math.max(0, Math.min(21, trajectory.gad7(gadBaseline, phq9.get(0), phq)))));
            int alliance = trajectory == Trajectory.ALLIANCE && s == held - 1 ? 4 : 9 + random.nextInt(3);
            post(tx, score(patient, at.plus(55, ChronoUnit.MINUTES), BASE + "/CodeSystem/rapport-observation",
                    "session-alliance-score", "Session alliance score", alliance));
        }
        plan.getExtension().removeIf(x -> EXT_COMPLETED.equals(x.getUrl()) || EXT_PHASE.equals(x.getUrl())
                || EXT_PROBLEM_AREA.equals(x.getUrl()));
        plan.addExtension(EXT_PHASE, new Coding(BASE + "/CodeSystem/ipt-phase", phase(held, trajectory), null));
        plan.addExtension(EXT_PROBLEM_AREA, new CodeableConcept(new Coding(BASE + "/CodeSystem/ipt-problem-area",
                AREAS[n % AREAS.length], null)));
        plan.addExtension(EXT_COMPLETED, new UnsignedIntType(held));
        if (!trajectory.open()) {
            plan.setStatus(trajectory == Trajectory.DROPPED_OUT ? CarePlan.CarePlanStatus.REVOKED
                    : CarePlan.CarePlanStatus.COMPLETED);
            plan.getIdentifier().removeIf(i -> OPEN_COURSE.equals(i.getSystem()));
            plan.getPeriod().setEnd(Date.from(first.plus(7L * (held - 1), ChronoUnit.DAYS)));
            EpisodeOfCare closed = record.read().resource(EpisodeOfCare.class).withId(episode).execute();
            closed.setStatus(EpisodeOfCare.EpisodeOfCareStatus.FINISHED);
            closed.getPeriod().setEnd(plan.getPeriod().getEnd());
            put(tx, closed);
        } else if (trajectory == Trajectory.LAPSING) {
            // The measures asked for at enrolment, never filled in since the last session.
            Bundle tasks = record.search().byUrl("Task?patient=" + patientId + "&status=requested")
                    .returnBundle(Bundle.class).execute();
            for (Bundle.BundleEntryComponent entry : tasks.getEntry()) {
                Task task = (Task) entry.getResource();
                task.setAuthoredOn(Date.from(first.plus(7L * (held - 1), ChronoUnit.DAYS)));
                put(tx, task);
            }
        }
        put(tx, plan);
        record.transaction().withBundle(tx).execute();
    }

    private static String phase(int held, Trajectory trajectory) {
        if (!trajectory.open()) {
            return "termination";
        }
        return held <= 3 ? "initial" : held <= 12 ? "middle" : "termination";
    }

    private static Observation score(Reference patient, Instant at, String system, String code, String display, int value) {
        Observation o = new Observation();
        o.setStatus(Observation.ObservationStatus.FINAL);
        o.addCategory(new CodeableConcept(new Coding("http://terminology.hl7.org/CodeSystem/observation-category",
                "survey", "Survey")));
        o.setCode(new CodeableConcept(new Coding(system, code, display)));
        o.setSubject(patient);
        o.setEffective(new DateTimeType(Date.from(at)));
        o.addPerformer(patient);
        o.setValue(new IntegerType(value));
        return o;
    }

    private static void post(Bundle tx, org.hl7.fhir.r4.model.Resource resource) {
        tx.addEntry().setResource(resource).setFullUrl("urn:uuid:" + java.util.UUID.randomUUID()).getRequest()
                .setMethod(Bundle.HTTPVerb.POST).setUrl(resource.fhirType());
    }

    private static void put(Bundle tx, org.hl7.fhir.r4.model.Resource resource) {
        String id = resource.fhirType() + "/" + resource.getIdElement().getIdPart();
        tx.addEntry().setResource(resource).setFullUrl(id).getRequest().setMethod(Bundle.HTTPVerb.PUT).setUrl(id)
                .setIfMatch(resource.getMeta().hasVersionId() ? "W/\"" + resource.getMeta().getVersionId() + "\"" : null);
    }
}
