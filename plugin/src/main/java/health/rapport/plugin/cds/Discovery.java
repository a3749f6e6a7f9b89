package health.rapport.plugin.cds;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The discovery document of {@code GET /cds-services} (CDS Hooks 2.0). */
final class Discovery {

    static final String SERVICE_ID = "rapport-ipt";
    static final String HOOK = "patient-view";

    private Discovery() {
    }

    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    record Service(String hook, String id, String title, String description, Map<String, String> prefetch) {
    }

    record Document(List<Service> services) {
    }

    /** The queries every rapport-ipt call uses, before any site configuration adds eligibility. */
    static final List<PrefetchQuery> STANDARD = List.of(PrefetchQuery.CARE_PLAN, PrefetchQuery.PHQ9_RESPONSES,
            PrefetchQuery.SCORES, PrefetchQuery.REQUESTED_TASKS, PrefetchQuery.ALLIANCE_SCORES);

    /** The document advertising {@code queries} (the patient first, then in the given order) as prefetch. */
    static Document of(Collection<PrefetchQuery> queries) {
        Map<String, String> prefetch = new LinkedHashMap<>();
        prefetch.put(PrefetchQuery.PATIENT.key(), PrefetchQuery.PATIENT.template());
        queries.forEach(q -> prefetch.put(q.key(), q.template()));
        return new Document(List.of(new Service(HOOK, SERVICE_ID, "Rapport: Interpersonal Psychotherapy",
                "Interpersonal Psychotherapy on the chart: a critical card when PHQ-9 item 9 is positive, the IPT course's "
                        + "status, measures due, non-response, deterioration, a possible alliance rupture and eligibility for enrolment.",
                prefetch)));
    }
}
