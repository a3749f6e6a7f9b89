package health.rapport.benchmarks.jmh;

import ca.uhn.fhir.context.FhirContext;
import health.rapport.plugin.careplan.AppliedPlan;
import health.rapport.plugin.careplan.PlanApplier;
import health.rapport.plugin.careplan.PlanRequest;
import health.rapport.plugin.content.ContentLibrary;
import java.util.concurrent.TimeUnit;
import org.hl7.fhir.r4.model.PlanDefinition;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@code PlanDefinition/ipt-acute-course/$apply} in process: {@link PlanApplier#apply} over the
 * content the bundle ships (no network, no HTTP), and the same followed by the JSON encoding the
 * operation answers with.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx1g", "-Dlogback.configurationFile=" + Fixtures.LOGBACK})
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
public class PlanApplyBenchmark {

    private FhirContext context;
    private PlanApplier applier;
    private PlanDefinition acuteCourse;
    private PlanRequest plain;
    private PlanRequest roleDispute;

    @Setup
    public void setUp() {
        context = Fixtures.fhirContext();
        ContentLibrary library = BenchmarkContent.library(context.newJsonParser());
        applier = new PlanApplier(library, context);
        acuteCourse = library.byId(PlanDefinition.class, "ipt-acute-course")
                .orElseThrow(() -> new IllegalStateException("ipt-acute-course not in the shipped content"));
        plain = Fixtures.plain();
        roleDispute = Fixtures.roleDisputeImpasse();
        if (applier.apply(acuteCourse, roleDispute).carePlan().getActivity().isEmpty()) {
            throw new IllegalStateException("the applied plan has no activities");
        }
    }

    /** No problem area yet: the phases' own activities. */
    @Benchmark
    public AppliedPlan applyAcuteCourse() {
        return applier.apply(acuteCourse, plain);
    }

    /** Role dispute at impasse: every sub-plan's FHIRPath applicability condition is evaluated. */
    @Benchmark
    public AppliedPlan applyAcuteCourseRoleDispute() {
        return applier.apply(acuteCourse, roleDispute);
    }

    /** What $apply does in process before HTTP: apply, then encode the CarePlan as JSON. */
    @Benchmark
    public String applyAndEncodeJson() {
        return context.newJsonParser().encodeResourceToString(applier.apply(acuteCourse, roleDispute).carePlan());
    }
}
