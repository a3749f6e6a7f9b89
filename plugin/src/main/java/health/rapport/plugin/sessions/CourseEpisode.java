package health.rapport.plugin.sessions;

import health.rapport.plugin.fhir.Canonicals;
import health.rapport.plugin.fhir.PrivacyLabels;
import java.util.Optional;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.EpisodeOfCare;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Reference;

/**
 * The IPT course as an EpisodeOfCare (profile ipt-course-episode): it carries the course's
 * permanent identifier, so it is created once whoever asks first, and the course's CarePlan names it
 * with the core {@code workflow-episodeOfCare} extension (R4's CarePlan has no element for it).
 */
public final class CourseEpisode {

    private CourseEpisode() {
    }

    /** The course's permanent name (identifier {@code ipt-course}), if the plan is an IPT course. */
    public static Optional<String> course(CarePlan plan) {
        return plan.getIdentifier().stream().filter(i -> Canonicals.IDENTIFIER_COURSE.equals(i.getSystem()))
                .map(Identifier::getValue).findFirst();
    }

    /** The EpisodeOfCare the plan names, if it names one. */
    public static Optional<String> of(CarePlan plan) {
        Extension ext = plan.getExtensionByUrl(Canonicals.EXT_WORKFLOW_EPISODE_OF_CARE);
        return ext != null && ext.getValue() instanceof Reference r && r.hasReference()
                ? Optional.of(r.getReference()) : Optional.empty();
    }

    /** Names {@code episode} (a server reference or a transaction placeholder) on the plan. */
    public static void link(CarePlan plan, String episode) {
        plan.getExtension().removeIf(e -> Canonicals.EXT_WORKFLOW_EPISODE_OF_CARE.equals(e.getUrl()));
        plan.addExtension(Canonicals.EXT_WORKFLOW_EPISODE_OF_CARE, new Reference(episode));
    }

    /** The episode of {@code plan}'s course, to create (conditionally on the course identifier). */
    public static EpisodeOfCare forPlan(CarePlan plan, String course) {
        EpisodeOfCare episode = new EpisodeOfCare();
        episode.getMeta().addProfile(Canonicals.PROFILE_COURSE_EPISODE);
        episode.addIdentifier().setSystem(Canonicals.IDENTIFIER_COURSE).setValue(course);
        episode.setStatus(plan.getStatus() == CarePlan.CarePlanStatus.COMPLETED
                ? EpisodeOfCare.EpisodeOfCareStatus.FINISHED : EpisodeOfCare.EpisodeOfCareStatus.ACTIVE);
        Coding category = plan.getCategory().stream().flatMap(c -> c.getCoding().stream())
                .filter(c -> Canonicals.CS_CARE_PLAN_CATEGORY.equals(c.getSystem())).findFirst()
                .map(Coding::copy).orElse(new Coding(Canonicals.CS_CARE_PLAN_CATEGORY, "ipt-acute", null));
        episode.addType(new CodeableConcept(category));
        episode.setPatient(plan.getSubject().copy());
        episode.getPeriod().setStartElement(plan.getPeriod().hasStart() ? plan.getPeriod().getStartElement().copy()
                : new org.hl7.fhir.r4.model.DateTimeType(new java.util.Date()));
        if (plan.getPeriod().hasEnd()) {
            episode.getPeriod().setEndElement(plan.getPeriod().getEndElement().copy());
        }
        if (plan.hasAuthor() && plan.getAuthor().getReference() != null
                && plan.getAuthor().getReference().startsWith("Practitioner/")) {
            episode.setCareManager(plan.getAuthor().copy());
        }
        return PrivacyLabels.clinical(episode);
    }
}
