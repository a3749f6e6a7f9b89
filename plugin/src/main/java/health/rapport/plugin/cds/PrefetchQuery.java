package health.rapport.plugin.cds;

import health.rapport.plugin.fhir.Canonicals;
import health.rapport.plugin.measures.Instrument;
import health.rapport.plugin.safety.Item9Reader;
import health.rapport.plugin.safety.RiskReviewForm;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.Task;

/**
 * A prefetch template of the rapport-ipt service: the key the EHR fills, the FHIR query (with
 * the {@code {{context.patientId}}} token) that Rapport runs itself when the key is missing, and
 * the resource type it yields.
 */
public record PrefetchQuery(String key, String template, Class<? extends Resource> type) {

    static final String PATIENT_TOKEN = "{{context.patientId}}";
    static final String ELIGIBLE_BY_CODE = "eligibleConditions";

    public static final PrefetchQuery PATIENT = new PrefetchQuery("patient", "Patient/" + PATIENT_TOKEN, Patient.class);
    public static final PrefetchQuery CARE_PLAN = new PrefetchQuery("openIptCarePlan",
            "CarePlan?identifier=" + Canonicals.IDENTIFIER_OPEN_COURSE + "|" + PATIENT_TOKEN, CarePlan.class);
    public static final PrefetchQuery PHQ9_RESPONSES = new PrefetchQuery("phq9Responses",
            "QuestionnaireResponse?subject=Patient/" + PATIENT_TOKEN + "&questionnaire=" + Canonicals.QUESTIONNAIRE_PHQ9
                    + "," + Item9Reader.LOINC_PHQ9_FORM + "&_sort=-authored&_count=20", QuestionnaireResponse.class);
    public static final PrefetchQuery RISK_REVIEWS = new PrefetchQuery("riskReviews",
            "QuestionnaireResponse?subject=Patient/" + PATIENT_TOKEN + "&questionnaire=" + RiskReviewForm.URL
                    + "&_sort=-authored&_count=20", QuestionnaireResponse.class);
    public static final PrefetchQuery SCORES = new PrefetchQuery("scoreObservations",
            "Observation?subject=Patient/" + PATIENT_TOKEN + "&code="
                    + loinc(Instrument.PHQ9.totalCode()) + "," + loinc(Instrument.GAD7.totalCode()) + ","
                    + loinc(Instrument.PHQ9_ITEM9) + "&_sort=-date&_count=100", Observation.class);
    public static final PrefetchQuery ALLIANCE_SCORES = new PrefetchQuery("allianceScores",
            "Observation?subject=Patient/" + PATIENT_TOKEN + "&code=" + Canonicals.CS_OBSERVATION + "|"
                    + health.rapport.plugin.alliance.AllianceScore.CODE + "&_sort=-date&_count=20", Observation.class);
    public static final PrefetchQuery REQUESTED_TASKS = new PrefetchQuery("requestedTasks",
            "Task?patient=Patient/" + PATIENT_TOKEN + "&status=requested", Task.class);

    /** The site's eligibility code list as a query; empty codes give no query. */
    static List<PrefetchQuery> eligibility(List<String> codes, String valueSet) {
        List<PrefetchQuery> queries = new ArrayList<>();
        if (!codes.isEmpty()) {
            queries.add(new PrefetchQuery(ELIGIBLE_BY_CODE, "Condition?patient=" + PATIENT_TOKEN + "&code="
                    + String.join(",", codes), Condition.class));
        }
        if (valueSet != null && !valueSet.isBlank()) {
            queries.add(new PrefetchQuery("eligibleConditionsInValueSet", "Condition?patient=" + PATIENT_TOKEN
                    + "&code:in=" + valueSet, Condition.class));
        }
        return queries;
    }

    private static String loinc(String code) {
        return Canonicals.LOINC + "|" + code;
    }

    /** Whether the query is a search (a Bundle) rather than a read of one resource. */
    public boolean isSearch() {
        return template.contains("?");
    }

    /**
     * The query for {@code patientId} (a checked FHIR id), relative to the FHIR base, with every
     * query value URL-encoded (the templates hold '|' and ':' as the EHR reads them).
     */
    public String relativeUrl(String patientId) {
        String filled = template.replace(PATIENT_TOKEN, patientId);
        int question = filled.indexOf('?');
        if (question < 0) {
            return filled;
        }
        StringBuilder url = new StringBuilder(filled.substring(0, question + 1));
        String[] params = filled.substring(question + 1).split("&");
        for (int i = 0; i < params.length; i++) {
            int eq = params[i].indexOf('=');
            if (i > 0) {
                url.append('&');
            }
            url.append(params[i], 0, eq + 1).append(URLEncoder.encode(params[i].substring(eq + 1), StandardCharsets.UTF_8));
        }
        return url.toString();
    }
}
