package health.rapport.sandbox.seed;

import ca.uhn.fhir.rest.client.api.IGenericClient;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Group;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.RelatedPerson;
import org.hl7.fhir.r4.model.StringType;

/**
 * The conjoint and group formats, through Rapport's operations: the {@link #CONJOINT} patient's individual
 * course becomes conjoint with the husband her Inventory recorded (a session with him, one without); the
 * {@link #GROUP_MEMBERS} are enrolled in one IPT group, each has their pre-group individual meeting, and
 * one group session is recorded with two members present and one absent.
 */
final class FormatSeed {

    static final String CONJOINT = "seed-conjoint";
    static final List<String> GROUP_MEMBERS = List.of("seed-group-1", "seed-group-2", "seed-group-3");
    static final String GROUP_KEY = "seed-ipt-group";
    private static final String CS = "https://rapport-ipt.org/fhir/CodeSystem/";

    private final IGenericClient record;
    private final IGenericClient rapport;

    FormatSeed(IGenericClient record, IGenericClient rapport) {
        this.record = record;
        this.rapport = rapport;
    }

    void conjoint(String patientId, String carePlanId, String therapist) {
        List<RelatedPerson> related = record.search().byUrl("RelatedPerson?patient=Patient/" + patientId)
                .returnBundle(Bundle.class).execute().getEntry().stream().map(e -> (RelatedPerson) e.getResource()).toList();
        RelatedPerson husband = related.stream().filter(r -> r.getRelationship().stream().flatMap(c -> c.getCoding().stream())
                .anyMatch(c -> "HUSB".equals(c.getCode()))).findFirst()
                .orElseThrow(() -> new IllegalStateException("the seeded Inventory recorded no husband"));
        rapport.operation().onInstance(new IdType("Patient", patientId)).named("$ipt-enroll")
                .withParameters(new Parameters().addParameter("format", new CodeType("conjoint"))
                        .addParameter("partner", new StringType("RelatedPerson/" + husband.getIdElement().getIdPart()))
                        .addParameter("practitioner", new StringType("Practitioner/" + therapist)))
                .returnResourceType(CarePlan.class).execute();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MINUTES);
        session(carePlanId, therapist, now.minus(7, ChronoUnit.DAYS), true);
        session(carePlanId, therapist, now.minus(1, ChronoUnit.HOURS), false);
    }

    void group(List<String> members, String therapist) {
        Group group = rapport.operation().onType(Group.class).named("$ipt-create-group")
                .withParameters(new Parameters().addParameter("key", new StringType(GROUP_KEY))
                        .addParameter("name", new StringType("Thursday IPT group"))
                        .addParameter("therapist", new StringType("Practitioner/" + therapist)))
                .returnResourceType(Group.class).execute();
        String groupId = group.getIdElement().getIdPart();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MINUTES);
        for (String member : members) {
            CarePlan plan = rapport.operation().onInstance(new IdType("Patient", member)).named("$ipt-enroll")
                    .withParameters(new Parameters().addParameter("format", new CodeType("group"))
                            .addParameter("group", new StringType("Group/" + groupId))
                            .addParameter("practitioner", new StringType("Practitioner/" + therapist)))
                    .returnResourceType(CarePlan.class).execute();
            Parameters preGroup = sessionParameters(now.minus(14, ChronoUnit.DAYS), therapist, 50)
                    .addParameter("delivered", new Coding(CS + "ipt-task", "pre-group-meeting", null));
            rapport.operation().onInstance(new IdType("CarePlan", plan.getIdElement().getIdPart())).named("$ipt-record-session")
                    .withParameters(preGroup.addParameter("attendance", new Coding(CS + "session-attendance", "attended", null)))
                    .execute();
        }
        rapport.operation().onInstance(new IdType("Group", groupId)).named("$ipt-record-group-session")
                .withParameters(sessionParameters(now.minus(2, ChronoUnit.DAYS), therapist, 90)
                        .addParameter("attended", new StringType("Patient/" + members.get(0)))
                        .addParameter("attended", new StringType("Patient/" + members.get(1)))
                        .addParameter("didNotAttend", new StringType("Patient/" + members.get(2)))
                        .addParameter("delivered", new Coding(CS + "ipt-technique", "role-play", null)))
                .execute();
    }

    private void session(String carePlanId, String therapist, Instant start, boolean partnerPresent) {
        rapport.operation().onInstance(new IdType("CarePlan", carePlanId)).named("$ipt-record-session")
                .withParameters(sessionParameters(start, therapist, 60)
                        .addParameter("attendance", new Coding(CS + "session-attendance", "attended", null))
                        .addParameter("partnerPresent", new BooleanType(partnerPresent))
                        .addParameter("delivered", new Coding(CS + "ipt-technique", "communication-analysis", null)))
                .execute();
    }

    private static Parameters sessionParameters(Instant start, String therapist, int minutes) {
        return new Parameters()
                .addParameter("date", new DateTimeType(Date.from(start)))
                .addParameter("modality", new Coding(CS + "session-modality", "in-person", null))
                .addParameter("minutes", new IntegerType(minutes))
                .addParameter("practitioner", new StringType("Practitioner/" + therapist));
    }
}
