package health.rapport.plugin.inventory;

import health.rapport.plugin.fhir.Canonicals;
import java.util.Optional;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Condition.ConditionEvidenceComponent;
import org.hl7.fhir.r4.model.QuestionnaireResponse.QuestionnaireResponseItemComponent;

/**
 * A formulation problem-area group (primary or secondary) into an IPT problem-area Condition: a
 * health concern, with the dispute stage only when the area is a role dispute (the profile forbids
 * it otherwise, so a stale stage left behind by a changed answer is dropped). The rationale is free
 * text and stays in the QuestionnaireResponse.
 */
final class ProblemAreas {

    static final String ROLE_DISPUTE = "role-dispute";

    private ProblemAreas() {
    }

    record Chosen(ProblemArea area, Extracted<Condition> condition) {
    }

    static Optional<Chosen> condition(ExtractionContext ctx, String path, QuestionnaireResponseItemComponent group) {
        String linkId = group.getLinkId();
        Optional<Coding> area = ResponseItems.coding(group, linkId + InventoryItems.PROBLEM_AREA_SUFFIX);
        if (area.isEmpty()) {
            return Optional.empty();
        }
        Optional<Coding> stage = isRoleDispute(area.get())
                ? ResponseItems.coding(group, linkId + InventoryItems.DISPUTE_STAGE_SUFFIX)
                : Optional.empty();

        Condition c = new Condition();
        c.getMeta().addProfile(Canonicals.PROFILE_PROBLEM_AREA_CONDITION);
        stage.ifPresent(s -> c.addExtension(Canonicals.EXT_DISPUTE_STAGE, s.copy()));
        c.setClinicalStatus(new CodeableConcept(new Coding(Canonicals.CONDITION_CLINICAL, "active", "Active")));
        c.setVerificationStatus(new CodeableConcept(
                new Coding(Canonicals.CONDITION_VERIFICATION, "confirmed", "Confirmed")));
        c.addCategory(new CodeableConcept(
                new Coding(Canonicals.US_CORE_CONDITION_CATEGORY, "health-concern", "Health Concern")));
        c.setCode(new CodeableConcept(area.get().copy()));
        c.setSubject(ctx.subject());
        c.setRecordedDateElement(ctx.authored());
        ctx.author().ifPresent(c::setRecorder);
        c.addEvidence(new ConditionEvidenceComponent().addDetail(ctx.sourceReference()));
        Extracted<Condition> extracted = ctx.extracted(path, c);
        return Optional.of(new Chosen(new ProblemArea(area.get().copy(), stage, extracted.fullUrl()), extracted));
    }

    private static boolean isRoleDispute(Coding area) {
        return Canonicals.CS_PROBLEM_AREA.equals(area.getSystem()) && ROLE_DISPUTE.equals(area.getCode());
    }
}
