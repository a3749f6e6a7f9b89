package health.rapport.plugin.careplan;

import health.rapport.plugin.content.ContentLibrary;
import health.rapport.plugin.fhir.Canonicals;
import health.rapport.plugin.fhir.PrivacyLabels;
import health.rapport.plugin.inventory.InventoryExtraction;
import health.rapport.plugin.inventory.ProblemArea;
import health.rapport.plugin.measures.Instrument;
import health.rapport.plugin.measures.MeasureScore;
import health.rapport.plugin.measures.SessionScore;
import health.rapport.plugin.measures.TreatmentResponse;
import health.rapport.plugin.measures.TreatmentResponseEvaluator;
import health.rapport.plugin.store.ChartStore;
import health.rapport.plugin.store.ChartStoreException;
import health.rapport.plugin.store.SearchValues;
import health.rapport.plugin.store.StoreFailure;
import health.rapport.plugin.store.TransactionBuilder;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.hl7.fhir.r4.model.ActivityDefinition;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CanonicalType;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.PlanDefinition;
import org.hl7.fhir.r4.model.PositiveIntType;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Task;

/**
 * Processes a stored QuestionnaireResponse into chart data and plan changes, in one
 * transaction: PHQ-9/GAD-7 become score Observations recomputed from the answers, the
 * treatment response is evaluated and recorded, the Inventory is extracted and sets the
 * problem area (which adds that area's middle-phase activities), and the Task that asked for
 * the response is completed (the next session's measure is scheduled). A response version is
 * processed once: its Provenance, written in the same transaction, is the marker.
 */
public final class ResponseProcessor {

    private static final String SESSION_INTERVAL = Canonicals.BASE + "/StructureDefinition/session-interval";

    private final ChartStore store;
    private final ContentLibrary library;
    private final PlanApplier applier;
    private final EnrollmentProcessor courses;
    private final ResponseExtraction extraction = new ResponseExtraction();
    private final TreatmentResponseEvaluator evaluator;
    private final String rapportVersion;

    public ResponseProcessor(ChartStore store, ContentLibrary library, PlanApplier applier, EnrollmentProcessor courses,
            int nonResponseSession, String rapportVersion) {
        this.store = store;
        this.library = library;
        this.applier = applier;
        this.courses = courses;
        this.evaluator = new TreatmentResponseEvaluator(nonResponseSession);
        this.rapportVersion = rapportVersion;
    }

    public ProcessingResult process(String responseId, Reference clinician) {
        QuestionnaireResponse response = ChartWrites.require(store, QuestionnaireResponse.class, responseId);
        String version = response.getMeta().getVersionId();
        String write = "process/" + responseId + "/" + version;
        if (processed(write)) {
            return new ProcessingResult(true, Optional.empty(), Optional.empty(), Optional.empty());
        }
        try {
            return write(response, write, clinician);
        } catch (ChartStoreException e) {
            // A concurrent processing of the same version won: nothing is left to do.
            if (e.failure() == StoreFailure.CONFLICT && processed(write)) {
                return new ProcessingResult(true, Optional.empty(), Optional.empty(), Optional.empty());
            }
            if (e.failure() == StoreFailure.CONFLICT) {
                throw OperationFailure.conflict("The patient's plan changed while processing QuestionnaireResponse/"
                        + responseId + "; process it again.");
            }
            throw e;
        }
    }

    private ProcessingResult write(QuestionnaireResponse response, String write, Reference clinician) {
        if (response.getStatus() != QuestionnaireResponse.QuestionnaireResponseStatus.COMPLETED
                && response.getStatus() != QuestionnaireResponse.QuestionnaireResponseStatus.AMENDED) {
            throw OperationFailure.businessRule("Only a completed QuestionnaireResponse is processed; this one is "
                    + (response.getStatus() == null ? "without status" : response.getStatus().toCode()) + ".");
        }
        String subject = response.getSubject().getReference();
        if (subject == null || !subject.startsWith("Patient/")) {
            throw OperationFailure.businessRule("The QuestionnaireResponse has no Patient subject.");
        }
        String patientId = subject.substring("Patient/".length());
        Optional<CarePlan> plan = courses.openCourse(patientId);
        String questionnaire = ResponseExtraction.url(response.getQuestionnaire());

        TransactionBuilder transaction = new TransactionBuilder();
        List<Reference> written = new ArrayList<>();
        Optional<Task> task = openTask(patientId, questionnaire);
        OptionalInt session = task.flatMap(t -> Optional.of(QuestionnaireTasks.session(t))).orElse(OptionalInt.empty());

        ResponseExtraction.Extraction extracted = extraction.extract(response);
        ResponseExtraction.addTo(extracted, transaction, written);
        Reference total = written.isEmpty() ? null : written.get(0);
        Optional<MeasureScore> score = extracted.score();
        Optional<TreatmentResponse> treatment = Optional.empty();
        if (plan.isPresent() && score.isPresent() && score.get().total().isPresent()) {
            treatment = Optional.of(evaluate(plan.get(), score.get().instrument(), patientId, score.get(), session));
            recordTreatmentResponse(transaction, written, plan.get(), treatment.get(), total, response, write);
        }
        if (plan.isPresent() && extracted.inventory().isPresent()) {
            formulate(plan.get(), extracted.inventory().get());
        }

        if (task.isPresent()) {
            Task done = task.get();
            String taskVersion = done.getMeta().getVersionId();
            done.setStatus(Task.TaskStatus.COMPLETED).setLastModified(new Date());
            done.addOutput().setType(done.getInputFirstRep().getType().copy())
                    .setValue(new Reference("QuestionnaireResponse/" + response.getIdElement().getIdPart()));
            transaction.updateIfMatch(done, taskVersion);
            written.add(new Reference(done.getIdElement().toUnqualifiedVersionless().getValue()));
            Optional<ActivityDefinition> definition = done.hasInstantiatesCanonical()
                    ? library.resolve(ActivityDefinition.class, done.getInstantiatesCanonical()) : Optional.empty();
            plan.ifPresent(p -> ActivityProgress.record(p, done,
                    definition.map(d -> d.getExtensionByUrl(SESSION_INTERVAL) != null).orElse(false)));
            plan.ifPresent(p -> scheduleNext(transaction, written, p, done, definition, session));
        }
        if (plan.isPresent()) {
            CarePlan p = plan.get();
            session.ifPresent(s -> IptCarePlan.of(p).completedSessions(
                    Math.max(IptCarePlan.of(p).completedSessions(), score.isPresent() ? s : 0)));
            transaction.updateIfMatch(p, p.getMeta().getVersionId());
            written.add(new Reference(p.getIdElement().toUnqualifiedVersionless().getValue()));
        }
        transaction.createUnlessTagged(Provenances.of(written, clinician, rapportVersion, "CREATE", write,
                "Processing of QuestionnaireResponse/" + response.getIdElement().getIdPart() + " version "
                        + response.getMeta().getVersionId()), Canonicals.TAG_WRITE, write);
        store.transaction(transaction.build());
        Optional<CarePlan> after = plan.map(p -> store.read(CarePlan.class, p.getIdElement().getIdPart()));
        return new ProcessingResult(false, after, score, treatment);
    }

    /** The problem area, dispute stage, goals and that area's middle-phase activities go onto the plan. */
    private void formulate(CarePlan plan, InventoryExtraction extraction) {
        IptCarePlan ipt = IptCarePlan.of(plan);
        List<Coding> areas = extraction.problemAreas().stream().map(ProblemArea::area).map(this::withDisplay).toList();
        if (!areas.isEmpty()) {
            ipt.problemAreas(areas);
            ipt.disputeStage(extraction.disputeStage().map(this::withDisplay).orElse(null));
        }
        extraction.conditions().forEach(c -> plan.addAddresses(new Reference(c.fullUrl())));
        extraction.goals().forEach(g -> plan.addGoal(new Reference(g.fullUrl())));
        extraction.contractedSessions().ifPresent(n -> {
            if (n >= SessionSchedule.MIN_SESSIONS && n <= SessionSchedule.MAX_SESSIONS) {
                ipt.contractedSessions(n);
            }
        });
        List<String> present = plan.getActivity().stream()
                .flatMap(a -> a.getDetail().getInstantiatesCanonical().stream()).map(CanonicalType::getValue).toList();
        String course = plan.getInstantiatesCanonical().isEmpty() ? Canonicals.PLAN_ACUTE_COURSE
                : plan.getInstantiatesCanonical().get(0).getValue();
        library.resolve(PlanDefinition.class, course).ifPresent(definition ->
                applier.problemAreaActivities(definition, ipt.contractedSessions(), areas, ipt.disputeStage().orElse(null))
                        .stream()
                        .filter(a -> !present.contains(PlanApplier.canonical(a.definition())))
                        .forEach(a -> plan.addActivity(a.activity())));
    }

    /** The plan names its codes in words too (cards and summaries read them), from our CodeSystems. */
    private Coding withDisplay(Coding coding) {
        Coding copy = coding.copy();
        if (!copy.hasDisplay()) {
            library.display(copy.getSystem(), copy.getCode()).ifPresent(copy::setDisplay);
        }
        return copy;
    }

    private TreatmentResponse evaluate(CarePlan plan, Instrument instrument, String patientId, MeasureScore latest,
            OptionalInt session) {
        Bundle earlier = store.search("Observation?subject=Patient/" + patientId + "&code="
                + SearchValues.encode(Canonicals.LOINC + "|" + instrument.totalCode()) + "&_sort=date&_count=200");
        Date start = plan.getPeriod().getStart();
        List<Observation> totals = earlier.getEntry().stream().map(e -> (Observation) e.getResource())
                .filter(o -> start == null || !o.getEffectiveDateTimeType().getValue().before(start))
                .sorted(Comparator.comparing(o -> o.getEffectiveDateTimeType().getValue()))
                .toList();
        List<SessionScore> series = new ArrayList<>();
        for (Observation total : totals) {
            series.add(new SessionScore(series.size() + 1, ((IntegerType) total.getValue()).getValue()));
        }
        series.add(new SessionScore(series.size() + 1, latest.total().getAsInt()));
        int current = session.orElse(series.size());
        return evaluator.evaluate(instrument, series, Math.max(current, series.size()));
    }

    private void recordTreatmentResponse(TransactionBuilder transaction, List<Reference> written, CarePlan plan,
            TreatmentResponse treatment, Reference score, QuestionnaireResponse response, String write) {
        Observation status = new Observation()
                .setStatus(Observation.ObservationStatus.FINAL)
                .setCode(new CodeableConcept(new Coding(Canonicals.CS_OBSERVATION, "measure-response-status",
                        "Measure response status")))
                .setSubject(plan.getSubject().copy())
                .setEffective(new org.hl7.fhir.r4.model.DateTimeType(new Date()))
                .setValue(new CodeableConcept(treatment.status().coding()));
        status.addBasedOn(new Reference(plan.getIdElement().toUnqualifiedVersionless().getValue()));
        status.addDerivedFrom(score);
        status.addNote().setText(String.join(" ", treatment.reasons()));
        PrivacyLabels.clinical(status);
        String key = write + "/response-status/" + treatment.instrument().name().toLowerCase();
        status.addIdentifier().setSystem(Canonicals.IDENTIFIER_SYSTEM).setValue(key);
        Reference ref = transaction.createUnlessIdentified(status, Canonicals.IDENTIFIER_SYSTEM, key);
        written.add(ref);
        plan.addSupportingInfo(ref);
    }

    /** A measure repeats at its ActivityDefinition's session interval, within the contracted course. */
    private void scheduleNext(TransactionBuilder transaction, List<Reference> written, CarePlan plan, Task done,
            Optional<ActivityDefinition> definition, OptionalInt session) {
        if (session.isEmpty()) {
            return;
        }
        Optional<String> course = QuestionnaireTasks.course(done);
        if (definition.isEmpty() || course.isEmpty() || definition.get().getExtensionByUrl(SESSION_INTERVAL) == null) {
            return;
        }
        int interval = ((PositiveIntType) definition.get().getExtensionByUrl(SESSION_INTERVAL).getValue()).getValue();
        int next = session.getAsInt() + interval;
        if (next > IptCarePlan.of(plan).contractedSessions()
                && IptCarePlan.of(plan).phase().orElse(IptPhase.INITIAL) != IptPhase.MAINTENANCE) {
            return;
        }
        String questionnaire = QuestionnaireTasks.questionnaire(done).orElseThrow();
        Task task = QuestionnaireTasks.of(definition.get(), questionnaire, done.getFor(),
                new Reference(plan.getIdElement().toUnqualifiedVersionless().getValue()), done.getRequester().isEmpty()
                        ? null : done.getRequester(), QuestionnaireTasks.key(course.get(), definition.get(), next), next);
        written.add(transaction.createUnlessIdentified(task, Canonicals.IDENTIFIER_TASK,
                task.getIdentifierFirstRep().getValue()));
    }

    /** The earliest open Task asking this patient for this Questionnaire. */
    private Optional<Task> openTask(String patientId, String questionnaire) {
        Bundle tasks = store.search("Task?patient=Patient/" + patientId + "&status=requested,ready,in-progress&_count=100");
        return tasks.getEntry().stream().map(e -> (Task) e.getResource())
                .filter(t -> QuestionnaireTasks.questionnaire(t).map(ResponseExtraction::url).filter(questionnaire::equals)
                        .isPresent())
                .min(Comparator.comparingInt(t -> QuestionnaireTasks.session(t).orElse(Integer.MAX_VALUE)));
    }

    private boolean processed(String write) {
        return store.search("Provenance?_tag=" + SearchValues.encode(Canonicals.TAG_WRITE + "|" + write)
                + "&_summary=count").getTotal() > 0;
    }
}
