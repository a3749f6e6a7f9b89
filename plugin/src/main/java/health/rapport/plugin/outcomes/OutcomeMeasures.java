package health.rapport.plugin.outcomes;

import health.rapport.plugin.http.OperationFailure;
import health.rapport.plugin.content.ContentLibrary;
import health.rapport.plugin.safety.ClinicalRules;
import health.rapport.plugin.store.CallerToken;
import health.rapport.plugin.store.ChartStore;
import health.rapport.plugin.store.ParallelReads;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.hl7.fhir.r4.model.Group;
import org.hl7.fhir.r4.model.Measure;
import org.hl7.fhir.r4.model.MeasureReport;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

/**
 * {@code $evaluate-measure} for Rapport's shipped Measures: checks the request, reads the cohort with the
 * caller's token ({@link CourseLoader}) and counts it ({@link MeasureEvaluator}). Writes nothing.
 */
@Component(service = OutcomeMeasures.class)
public final class OutcomeMeasures {

    /** The longest period one report may cover: it bounds what one request reads. */
    static final int MAX_YEARS = 10;

    private final ContentLibrary library;
    private final ChartStore store;
    private final CourseLoader loader;
    private final MeasureEvaluator evaluator = new MeasureEvaluator();
    /** Threads for a cohort's chunked searches; a few keep the FHIR server busy without flooding it. */
    private final ParallelReads reads = ParallelReads.pool("rapport-measure-read", 6);

    @Activate
    public OutcomeMeasures(@Reference ContentLibrary library, @Reference ChartStore store, @Reference ClinicalRules rules) {
        this.library = library;
        this.store = store;
        this.loader = new CourseLoader(store, rules.evaluator(), reads);
    }

    @Deactivate
    void stop() {
        reads.close();
    }

    /** The request of one {@code $evaluate-measure} call, as parsed from its parameters. */
    public record Request(String measureId, LocalDate periodStart, LocalDate periodEnd, boolean subjectList,
            Optional<String> practitioner, Optional<String> group) {
    }

    /** The shipped Measures. */
    public List<Measure> measures() {
        return library.resources().stream().filter(Measure.class::isInstance).map(Measure.class::cast).toList();
    }

    public MeasureReport evaluate(Request request) {
        Measure measure = library.byId(Measure.class, request.measureId()).orElseThrow(() -> OperationFailure.notFound(
                "Measure/" + request.measureId() + " is not one of Rapport's outcome measures ("
                        + measures().stream().map(m -> m.getIdElement().getIdPart()).sorted().collect(Collectors.joining(", "))
                        + ")."));
        if (request.periodEnd().isBefore(request.periodStart())) {
            throw OperationFailure.invalid("periodEnd (" + request.periodEnd() + ") is before periodStart ("
                    + request.periodStart() + ").");
        }
        if (request.periodStart().plusYears(MAX_YEARS).isBefore(request.periodEnd())) {
            throw OperationFailure.invalid("The period may cover at most " + MAX_YEARS + " years.");
        }
        Optional<String> practitioner = practitioner(request);
        Optional<Set<String>> members = request.group().map(this::members);
        Cohort cohort = new Cohort(request.periodStart(), request.periodEnd(), practitioner, members);
        return evaluator.evaluate(measure, loader.load(cohort, OutcomeRules.reads(measure)), cohort, request.subjectList());
    }

    /**
     * A subject list names patients, so it covers the calling clinician's own courses only: a clinician asks
     * for their own (the default) and never for a colleague's. A system caller (no Practitioner) names one.
     */
    private static Optional<String> practitioner(Request request) {
        Optional<String> caller = CallerToken.practitioner();
        if (!request.subjectList()) {
            return request.practitioner();
        }
        if (caller.isPresent()) {
            if (request.practitioner().filter(p -> !p.equals(caller.get())).isPresent()) {
                throw OperationFailure.forbidden("A subject-list report lists the calling"
                        + " clinician's own patients only: practitioner must be Practitioner/" + caller.get() + ".");
            }
            return caller;
        }
        if (request.practitioner().isEmpty()) {
            throw OperationFailure.invalid("A subject-list report needs practitioner: it lists one clinician's patients.");
        }
        return request.practitioner();
    }

    private Set<String> members(String groupId) {
        Group group = store.read(Group.class, groupId);
        return group.getMember().stream().filter(m -> !m.getInactive())
                .map(m -> CourseLoader.key(m.getEntity())).filter(r -> r.startsWith("Patient/"))
                .collect(Collectors.toSet());
    }
}
