package health.rapport.plugin.measures;

import health.rapport.plugin.fhir.Canonicals;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The symptom measures Rapport scores, with the LOINC codes of docs/clinical-basis.md §3. The item linkIds are
 * the LOINC item codes the shipped Questionnaires use; a test fails if the content drifts from them.
 */
public enum Instrument {

    PHQ9("PHQ-9", Canonicals.QUESTIONNAIRE_PHQ9, "44261-6",
            "Patient Health Questionnaire 9 item (PHQ-9) total score [Reported]", 27, 10, 6,
            List.of("44250-9", "44255-8", "44259-0", "44254-1", "44251-7", "44258-2", "44252-5", "44253-3",
                    "44260-8")),
    GAD7("GAD-7", Canonicals.QUESTIONNAIRE_GAD7, "70274-6",
            "Generalized anxiety disorder 7 item (GAD-7) total score [Reported.PHQ]", 21, 8, 4,
            List.of("69725-0", "68509-9", "69733-4", "69734-2", "69735-9", "69689-8", "69736-7"));

    /** PHQ-9 item 9 (thoughts of death or self-harm): its own Observation and the safety signal. */
    public static final String PHQ9_ITEM9 = "44260-8";
    public static final String PHQ9_ITEM9_DISPLAY =
            "Thoughts that you would be better off dead, or of hurting yourself in some way";

    private final String title;
    private final String questionnaire;
    private final String totalCode;
    private final String totalDisplay;
    private final int maxTotal;
    private final int caseness;
    private final int reliableChange;
    private final List<String> itemLinkIds;

    Instrument(String title, String questionnaire, String totalCode, String totalDisplay, int maxTotal, int caseness,
            int reliableChange, List<String> itemLinkIds) {
        this.caseness = caseness;
        this.reliableChange = reliableChange;
        this.title = title;
        this.questionnaire = questionnaire;
        this.totalCode = totalCode;
        this.totalDisplay = totalDisplay;
        this.maxTotal = maxTotal;
        this.itemLinkIds = itemLinkIds;
    }

    /**
     * The instrument a {@code QuestionnaireResponse.questionnaire} canonical points at. Any version
     * of our Questionnaire is accepted: the scored items are identified by their LOINC linkIds, so a
     * version that dropped one would show up as a missing item, never as a wrong total.
     */
    public static Optional<Instrument> forQuestionnaire(String canonical) {
        if (canonical == null) {
            return Optional.empty();
        }
        String url = Canonicals.url(canonical);
        return Arrays.stream(values()).filter(i -> i.questionnaire.equals(url)).findFirst();
    }

    public String title() {
        return title;
    }

    /** The canonical URL (without version) of Rapport's Questionnaire for this instrument. */
    public String questionnaire() {
        return questionnaire;
    }

    /** LOINC code of the total score Observation. */
    public String totalCode() {
        return totalCode;
    }

    public String totalDisplay() {
        return totalDisplay;
    }

    public int maxTotal() {
        return maxTotal;
    }

    /**
     * The lowest total at "caseness", the clinical threshold of the NHS Talking Therapies manual
     * (PHQ-9 10, GAD-7 8): response and remission are judged only from a baseline at caseness.
     */
    public int caseness() {
        return caseness;
    }

    /**
     * The smallest change that is reliable (Jacobson and Truax's reliable change index, with the NHS
     * Talking Therapies thresholds: PHQ-9 6, GAD-7 4).
     */
    public int reliableChange() {
        return reliableChange;
    }

    /** The scored items (LOINC codes used as linkIds), in questionnaire order. */
    public List<String> itemLinkIds() {
        return itemLinkIds;
    }

    /** Whether this instrument has the PHQ-9 item-9 safety question. */
    public boolean hasSafetyItem() {
        return itemLinkIds.contains(PHQ9_ITEM9);
    }
}
