package health.rapport.plugin.panel;

import health.rapport.plugin.fhir.ChartTimes;
import health.rapport.plugin.safety.Item9Answer;
import health.rapport.plugin.safety.Item9State;
import health.rapport.plugin.safety.Item9Words;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The item-9 state as the panel's JSON: the status code, the same words as the CDS card, and the answers. */
public final class SafetyView {

    private SafetyView() {
    }

    public static Map<String, Object> of(Item9State state) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("status", state.status().code());
        out.put("critical", state.status().critical());
        out.put("headline", Item9Words.headline(state));
        out.put("details", Item9Words.details(state));
        Item9Answer shown = !state.positives().isEmpty() ? state.positives().get(0)
                : !state.reviewed().isEmpty() ? state.reviewed().get(0) : state.latest().orElse(null);
        if (shown != null) {
            out.put("value", shown.value());
            out.put("date", ChartTimes.day(shown.when()));
            out.put("when", shown.when().toString());
        }
        out.put("positives", answers(state.positives()));
        state.review().ifPresent(r -> {
            Map<String, Object> review = new LinkedHashMap<>();
            review.put("assessedBy", r.assessedBy());
            review.put("assessedAt", r.assessedAt().toString());
            review.put("outcome", r.outcome());
            review.put("safetyPlan", r.safetyPlan());
            r.nextReview().ifPresent(n -> review.put("nextReview", n));
            out.put("review", review);
        });
        return out;
    }

    private static List<Map<String, Object>> answers(List<Item9Answer> answers) {
        return answers.stream().map(a -> {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("value", a.value());
            out.put("when", a.when().toString());
            out.put("source", a.source());
            return out;
        }).toList();
    }
}
