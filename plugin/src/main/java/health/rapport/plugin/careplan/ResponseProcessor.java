package health.rapport.plugin.careplan;

import health.rapport.plugin.http.OperationFailure;
import health.rapport.plugin.sessions.CourseSessions;
import health.rapport.plugin.sessions.SessionOutcome;
import health.rapport.plugin.sessions.SessionRecordForm;
import health.rapport.plugin.sessions.SessionRecorder;
import health.rapport.plugin.content.ContentLibrary;
import health.rapport.plugin.fhir.Canonicals;
import health.rapport.plugin.fhir.ChartTimes;
import health.rapport.plugin.fhir.FhirIds;
import health.rapport.plugin.fhir.PrivacyLabels;
import health.rapport.plugin.inventory.InventoryExtraction;
import health.rapport.plugin.inventory.ProblemArea;
import health.rapport.plugin.measures.Instrument;
import health.rapport.plugin.measures.MeasureScore;
import health.rapport.plugin.measures.ScoreReading;
import health.rapport.plugin.measures.ScoreSeries;
import health.rapport.plugin.measures.SessionScore;
import health.rapport.plugin.measures.SkippedRecord;
import health.rapport.plugin.measures.TreatmentResponse;
import health.rapport.plugin.measures.TreatmentResponseEvaluator;
import health.rapport.plugin.safety.ChartSafety;
import health.rapport.plugin.safety.ClinicalRules;
import health.rapport.plugin.safety.Item9Reader;
import health.rapport.plugin.safety.Item9State;
import health.rapport.plugin.store.ChartStore;
import health.rapport.plugin.store.ChartStoreException;
import health.rapport.plugin.store.SearchPages;
import health.rapport.plugin.store.SearchValues;
import health.rapport.plugin.store.StoreFailure;
import health.rapport.plugin.store.TransactionBuilder;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.hl7.fhir.r4.model.ActivityDefinition;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CanonicalType;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.PlanDefinition;
import org.hl7.fhir.r4.model.PositiveIntType;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Task;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Processes a stored QuestionnaireResponse into chart data and plan changes, in one
 * transaction: PHQ-9/GAD-7 become score Observations recomputed from the answers, the
 * treatment response is evaluated and recorded, the Inventory is extracted and sets the
 * problem area (which adds that area's middle-phase activities), and the Task that asked for
 * the response is completed (the next session's measure is scheduled). A response version is
 * processed once: its Provenance, written in the same transaction, is the marker.
 */
public final class ResponseProcessor {

    private static final Logger LOG = LoggerFactory.getLogger(ResponseProcessor.class);
    private static final int MAX_PAGES = 10;

    private final ChartStore store;
    private final ContentLibrary library;
    private final PlanApplier applier;
    private final EnrollmentProcessor courses;
    private final ResponseExtraction extraction = new ResponseExtraction();
    private final TreatmentResponseEvaluator evaluator;
    private final SafetyFirst safetyFirst;
    private final SessionRecorder sessions;
    private final ChartSafety safety;
    private final String rapportVersion;

    public ResponseProcessor(ChartStore store, ContentLibrary library, PlanApplier applier, EnrollmentProcessor courses,
            ClinicalRules rules, SessionRecorder sessions, String rapportVersion) {
        this.sessions = sessions;
        this.store = store;
        this.library = library;
        this.applier = applier;
        this.courses = courses;
        this.evaluator = rules.evaluator();
        this.safetyFirst = new SafetyFirst(store, rapportVersion);
        this.safety = new ChartSafety(store, rules.safety());
        this.rapportVersion = rapportVersion;
    }

    public ProcessingResult process(String responseId, Reference clinician) {
        if (!FhirIds.valid(responseId)) {
            throw OperationFailure.invalid("'" + responseId + "' is not a FHIR id (letters, digits, '-' and '.', at most 64).");
        }
        QuestionnaireResponse response = ChartWrites.require(store, QuestionnaireResponse.class, responseId);
        // The marker names the response as the server does, whatever the caller typed.
        String id = response.getIdElement().getIdPart();
        String version = response.getMeta().getVersionId();
        String write = "process/" + id + "/" + version;
        if (processed(write)) {
            return ProcessingResult.alreadyProcessed(safetyOf(response));
        }
        if (SessionRecordForm.isSessionRecord(response.getQuestionnaire())) {
            return recordSession(response, write, clinician);
        }
        Optional<Reference> item9;
        try {
            item9 = safetyFirst.record(response, clinician);
        } catch (ChartStoreException e) {
            throw e.failure() == StoreFailure.CONFLICT
                    ? OperationFailure.conflict("QuestionnaireResponse/" + id + " is being processed elsewhere; try again.")
                    : e;
        }
        try {
            return write(response, write, clinician, item9);
        } catch (ChartStoreException e) {
            // A concurrent processing of the same version won: nothing is left to do.
            if (e.failure() == StoreFailure.CONFLICT && processed(write)) {
                return ProcessingResult.alreadyProcessed(safetyOf(response));
            }
            if (e.failure() == StoreFailure.CONFLICT) {
                throw OperationFailure.conflict("The patient's plan changed while processing QuestionnaireResponse/"
                        + id + recorded(item9) + "; process it again.");
            }
            throw e;
        } catch (OperationFailure e) {
            throw item9.isEmpty() ? e : new OperationFailure(e.status(), e.getMessage() + recorded(item9)
                    + " The rest of the form was not processed.");
        }
    }

    /** A session-record form: the session of the patient's open course, corrected when the form is amended. */
    private ProcessingResult recordSession(QuestionnaireResponse response, String write, Reference clinician) {
        requireProcessable(response);
        String patientId = response.getSubject().getReference().substring("Patient/".length());
        CarePlan plan = courses.openCourse(patientId).orElseThrow(() -> OperationFailure.businessRule(
                "Patient/" + patientId + " has no open IPT course; enrol the patient before recording sessions."));
        SessionOutcome outcome = sessions.record(plan.getIdElement().getIdPart(), SessionRecordForm.read(response),
                clinician, write);
        return ProcessingResult.session(outcome, outcome.summary());
    }

    private static void requireProcessable(QuestionnaireResponse response) {
        if (response.getStatus() != QuestionnaireResponse.QuestionnaireResponseStatus.COMPLETED
                && response.getStatus() != QuestionnaireResponse.QuestionnaireResponseStatus.AMENDED) {
            throw OperationFailure.businessRule("Only a completed QuestionnaireResponse is processed; this one is "
                    + (response.getStatus() == null ? "without status" : response.getStatus().toCode()) + ".");
        }
        String subject = response.getSubject().getReference();
        if (subject == null || !subject.startsWith("Patient/")) {
            throw OperationFailure.businessRule("The QuestionnaireResponse has no Patient subject.");
        }
    }

    /** The one sentence for a measure with unanswered items, on the Task and in the answer. */
    private static String incomplete(MeasureScore score) {
        return "Incomplete " + score.instrument().title() + ": no answer to item(s) "
                + String.join(", ", score.missingItems()) + "; no total is recorded";
    }

    private static String recorded(Optional<Reference> item9) {
        return item9.map(r -> " (PHQ-9 item 9 was recorded first, as " + (r.getReference().startsWith("urn:")
                ? "an Observation" : r.getReference()) + ")").orElse("");
    }

    private Optional<Item9State> safetyOf(QuestionnaireResponse response) {
        String subject = response.getSubject().getReference();
        if (subject == null || !subject.startsWith("Patient/") || !Item9Reader.isPhq9(response.getQuestionnaire())) {
            return Optional.empty();
        }
        return Optional.of(safety.of(subject.substring("Patient/".length()), Instant.now()));
    }

    private ProcessingResult write(QuestionnaireResponse response, String write, Reference clinician,
            Optional<Reference> item9) {
        requireProcessable(response);
        String subject = response.getSubject().getReference();
        String patientId = subject.substring("Patient/".length());
        Optional<CarePlan> plan = courses.openCourse(patientId);
        String questionnaire = Canonicals.url(response.getQuestionnaire());

        String responseId = response.getIdElement().getIdPart();
        String responseRef = "QuestionnaireResponse/" + responseId;
        TransactionBuilder transaction = new TransactionBuilder();
        List<Reference> written = new ArrayList<>();
        List<Task> tasks = tasks(patientId, plan);
        // An amended version belongs to the Task its first version answered: one session per response.
        Optional<Task> task = answeredBy(tasks, responseRef).or(() -> openTask(tasks, questionnaire));
        OptionalInt session = task.flatMap(t -> Optional.of(QuestionnaireTasks.session(t))).orElse(OptionalInt.empty());

        ResponseExtraction.Extraction extracted = extraction.extract(response);
        List<SkippedRecord> ignored = new ArrayList<>();
        Reference total = null;
        // A first version has nothing earlier to revise; an amended one revises what its earlier versions produced.
        boolean firstVersion = "1".equals(response.getMeta().getVersionId());
        if (!extracted.observations().isEmpty()) {
            DerivedResults derived = firstVersion && extracted.score().isEmpty() ? DerivedResults.none()
                    : DerivedResults.of(store, patientId, responseId);
            for (Observation observation : extracted.observations()) {
                Reference ref = derived.write(transaction, observation);
                written.add(ref);
                if (total == null && extracted.score().isPresent() && extracted.score().get().total().isPresent()) {
                    total = ref;
                }
            }
        }
        Optional<InventoryRevision> revision = extracted.inventory().map(inventory -> firstVersion
                ? InventoryRevision.none() : InventoryRevision.of(store, patientId, responseId, inventory, plan));
        revision.ifPresent(r -> written.addAll(r.write(extracted.inventory().get(), transaction)));
        Optional<MeasureScore> score = extracted.score();
        boolean complete = score.map(MeasureScore::isComplete).orElse(true);
        Optional<TreatmentResponse> treatment = Optional.empty();
        if (plan.isPresent() && score.isPresent() && complete) {
            treatment = Optional.of(evaluate(plan.get(), score.get().instrument(), patientId, responseRef, score.get(),
                    session, tasks, ignored));
            recordTreatmentResponse(transaction, written, plan.get(), treatment.get(), total, response);
        }
        if (plan.isPresent() && extracted.inventory().isPresent()) {
            formulate(plan.get(), extracted.inventory().get(), revision.get());
        }

        boolean firstAnswer = task.isPresent() && answeredBy(List.of(task.get()), responseRef).isEmpty();
        boolean wasComplete = task.isPresent() && task.get().getStatus() == Task.TaskStatus.COMPLETED;
        if (task.isPresent() && !complete) {
            // An incomplete measure is no completed session: the Task waits for the missing answers.
            Task open = task.get();
            String taskVersion = open.getMeta().getVersionId();
            open.setStatus(Task.TaskStatus.INPROGRESS).setLastModified(new Date());
            open.setStatusReason(new CodeableConcept().setText(incomplete(score.get())
                    + " (totals are never prorated). Complete or amend the form."));
            if (firstAnswer) {
                open.addOutput().setType(open.getInputFirstRep().getType().copy()).setValue(new Reference(responseRef));
            }
            transaction.updateIfMatch(open, taskVersion);
            written.add(new Reference(open.getIdElement().toUnqualifiedVersionless().getValue()));
        } else if (task.isPresent() && !wasComplete) {
            Task done = task.get();
            String taskVersion = done.getMeta().getVersionId();
            done.setStatus(Task.TaskStatus.COMPLETED).setLastModified(new Date()).setStatusReason(null);
            if (firstAnswer) {
                done.addOutput().setType(done.getInputFirstRep().getType().copy()).setValue(new Reference(responseRef));
            }
            transaction.updateIfMatch(done, taskVersion);
            written.add(new Reference(done.getIdElement().toUnqualifiedVersionless().getValue()));
            Optional<ActivityDefinition> definition = done.hasInstantiatesCanonical()
                    ? library.resolve(ActivityDefinition.class, done.getInstantiatesCanonical()) : Optional.empty();
            plan.ifPresent(p -> ActivityProgress.record(p, done,
                    definition.map(d -> d.getExtensionByUrl(Canonicals.EXT_SESSION_INTERVAL) != null).orElse(false)));
            plan.ifPresent(p -> scheduleNext(transaction, written, p, done, definition, session));
        }
        if (plan.isPresent()) {
            CarePlan p = plan.get();
            // Once sessions are recorded, the attended ones are the course's count; before that (a course
            // run on measures alone) a completed measure stands for its session.
            if (CourseSessions.of(store, p).isEmpty()) {
                session.ifPresent(s -> IptCarePlan.of(p).completedSessions(
                        Math.max(IptCarePlan.of(p).completedSessions(), score.isPresent() && complete ? s : 0)));
            }
            transaction.updateIfMatch(p, p.getMeta().getVersionId());
            written.add(new Reference(p.getIdElement().toUnqualifiedVersionless().getValue()));
        }
        transaction.createUnlessTagged(Provenances.of(written, clinician, rapportVersion, "CREATE", write,
                "Processing of QuestionnaireResponse/" + response.getIdElement().getIdPart() + " version "
                        + response.getMeta().getVersionId()), Canonicals.TAG_WRITE, write);
        store.transaction(transaction.build());
        if (!ignored.isEmpty()) {
            LOG.warn("Processing {}: {} score record(s) of the chart set aside: {}", responseRef, ignored.size(),
                    ignored.stream().map(SkippedRecord::loggable).toList());
        }
        Optional<CarePlan> after = plan.map(p -> store.read(CarePlan.class, p.getIdElement().getIdPart()));
        List<String> notes = new ArrayList<>();
        item9.ifPresent(r -> notes.add("PHQ-9 item 9 was recorded first."));
        score.filter(s -> !s.isComplete()).ifPresent(s -> notes.add(incomplete(s) + " and the session is not counted."));
        return new ProcessingResult(false, after, score, treatment, safetyOf(response), ignored, notes);
    }

    /** The problem area, dispute stage, goals and that area's middle-phase activities go onto the plan. */
    private void formulate(CarePlan plan, InventoryExtraction extraction, InventoryRevision revision) {
        IptCarePlan ipt = IptCarePlan.of(plan);
        List<Coding> areas = extraction.problemAreas().stream().map(ProblemArea::area).map(this::withDisplay).toList();
        if (!areas.isEmpty()) {
            ipt.problemAreas(areas);
            ipt.disputeStage(extraction.disputeStage().map(this::withDisplay).orElse(null));
        }
        revision.formulate(plan, extraction);
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

    /**
     * The course's series of this measure: totals of any source read by {@link ScoreObservationReader}'s
     * rules, one per response, since the course started, at the course's own session numbers (from the
     * Tasks that asked for them; a total from elsewhere takes the session reached at its time).
     */
    private TreatmentResponse evaluate(CarePlan plan, Instrument instrument, String patientId, String responseRef,
            MeasureScore latest, OptionalInt session, List<Task> tasks, List<SkippedRecord> ignored) {
        ScoreSeries course = ScoreSeries.of(SearchPages.all(store, "Observation?subject=Patient/" + patientId + "&code="
                + SearchValues.encode(Canonicals.LOINC + "|" + instrument.totalCode()) + "&_sort=date&_count=200",
                Observation.class, MAX_PAGES), instrument, plan.getPeriod().hasStart()
                ? ChartTimes.of(plan.getPeriod().getStartElement()) : Optional.empty(), Optional.of(responseRef));
        ignored.addAll(course.skipped());
        List<ScoreReading> readings = course.readings();
        Map<String, Integer> sessions = new HashMap<>();
        for (Task t : tasks) {
            OptionalInt s = QuestionnaireTasks.session(t);
            t.getOutput().stream().filter(o -> o.getValue() instanceof Reference)
                    .map(o -> ((Reference) o.getValue()).getReference())
                    .forEach(ref -> s.ifPresent(n -> sessions.put(ref, n)));
        }
        int current = Math.max(session.orElse(0), IptCarePlan.of(plan).completedSessions());
        List<SessionScore> series = new ArrayList<>();
        int reached = 0;
        for (ScoreReading reading : readings) {
            Integer known = reading.derivedFrom().map(sessions::get).orElse(null);
            reached = Math.min(current, Math.max(reached, known == null ? reached : known));
            series.add(new SessionScore(reached, reading.value()));
        }
        int now = session.orElse(Math.max(current, reached));
        series.add(new SessionScore(Math.max(now, reached), latest.total().getAsInt()));
        return evaluator.evaluate(instrument, series, Math.max(Math.max(now, reached), current));
    }

    private void recordTreatmentResponse(TransactionBuilder transaction, List<Reference> written, CarePlan plan,
            TreatmentResponse treatment, Reference score, QuestionnaireResponse response) {
        Observation status = new Observation()
                .setStatus(Observation.ObservationStatus.FINAL)
                .setCode(new CodeableConcept(new Coding(Canonicals.CS_OBSERVATION, "measure-response-status",
                        "Measure response status")))
                .setSubject(plan.getSubject().copy())
                .setEffective(new org.hl7.fhir.r4.model.DateTimeType(new Date()))
                .setValue(new CodeableConcept(treatment.status().coding()));
        status.addBasedOn(new Reference(plan.getIdElement().toUnqualifiedVersionless().getValue()));
        status.addDerivedFrom(score);
        treatment.reliableChange().ifPresent(change -> status.addComponent()
                .setCode(new CodeableConcept(new Coding(Canonicals.CS_OBSERVATION, "reliable-change", "Reliable change")))
                .setValue(new CodeableConcept(change.coding())));
        status.addNote().setText(String.join(" ", treatment.reasons()));
        PrivacyLabels.clinical(status);
        // One judgement per response: an amended version updates it.
        String key = "QuestionnaireResponse/" + response.getIdElement().getIdPart() + "/response-status/"
                + treatment.instrument().name().toLowerCase();
        status.addIdentifier().setSystem(Canonicals.IDENTIFIER_SYSTEM).setValue(key);
        Bundle earlier = store.search("Observation?subject=" + plan.getSubject().getReference() + "&identifier="
                + SearchValues.encode(Canonicals.IDENTIFIER_SYSTEM + "|"
                + key));
        Optional<Observation> previous = earlier.getEntry().stream().map(e -> e.getResource())
                .filter(Observation.class::isInstance).map(Observation.class::cast).findFirst();
        Reference ref;
        if (previous.isPresent()) {
            status.setId(previous.get().getIdElement().toUnqualifiedVersionless());
            status.setStatus(Observation.ObservationStatus.AMENDED);
            transaction.updateIfMatch(status, previous.get().getMeta().getVersionId());
            ref = new Reference(previous.get().getIdElement().toUnqualifiedVersionless().getValue());
        } else {
            ref = transaction.createUnlessIdentified(status, Canonicals.IDENTIFIER_SYSTEM, key);
        }
        written.add(ref);
        if (plan.getSupportingInfo().stream().noneMatch(r -> ref.getReference().equals(r.getReference()))) {
            plan.addSupportingInfo(ref);
        }
    }

    /** A measure repeats at its ActivityDefinition's session interval, within the contracted course. */
    private void scheduleNext(TransactionBuilder transaction, List<Reference> written, CarePlan plan, Task done,
            Optional<ActivityDefinition> definition, OptionalInt session) {
        if (session.isEmpty()) {
            return;
        }
        Optional<String> course = QuestionnaireTasks.course(done);
        if (definition.isEmpty() || course.isEmpty() || definition.get().getExtensionByUrl(Canonicals.EXT_SESSION_INTERVAL) == null) {
            return;
        }
        int interval = ((PositiveIntType) definition.get().getExtensionByUrl(Canonicals.EXT_SESSION_INTERVAL).getValue()).getValue();
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

    /** The Tasks of the course (or, without one, the patient's), across pages. */
    private List<Task> tasks(String patientId, Optional<CarePlan> plan) {
        String search = "Task?patient=Patient/" + patientId
                + plan.map(p -> "&based-on=CarePlan/" + p.getIdElement().getIdPart()).orElse("") + "&_count=200";
        return SearchPages.all(store, search, Task.class, MAX_PAGES);
    }

    /** The Task an earlier version of this response answered. */
    private static Optional<Task> answeredBy(List<Task> tasks, String responseRef) {
        return tasks.stream().filter(t -> t.getOutput().stream()
                .anyMatch(o -> o.getValue() instanceof Reference r && responseRef.equals(r.getReference()))).findFirst();
    }

    /** The earliest open Task asking for this Questionnaire. */
    private static Optional<Task> openTask(List<Task> tasks, String questionnaire) {
        return tasks.stream()
                .filter(t -> t.getStatus() == Task.TaskStatus.REQUESTED || t.getStatus() == Task.TaskStatus.READY
                        || t.getStatus() == Task.TaskStatus.INPROGRESS)
                .filter(t -> QuestionnaireTasks.questionnaire(t).map(Canonicals::url).filter(questionnaire::equals)
                        .isPresent())
                .min(Comparator.comparingInt(t -> QuestionnaireTasks.session(t).orElse(Integer.MAX_VALUE)));
    }

    private boolean processed(String write) {
        return store.search("Provenance?_tag=" + SearchValues.encode(Canonicals.TAG_WRITE + "|" + write)
                + "&_summary=count").getTotal() > 0;
    }
}
