package health.rapport.plugin.careplan;

import static health.rapport.plugin.testsupport.FakeFhir.written;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.context.FhirContext;
import health.rapport.plugin.fhir.Canonicals;
import health.rapport.plugin.http.OperationFailure;
import health.rapport.plugin.panel.forms.FormContent;
import health.rapport.plugin.sessions.CourseFormat;
import health.rapport.plugin.testsupport.ExpectedFhir;
import health.rapport.plugin.testsupport.FakeFhir;
import java.time.LocalDate;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.EpisodeOfCare;
import org.hl7.fhir.r4.model.Group;
import org.hl7.fhir.r4.model.Task;
import org.junit.jupiter.api.Test;

/**
 * Enrolment on fixtures ({@code careplan/enrol/<case>/}): the one transaction each format writes, compared with
 * {@code expected/Bundle-transaction.json}, and the refusals that write nothing.
 */
class EnrollmentProcessorTest {

    private static final Coding ROUTE = new Coding(Canonicals.CS_INTEGRATION_ROUTE, "common-factors", null);
    private static final LocalDate START = LocalDate.of(2025, 3, 3);

    private static EnrollmentProcessor enrolment(FakeFhir fhir) {
        return new EnrollmentProcessor(fhir.store(), FormContent.library(),
                new PlanApplier(FormContent.library(), FhirContext.forR4Cached()), "0.1.0");
    }

    @Test
    void anIndividualCourseStartsInTheInitialPhaseWithItsFirstSessionsMeasuresDue() {
        FakeFhir fhir = FakeFhir.of("careplan/enrol/individual");

        Enrollment enrolled = enrolment(fhir).enroll(new EnrollmentRequest("p1", null, 12, START, "t1", ROUTE));

        Bundle sent = fhir.onlyTransaction();
        ExpectedFhir.assertMatches(sent, "careplan/enrol/individual/expected/Bundle-transaction.json");
        CarePlan plan = written(sent, CarePlan.class).get(0);
        IptCarePlan ipt = IptCarePlan.of(plan);
        assertThat(ipt.phase()).hasValue(IptPhase.INITIAL);
        assertThat(ipt.contractedSessions()).isEqualTo(12);
        assertThat(ipt.problemAreas()).as("the problem area is chosen in the initial phase, not at enrolment").isEmpty();
        assertThat(plan.getIdentifier()).anyMatch(i -> Canonicals.IDENTIFIER_OPEN_COURSE.equals(i.getSystem())
                && "p1".equals(i.getValue()));
        assertThat(written(sent, Task.class)).as("the measures due at session 1").isNotEmpty()
                .allSatisfy(t -> assertThat(QuestionnaireTasks.session(t)).hasValue(1));
        assertThat(enrolled.created()).isTrue();
    }

    @Test
    void aConjointCourseCarriesThePatientsRoleDisputeAndItsStageAndNamesThePartner() {
        FakeFhir fhir = FakeFhir.of("careplan/enrol/conjoint");

        enrolment(fhir).enroll(new EnrollmentRequest("p2", null, 16, START, "t1", ROUTE,
                CourseFormat.conjoint("RelatedPerson/partner-p2")));

        Bundle sent = fhir.onlyTransaction();
        ExpectedFhir.assertMatches(sent, "careplan/enrol/conjoint/expected/Bundle-transaction.json");
        IptCarePlan ipt = IptCarePlan.of(written(sent, CarePlan.class).get(0));
        assertThat(ipt.problemAreas()).extracting(Coding::getCode).containsExactly("role-dispute");
        assertThat(ipt.disputeStage()).map(Coding::getCode).hasValue("impasse");
        assertThat(CourseFormat.of(written(sent, EpisodeOfCare.class).get(0)))
                .isEqualTo(CourseFormat.conjoint("RelatedPerson/partner-p2"));
    }

    @Test
    void conjointIptWithoutAnActiveRoleDisputeIsRefusedAndNothingIsWritten() {
        FakeFhir fhir = FakeFhir.of("careplan/enrol/conjoint-without-dispute");

        assertThatThrownBy(() -> enrolment(fhir).enroll(new EnrollmentRequest("p2", null, 16, START, "t1", ROUTE,
                CourseFormat.conjoint("RelatedPerson/partner-p2"))))
                .isInstanceOf(OperationFailure.class).hasMessageContaining("role dispute")
                .extracting(e -> ((OperationFailure) e).status()).isEqualTo(422);
        assertThat(fhir.transactions()).isEmpty();
    }

    @Test
    void aGroupCourseAddsThePatientToTheGroupInTheSameTransaction() {
        FakeFhir fhir = FakeFhir.of("careplan/enrol/group");

        enrolment(fhir).enroll(new EnrollmentRequest("p3", null, 12, START, "t1", ROUTE, CourseFormat.group("Group/tuesday")));

        Bundle sent = fhir.onlyTransaction();
        ExpectedFhir.assertMatches(sent, "careplan/enrol/group/expected/Bundle-transaction.json");
        Group group = written(sent, Group.class).get(0);
        assertThat(group.getMember()).filteredOn(m -> !m.getPeriod().hasEnd())
                .extracting(m -> m.getEntity().getReference()).containsExactly("Patient/g1", "Patient/g2", "Patient/p3");
        assertThat(group.getQuantity()).as("active members only").isEqualTo(3);
        assertThat(sent.getEntry()).filteredOn(e -> e.getResource() instanceof Group)
                .allSatisfy(e -> assertThat(e.getRequest().getIfMatch()).isEqualTo("W/\"4\""));
        assertThat(CarePlan.class.cast(written(sent, CarePlan.class).get(0)).getInstantiatesCanonical())
                .anyMatch(c -> c.getValue().startsWith(Canonicals.PLAN_GROUP_COURSE + "|"));
    }

    @Test
    void aCourseHasEightToTwentySessions() {
        FakeFhir fhir = FakeFhir.of("careplan/enrol/individual");

        for (int sessions : new int[] {SessionSchedule.MIN_SESSIONS - 1, SessionSchedule.MAX_SESSIONS + 1}) {
            assertThatThrownBy(() -> enrolment(fhir).enroll(new EnrollmentRequest("p1", null, sessions, START, "t1", ROUTE)))
                    .isInstanceOf(OperationFailure.class).hasMessageContaining(sessions + " were asked for");
        }
        assertThat(fhir.transactions()).isEmpty();
    }

    @Test
    void aPatientHasOneOpenCourseARepeatedEnrolmentAnswersItAndAnotherFormatIsAConflict() {
        FakeFhir fhir = FakeFhir.of("careplan/enrol/group");
        EnrollmentProcessor enrolment = enrolment(fhir);
        Enrollment first = enrolment.enroll(new EnrollmentRequest("p3", null, 12, START, "t1", ROUTE));

        Enrollment again = enrolment.enroll(new EnrollmentRequest("p3", null, 12, START, "t1", ROUTE));

        assertThat(again.created()).isFalse();
        assertThat(again.carePlan().getIdElement().getIdPart()).isEqualTo(first.carePlan().getIdElement().getIdPart());
        assertThatThrownBy(() -> enrolment.enroll(new EnrollmentRequest("p3", null, 12, START, "t1", ROUTE,
                CourseFormat.group("Group/tuesday"))))
                .isInstanceOf(OperationFailure.class).hasMessageContaining("already has an open IPT course")
                .extracting(e -> ((OperationFailure) e).status()).isEqualTo(409);
        assertThat(fhir.transactions()).as("only the first enrolment wrote").hasSize(1);
    }
}
