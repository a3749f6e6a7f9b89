package health.rapport.plugin.caseload;

import health.rapport.plugin.alliance.AllianceRule;
import health.rapport.plugin.alliance.AllianceSeries;
import health.rapport.plugin.careplan.IptCarePlan;
import health.rapport.plugin.careplan.QuestionnaireTasks;
import health.rapport.plugin.fhir.Canonicals;
import health.rapport.plugin.measures.CourseResponses;
import health.rapport.plugin.safety.ClinicalRules;
import health.rapport.plugin.safety.Item9Reader;
import health.rapport.plugin.safety.Item9State;
import health.rapport.plugin.safety.Item9Status;
import health.rapport.plugin.safety.SafetyRule;
import health.rapport.plugin.sessions.CourseSessions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Task;

/**
 * Decides one course's caseload flags by the rules every other part of Rapport uses: item 9 by
 * {@link SafetyRule} (as the CDS safety card and the panel's banner), deterioration and non-response by
 * {@link CourseResponses} (as the CDS cards), the alliance by {@link AllianceRule} (as the card and the
 * panel). Two flags are the caseload's own: measures asked for more than {@value #MEASURE_OVERDUE_DAYS}
 * days ago and still not filled in, and no session held in {@value #NO_SESSION_DAYS} days.
 */
public final class CaseloadFlags {

    /** Weekly sessions: three weeks without one is a course at risk of dropping out. */
    public static final int NO_SESSION_DAYS = 21;
    /** A measure is asked for at a session; a week later, at the next one, it is overdue. */
    public static final int MEASURE_OVERDUE_DAYS = 7;

    private static final Set<String> MEASURES = Set.of(Canonicals.QUESTIONNAIRE_PHQ9, Canonicals.QUESTIONNAIRE_GAD7);

    private final SafetyRule safety;
    private final CourseResponses responses;
    private final AllianceRule alliance;
    private final Item9Reader item9 = new Item9Reader();

    public CaseloadFlags(ClinicalRules rules) {
        this.safety = rules.safety();
        this.responses = new CourseResponses(rules.evaluator());
        this.alliance = rules.alliance();
    }

    /** One course's item-9 state, flags (most urgent first) and last session held. */
    public record Assessment(Item9State item9, List<CaseloadFlag> flags, Optional<Instant> lastSession) {
    }

    public Assessment assess(CourseChart chart, Instant now) {
        // The same reading as the CDS service's (cds.SafetySignals): responses, item-9 Observations, reviews.
        Item9State state = safety.assess(item9.read(chart.phq9Responses(), chart.observations(), chart.riskReviews()),
                List.copyOf(chart.unavailable()), now);
        CarePlan plan = chart.plan();
        IptCarePlan course = IptCarePlan.of(plan);
        List<CaseloadFlag> flags = new ArrayList<>();
        if (state.status() == Item9Status.POSITIVE) {
            flags.add(CaseloadFlag.ITEM9_POSITIVE);
        } else if (state.status() == Item9Status.COULD_NOT_CHECK) {
            flags.add(CaseloadFlag.ITEM9_NOT_CHECKED);
        }
        if (!responses.deteriorations(course.start(), course.completedSessions(), chart.observations()).isEmpty()) {
            flags.add(CaseloadFlag.DETERIORATION);
        }
        if (responses.nonResponse(course.start(), course.completedSessions(), chart.observations()).isPresent()) {
            flags.add(CaseloadFlag.NOT_ON_TRACK);
        }
        if (alliance.check(AllianceSeries.of(chart.observations())).isPresent()) {
            flags.add(CaseloadFlag.ALLIANCE);
        }
        if (chart.requestedTasks().stream().anyMatch(t -> overdue(t, now))) {
            flags.add(CaseloadFlag.MEASURES_OVERDUE);
        }
        Optional<Instant> last = new CourseSessions(chart.sessions()).lastAttended()
                .filter(e -> e.getPeriod().hasStart()).map(CaseloadFlags::start);
        Optional<Instant> since = last.isPresent() ? last : course.start();
        if (plan.getStatus() == CarePlan.CarePlanStatus.ACTIVE
                && since.filter(t -> t.isBefore(now.minus(Duration.ofDays(NO_SESSION_DAYS)))).isPresent()) {
            flags.add(CaseloadFlag.NO_RECENT_SESSION);
        }
        return new Assessment(state, List.copyOf(flags), last);
    }

    private static boolean overdue(Task task, Instant now) {
        return task.getStatus() == Task.TaskStatus.REQUESTED && task.hasAuthoredOn()
                && task.getAuthoredOn().toInstant().isBefore(now.minus(Duration.ofDays(MEASURE_OVERDUE_DAYS)))
                && QuestionnaireTasks.questionnaire(task)
                        .map(Canonicals::url).filter(MEASURES::contains)
                        .isPresent();
    }

    private static Instant start(Encounter e) {
        return e.getPeriod().getStart().toInstant();
    }
}
