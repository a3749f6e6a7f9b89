package health.rapport.plugin.sessions;

import health.rapport.plugin.fhir.Canonicals;
import java.util.Optional;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.EpisodeOfCare;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.Reference;

/**
 * A course's format as its EpisodeOfCare records it (extensions course-format, conjoint-partner,
 * therapy-group of profile ipt-course-episode): individual when it says nothing, conjoint with the
 * partner's RelatedPerson, or group with the Group whose sessions it follows.
 *
 * @param format  the format
 * @param partner {@code RelatedPerson/[id]} of a conjoint course, else null
 * @param group   {@code Group/[id]} of a group course, else null
 */
public record CourseFormat(SessionFormat format, String partner, String group) {

    public static final CourseFormat INDIVIDUAL = new CourseFormat(SessionFormat.INDIVIDUAL, null, null);

    public static CourseFormat conjoint(String partner) {
        return new CourseFormat(SessionFormat.CONJOINT, partner, null);
    }

    public static CourseFormat group(String group) {
        return new CourseFormat(SessionFormat.GROUP, null, group);
    }

    /** What the episode records; an episode written before formats existed is individual. */
    public static CourseFormat of(EpisodeOfCare episode) {
        SessionFormat format = Optional.ofNullable(episode.getExtensionByUrl(Canonicals.EXT_COURSE_FORMAT))
                .map(Extension::getValue).filter(Coding.class::isInstance).map(Coding.class::cast)
                .flatMap(SessionFormat::of).orElse(SessionFormat.INDIVIDUAL);
        return new CourseFormat(format, reference(episode, Canonicals.EXT_CONJOINT_PARTNER),
                reference(episode, Canonicals.EXT_THERAPY_GROUP));
    }

    /** Writes this format on {@code episode}, replacing what it said. */
    public EpisodeOfCare writeOn(EpisodeOfCare episode) {
        episode.getExtension().removeIf(e -> Canonicals.EXT_COURSE_FORMAT.equals(e.getUrl())
                || Canonicals.EXT_CONJOINT_PARTNER.equals(e.getUrl()) || Canonicals.EXT_THERAPY_GROUP.equals(e.getUrl()));
        episode.addExtension(Canonicals.EXT_COURSE_FORMAT, format.coding());
        if (partner != null) {
            episode.addExtension(Canonicals.EXT_CONJOINT_PARTNER, new Reference(partner));
        }
        if (group != null) {
            episode.addExtension(Canonicals.EXT_THERAPY_GROUP, new Reference(group));
        }
        return episode;
    }

    private static String reference(EpisodeOfCare episode, String url) {
        Extension ext = episode.getExtensionByUrl(url);
        return ext != null && ext.getValue() instanceof Reference r && r.hasReference() ? r.getReference() : null;
    }
}
