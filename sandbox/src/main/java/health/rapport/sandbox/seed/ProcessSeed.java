package health.rapport.sandbox.seed;

import ca.uhn.fhir.rest.client.api.IGenericClient;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.DocumentReference;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.StringType;

/**
 * The therapy process of the {@link #KEY} patient: two attended sessions a week apart, a withdrawal rupture in the
 * first (explored and the task changed: partly resolved), a confrontation in the second (the therapist
 * acknowledged their part: resolved), and a process note, recorded through Rapport's Encounter operations.
 */
final class ProcessSeed {

    static final String KEY = "seed-rupture";
    private static final String BASE = "https://rapport-ipt.org/fhir/CodeSystem/";

    private final IGenericClient rapport;

    ProcessSeed(IGenericClient rapport) {
        this.rapport = rapport;
    }

    void seed(String carePlanId, String therapist) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MINUTES);
        String first = session(carePlanId, therapist, now.minus(7, ChronoUnit.DAYS));
        String second = session(carePlanId, therapist, now.minus(1, ChronoUnit.HOURS));
        rupture(first, therapist, "withdrawal", "partly-resolved", "Fell silent and changed the subject when the "
                + "role play with her partner was proposed.", "explore-rupture-experience", "change-tasks-or-goals");
        rupture(second, therapist, "confrontation", "resolved", "Said the sessions were not helping and I was "
                + "taking his partner's side.", "acknowledge-own-contribution", "link-to-interpersonal-patterns");
        rapport.operation().onInstance(new IdType("Encounter", second)).named("$ipt-record-process-note")
                .withParameters(new Parameters()
                        .addParameter("text", new StringType("Noticed my own impatience when he complained; naming it "
                                + "opened the first real talk about how disagreements go at home."))
                        .addParameter("practitioner", new StringType("Practitioner/" + therapist)))
                .returnResourceType(DocumentReference.class).execute();
    }

    /** An attended session of the course, recorded through Rapport's session operation: its Encounter's id. */
    private String session(String carePlanId, String therapist, Instant start) {
        Parameters answer = rapport.operation().onInstance(new IdType("CarePlan", carePlanId)).named("$ipt-record-session")
                .withParameters(new Parameters()
                        .addParameter("date", new DateTimeType(Date.from(start)))
                        .addParameter("attendance", new Coding(BASE + "session-attendance", "attended", null))
                        .addParameter("modality", new Coding(BASE + "session-modality", "in-person", null))
                        .addParameter("minutes", new IntegerType(50))
                        .addParameter("practitioner", new StringType("Practitioner/" + therapist)))
                .execute();
        return answer.getParameter().stream().filter(p -> "session".equals(p.getName())).findFirst()
                .orElseThrow(() -> new IllegalStateException("$ipt-record-session answered without a session"))
                .getResource().getIdElement().getIdPart();
    }

    private void rupture(String encounter, String therapist, String marker, String resolution, String note,
            String... strategies) {
        Parameters parameters = new Parameters()
                .addParameter("marker", new Coding(BASE + "rupture-marker", marker, null))
                .addParameter("resolution", new Coding(BASE + "rupture-resolution", resolution, null))
                .addParameter("note", new StringType(note))
                .addParameter("practitioner", new StringType("Practitioner/" + therapist));
        for (String strategy : strategies) {
            parameters.addParameter("strategy", new Coding(BASE + "repair-strategy", strategy, null));
        }
        rapport.operation().onInstance(new IdType("Encounter", encounter)).named("$ipt-record-rupture")
                .withParameters(parameters).returnResourceType(Observation.class).execute();
    }
}
