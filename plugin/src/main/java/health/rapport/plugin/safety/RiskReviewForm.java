package health.rapport.plugin.safety;

import health.rapport.plugin.fhir.Canonicals;

/** Rapport's risk-review Questionnaire: its canonical and the linkIds the safety check reads. */
public final class RiskReviewForm {

    public static final String URL = Canonicals.BASE + "/Questionnaire/risk-review";
    static final String ASSESSED_AT = "assessed-at";
    static final String ASSESSED_BY = "assessed-by";
    static final String OUTCOME = "outcome";
    static final String SAFETY_PLAN = "safety-plan";
    static final String NEXT_REVIEW = "next-review";

    private RiskReviewForm() {
    }

    public static boolean isRiskReview(String canonical) {
        return URL.equals(Canonicals.url(canonical));
    }
}
