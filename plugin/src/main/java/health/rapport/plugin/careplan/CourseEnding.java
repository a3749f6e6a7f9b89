package health.rapport.plugin.careplan;

import health.rapport.plugin.fhir.Canonicals;
import java.util.Arrays;
import java.util.Optional;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Extension;

/**
 * How an IPT course ended, as Rapport records it: {@code completed} through the termination phase (the
 * clinician moves it there, so it ends by agreement), or ended early with a reason of the
 * course-ending-reason CodeSystem (CarePlan status {@code revoked} and the course-ending-reason extension).
 */
public enum CourseEnding {

    /** Through termination: ended with the clinician's agreement. */
    COMPLETED("completed", "Completed through the termination phase"),
    /** The patient stopped coming before termination, without the clinician's agreement: a dropout. */
    WITHOUT_AGREEMENT("ended-without-agreement", "Ended before termination without the clinician's agreement"),
    /** Ended before termination by agreement (a move, a referral, another treatment). */
    EARLY_BY_AGREEMENT("ended-early-by-agreement", "Ended before termination by agreement");

    private final String code;
    private final String display;

    CourseEnding(String code, String display) {
        this.code = code;
        this.display = display;
    }

    public String code() {
        return code;
    }

    public String display() {
        return display;
    }

    /** The reason coding written on a course ended early; none for {@link #COMPLETED}. */
    public Coding coding() {
        return new Coding(Canonicals.CS_COURSE_ENDING_REASON, code, display);
    }

    /** An early ending's reason a caller sent; empty for anything outside the CodeSystem's early endings. */
    public static Optional<CourseEnding> early(Coding coding) {
        if (coding == null || !Canonicals.CS_COURSE_ENDING_REASON.equals(coding.getSystem())) {
            return Optional.empty();
        }
        return Arrays.stream(values()).filter(e -> e != COMPLETED && e.code.equals(coding.getCode())).findFirst();
    }

    /** How {@code plan} ended; empty while it runs, or when it ended in a way Rapport did not record. */
    public static Optional<CourseEnding> of(CarePlan plan) {
        if (plan.getStatus() == CarePlan.CarePlanStatus.COMPLETED) {
            return Optional.of(COMPLETED);
        }
        if (plan.getStatus() != CarePlan.CarePlanStatus.REVOKED) {
            return Optional.empty();
        }
        Extension reason = plan.getExtensionByUrl(Canonicals.EXT_COURSE_ENDING_REASON);
        return reason != null && reason.getValue() instanceof Coding c ? early(c) : Optional.empty();
    }
}
