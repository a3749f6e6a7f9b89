package health.rapport.plugin.careplan;

import health.rapport.plugin.sessions.GroupSessionRecorder;
import health.rapport.plugin.sessions.SessionRecorder;
import health.rapport.plugin.sessions.TherapyGroups;
import health.rapport.plugin.sessions.CourseFormatChanges;
import health.rapport.plugin.content.ContentLibrary;
import health.rapport.plugin.fhir.FhirRuntime;
import health.rapport.plugin.safety.ClinicalRules;
import health.rapport.plugin.store.ChartStore;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** The care-plan processors of one activation, wired to the configured FHIR server. */
@Component(service = CarePlanEngine.class)
public final class CarePlanEngine {

    private final PlanApplier applier;
    private final EnrollmentProcessor enrollment;
    private final PhaseAdvancer advancer;
    private final ResponseProcessor responses;
    private final PlanAdaptation adaptation;
    private final ResponsePopulator populator;
    private final SessionRecorder sessions;
    private final GroupSessionRecorder groupSessions;
    private final TherapyGroups groups;
    private final CourseFormatChanges formatChanges;

    @Activate
    public CarePlanEngine(@Reference ChartStore store, @Reference ContentLibrary library,
            @Reference FhirRuntime runtime, @Reference ClinicalRules rules, BundleContext context) {
        String version = context.getBundle().getVersion().toString();
        this.applier = new PlanApplier(library, runtime.context());
        this.enrollment = new EnrollmentProcessor(store, library, applier, version);
        this.advancer = new PhaseAdvancer(store, library, applier, version);
        this.sessions = new SessionRecorder(store, library, version);
        this.groupSessions = new GroupSessionRecorder(store, sessions, version);
        this.groups = new TherapyGroups(store, version);
        this.formatChanges = new CourseFormatChanges(store, version);
        this.responses = new ResponseProcessor(store, library, applier, enrollment, rules, sessions, version);
        this.adaptation = new PlanAdaptation(store, library, version);
        this.populator = new ResponsePopulator(store, library);
    }

    public SessionRecorder sessions() {
        return sessions;
    }

    public GroupSessionRecorder groupSessions() {
        return groupSessions;
    }

    public TherapyGroups groups() {
        return groups;
    }

    public CourseFormatChanges formatChanges() {
        return formatChanges;
    }

    public ResponsePopulator populator() {
        return populator;
    }

    public ResponseProcessor responses() {
        return responses;
    }

    public PlanAdaptation adaptation() {
        return adaptation;
    }

    public PlanApplier applier() {
        return applier;
    }

    public EnrollmentProcessor enrollment() {
        return enrollment;
    }

    public PhaseAdvancer advancer() {
        return advancer;
    }
}
