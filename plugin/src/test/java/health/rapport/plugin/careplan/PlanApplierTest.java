package health.rapport.plugin.careplan;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import health.rapport.plugin.panel.forms.FormContent;
import health.rapport.plugin.fhir.Canonicals;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.Stream;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.PlanDefinition;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/**
 * The shipped PlanDefinitions applied (no FHIR server): each problem area adds its own middle-phase strategies,
 * a role dispute the one strategy of its stage, and each format its own sessions.
 */
class PlanApplierTest {

    private final PlanApplier applier = new PlanApplier(FormContent.library(), FhirContext.forR4Cached());

    private static PlanDefinition plan(String canonical) {
        return FormContent.library().resolve(PlanDefinition.class, canonical).orElseThrow();
    }

    private static Coding area(String code) {
        return new Coding(Canonicals.CS_PROBLEM_AREA, code, null);
    }

    private static Coding stage(String code) {
        return new Coding(Canonicals.CS_DISPUTE_STAGE, code, null);
    }

    static Stream<Arguments> problemAreas() {
        return Stream.of(
                Arguments.of(List.of(area("grief")), null,
                        List.of("facilitate-mourning", "reconstruct-relationship-with-deceased", "reengage-interests-people"),
                        List.of("mourn-old-role", "assess-dispute-stage", "build-new-relationships")),
                Arguments.of(List.of(area("role-transition")), null,
                        List.of("mourn-old-role", "weigh-old-and-new-roles", "build-skills-support-new-role"),
                        List.of("facilitate-mourning", "assess-dispute-stage")),
                Arguments.of(List.of(area("interpersonal-deficits")), null,
                        List.of("review-past-relationships", "therapeutic-relationship-as-model", "build-new-relationships"),
                        List.of("facilitate-mourning", "mourn-old-role")),
                Arguments.of(List.of(area("role-dispute")), stage("impasse"),
                        List.of("assess-dispute-stage", "clarify-nonreciprocal-expectations", "restart-negotiation-impasse"),
                        List.of("improve-communication-renegotiation", "let-go-dissolution")),
                Arguments.of(List.of(area("role-dispute")), stage("dissolution"),
                        List.of("let-go-dissolution"), List.of("restart-negotiation-impasse", "improve-communication-renegotiation")),
                Arguments.of(List.of(area("role-dispute")), null, List.of("assess-dispute-stage"),
                        List.of("restart-negotiation-impasse", "improve-communication-renegotiation", "let-go-dissolution")),
                Arguments.of(List.of(area("grief"), area("role-transition")), null,
                        List.of("facilitate-mourning", "mourn-old-role"), List.of("assess-dispute-stage")),
                Arguments.of(List.of(), null, List.of(),
                        List.of("facilitate-mourning", "mourn-old-role", "assess-dispute-stage", "review-past-relationships")));
    }

    @ParameterizedTest
    @MethodSource("problemAreas")
    void eachProblemAreaAddsItsOwnMiddlePhaseStrategies(List<Coding> areas, Coding disputeStage, List<String> added,
            List<String> absent) {
        List<String> tasks = applier.problemAreaActivities(plan(Canonicals.PLAN_ACUTE_COURSE), 16, areas, disputeStage)
                .stream().peek(a -> assertThat(a.phase()).isEqualTo(IptPhase.MIDDLE))
                .map(a -> a.definition().getIdElement().getIdPart()).toList();

        assertThat(tasks).as("strategies for %s", areas.stream().map(Coding::getCode).toList())
                .containsAll(added.stream().map(t -> "ipt-task-" + t).toList())
                .doesNotContainAnyElementsOf(absent.stream().map(t -> "ipt-task-" + t).toList());
        if (areas.isEmpty()) {
            assertThat(tasks).as("no problem area, no strategy").isEmpty();
        }
    }

    @Test
    void theMiddlePhaseScalesWithTheContractedSessions() {
        List<ScheduledActivity> short8 = applier.problemAreaActivities(plan(Canonicals.PLAN_ACUTE_COURSE), 8,
                List.of(area("grief")), null);
        List<ScheduledActivity> long20 = applier.problemAreaActivities(plan(Canonicals.PLAN_ACUTE_COURSE), 20,
                List.of(area("grief")), null);

        int[] middle8 = new SessionSchedule(8).phase(IptPhase.MIDDLE);
        int[] middle20 = new SessionSchedule(20).phase(IptPhase.MIDDLE);
        assertThat(short8).allSatisfy(a -> assertThat(a.sessions()[0]).isBetween(middle8[0], middle8[1]));
        assertThat(long20).allSatisfy(a -> assertThat(a.sessions()[1]).isBetween(middle20[0], middle20[1]));
        assertThat(middle20[1] - middle20[0]).isGreaterThan(middle8[1] - middle8[0]);
    }

    @Test
    void aGroupCourseHasItsIndividualMeetingsBeforeDuringAndAfterTheGroup() {
        AppliedPlan group = applier.apply(plan(Canonicals.PLAN_GROUP_COURSE), request(12));
        AppliedPlan individual = applier.apply(plan(Canonicals.PLAN_ACUTE_COURSE), request(12));

        assertThat(ids(group)).contains("ipt-task-pre-group-meeting", "ipt-task-mid-group-meeting", "ipt-task-post-group-meeting");
        assertThat(ids(individual)).doesNotContain("ipt-task-pre-group-meeting", "ipt-task-mid-group-meeting");
        assertThat(IptCarePlan.of(group.carePlan()).phase()).hasValue(IptPhase.INITIAL);
    }

    @Test
    void aConjointCourseHasConjointSessionsTheIndividualOneHasNot() {
        AppliedPlan conjoint = applier.apply(plan(Canonicals.PLAN_CONJOINT_COURSE), request(16));
        AppliedPlan individual = applier.apply(plan(Canonicals.PLAN_ACUTE_COURSE), request(16));

        assertThat(ids(conjoint)).contains("intervention-conjoint-session");
        assertThat(ids(individual)).doesNotContain("intervention-conjoint-session");
    }

    @Test
    void maintenanceIsMonthlyAndOutsideTheAcuteSchedule() {
        AppliedPlan maintenance = applier.apply(plan(Canonicals.PLAN_MAINTENANCE), request(12));

        assertThat(IptCarePlan.of(maintenance.carePlan()).phase()).hasValue(IptPhase.MAINTENANCE);
        assertThat(maintenance.schedule()).isNotEmpty().allSatisfy(a -> assertThat(a.phase()).isEqualTo(IptPhase.MAINTENANCE));
        assertThat(maintenance.carePlan().getCategory()).anyMatch(c -> "ipt-maintenance".equals(c.getCodingFirstRep().getCode()));
    }

    private static PlanRequest request(int sessions) {
        return new PlanRequest(new Reference("Patient/p1"), null, sessions, LocalDate.of(2025, 3, 3),
                new Coding(Canonicals.CS_INTEGRATION_ROUTE, "common-factors", null), List.of(), null);
    }

    private static List<String> ids(AppliedPlan applied) {
        return applied.schedule().stream().map(a -> a.definition().getIdElement().getIdPart()).toList();
    }
}
