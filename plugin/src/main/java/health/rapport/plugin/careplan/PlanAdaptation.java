package health.rapport.plugin.careplan;

import health.rapport.plugin.content.ContentLibrary;
import health.rapport.plugin.fhir.Canonicals;
import health.rapport.plugin.http.OperationFailure;
import health.rapport.plugin.store.ChartStore;
import health.rapport.plugin.store.TransactionBuilder;
import java.util.List;
import java.util.Optional;
import org.hl7.fhir.r4.model.ActivityDefinition;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.CanonicalType;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.CarePlan.CarePlanActivityComponent;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.StringType;

/**
 * Applies an adaptation the clinician chose (never Rapport on its own): adds an integrative
 * intervention to the open course, in the current phase. An intervention whose documentation
 * is a psychotherapy process note (CodeSystem property {@code process-note}) is labelled
 * PSYTHPN on the activity, so the shareable plan leaves it out.
 */
public final class PlanAdaptation {

    private final ChartStore store;
    private final ContentLibrary library;
    private final String rapportVersion;

    public PlanAdaptation(ChartStore store, ContentLibrary library, String rapportVersion) {
        this.store = store;
        this.library = library;
        this.rapportVersion = rapportVersion;
    }

    public CarePlan addIntervention(String carePlanId, Coding intervention, String expectedVersion, Reference clinician) {
        if (intervention == null || !Canonicals.CS_INTERVENTION.equals(intervention.getSystem()) || !intervention.hasCode()) {
            throw OperationFailure.invalid("intervention must be a code of " + Canonicals.CS_INTERVENTION + ".");
        }
        ActivityDefinition definition = definitionOf(intervention).orElseThrow(() -> OperationFailure.businessRule(
                "Rapport has no intervention '" + intervention.getCode() + "'."));
        CarePlan plan = ChartWrites.require(store, CarePlan.class, carePlanId);
        String version = plan.getMeta().getVersionId();
        ChartWrites.requireVersion(plan, expectedVersion);
        if (plan.getStatus() != CarePlan.CarePlanStatus.ACTIVE) {
            throw OperationFailure.businessRule("Only an active course is adapted; CarePlan/" + carePlanId + " is "
                    + plan.getStatus().toCode() + ".");
        }
        IptPhase phase = IptCarePlan.of(plan).phase().orElseThrow(() ->
                OperationFailure.businessRule("CarePlan/" + carePlanId + " is not an IPT course (no phase)."));
        String canonical = PlanApplier.canonical(definition);
        boolean present = plan.getActivity().stream()
                .flatMap(a -> a.getDetail().getInstantiatesCanonical().stream())
                .map(CanonicalType::getValue).anyMatch(canonical::equals);
        if (present) {
            return plan;
        }
        plan.addActivity(activity(definition, phase, processNote(intervention.getCode())));
        String write = "adapt/" + carePlanId + "/" + version + "/" + intervention.getCode();
        TransactionBuilder transaction = new TransactionBuilder().updateIfMatch(plan, version);
        transaction.createUnlessTagged(Provenances.of(List.of(new Reference("CarePlan/" + carePlanId)), clinician,
                rapportVersion, "UPDATE", write, "Adaptation: added " + definition.getTitle()), Canonicals.TAG_WRITE, write);
        ChartWrites.commit(store, transaction.build(), "CarePlan/" + carePlanId);
        return store.read(CarePlan.class, carePlanId);
    }

    private static CarePlanActivityComponent activity(ActivityDefinition definition, IptPhase phase, boolean processNote) {
        CarePlanActivityComponent activity = new CarePlanActivityComponent();
        activity.addExtension(Canonicals.EXT_PHASE, phase.coding());
        Extension tradition = definition.getExtensionByUrl(Canonicals.EXT_TRADITION);
        if (tradition != null) {
            activity.addExtension(tradition.copy());
        }
        if (processNote) {
            activity.addExtension(Canonicals.EXT_SECURITY_LABEL, new Coding(Canonicals.V3_ACT_CODE, "PSYTHPN",
                    "psychotherapy note information sensitivity"));
        }
        activity.getDetail()
                .setKind(CarePlan.CarePlanActivityKind.TASK)
                .setCode(definition.getCode().copy())
                .setStatus(CarePlan.CarePlanActivityStatus.NOTSTARTED)
                .setDescription(definition.getTitle())
                .setScheduled(new StringType("Added by the clinician in the " + phase.code() + " phase"))
                .addInstantiatesCanonical(PlanApplier.canonical(definition));
        return activity;
    }

    private Optional<ActivityDefinition> definitionOf(Coding intervention) {
        return library.resources().stream()
                .filter(ActivityDefinition.class::isInstance).map(ActivityDefinition.class::cast)
                .filter(ad -> ad.getCode().getCoding().stream().anyMatch(c -> Canonicals.CS_INTERVENTION.equals(c.getSystem())
                        && intervention.getCode().equals(c.getCode())))
                .findFirst();
    }

    private boolean processNote(String code) {
        return library.resolve(CodeSystem.class, Canonicals.CS_INTERVENTION).stream()
                .flatMap(cs -> cs.getConcept().stream())
                .filter(c -> code.equals(c.getCode()))
                .flatMap(c -> c.getProperty().stream())
                .anyMatch(p -> "process-note".equals(p.getCode()) && p.getValue() instanceof BooleanType b && b.booleanValue());
    }
}
