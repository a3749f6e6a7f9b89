package health.rapport.plugin.cds;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.List;
import java.util.UUID;
import org.hl7.fhir.r4.model.Coding;

/**
 * A CDS Hooks 2.0 card, as JSON. Rapport's cards carry no suggestion actions: what they propose
 * (enrolment, an adapted plan, filling a form) goes through Rapport's operations or app, which
 * write Provenance, never through a resource the EHR would create on Rapport's behalf.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Card(String uuid, String summary, String detail, Indicator indicator, Source source,
        List<Reason> overrideReasons, List<Link> links) {

    /** CDS Hooks: the summary is at most 140 characters. */
    static final int MAX_SUMMARY = 140;

    public Card {
        if (summary.length() > MAX_SUMMARY) {
            throw new IllegalArgumentException("card summary longer than 140 characters: " + summary);
        }
        overrideReasons = List.copyOf(overrideReasons);
        links = List.copyOf(links);
    }

    static Card of(String summary, String detail, Indicator indicator, List<Reason> overrideReasons, List<Link> links) {
        return new Card(UUID.randomUUID().toString(), summary, detail, indicator, Source.RAPPORT, overrideReasons, links);
    }

    /** Urgency, most urgent first in declaration order. */
    public enum Indicator {
        CRITICAL, WARNING, INFO;

        @JsonValue
        public String json() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record Source(String label, String topic) {
        static final Source RAPPORT = new Source("Rapport (Interpersonal Psychotherapy)", null);
    }

    /** A link; type {@code smart} launches a SMART app, {@code absolute} opens a page. */
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record Link(String label, String url, String type, String appContext) {

        static Link smart(String label, String url, String appContext) {
            return new Link(label, url, "smart", appContext);
        }

        static Link absolute(String label, String url) {
            return new Link(label, url, "absolute", null);
        }
    }

    /** A Coding the clinician can give as the reason for overriding a card. */
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record Reason(String system, String code, String display) {

        static Reason of(Coding coding) {
            return new Reason(coding.getSystem(), coding.getCode(), coding.getDisplay());
        }
    }
}
