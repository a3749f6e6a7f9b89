package health.rapport.plugin.careplan;

import health.rapport.plugin.content.ContentLibrary;
import health.rapport.plugin.fhir.FhirRuntime;
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

    @Activate
    public CarePlanEngine(@Reference ChartStore store, @Reference ContentLibrary library,
            @Reference FhirRuntime runtime, BundleContext context) {
        String version = context.getBundle().getVersion().toString();
        this.applier = new PlanApplier(library, runtime.context());
        this.enrollment = new EnrollmentProcessor(store, library, applier, version);
        this.advancer = new PhaseAdvancer(store, library, applier, version);
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
