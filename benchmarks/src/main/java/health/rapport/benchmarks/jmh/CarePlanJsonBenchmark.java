package health.rapport.benchmarks.jmh;

import ca.uhn.fhir.context.FhirContext;
import health.rapport.plugin.careplan.PlanApplier;
import health.rapport.plugin.content.ContentLibrary;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.hl7.fhir.r4.model.CarePlan;
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
 * HAPI's JSON parser on a Rapport CarePlan (the role-dispute acute course as $apply returns it,
 * with its extensions, security labels and ~30 activities): parse and encode, a fresh parser
 * per call as HAPI's RestfulServer and Rapport's chart store use it.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx1g", "-Dlogback.configurationFile=" + Fixtures.LOGBACK})
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
public class CarePlanJsonBenchmark {

    private FhirContext context;
    private CarePlan carePlan;
    private String json;

    @Setup
    public void setUp() {
        context = Fixtures.fhirContext();
        ContentLibrary library = BenchmarkContent.library(context.newJsonParser());
        PlanDefinition course = library.byId(PlanDefinition.class, "ipt-acute-course").orElseThrow();
        carePlan = new PlanApplier(library, context).apply(course, Fixtures.roleDisputeImpasse()).carePlan();
        carePlan.setId("CarePlan/bench-1/_history/1");
        json = context.newJsonParser().encodeResourceToString(carePlan);
        System.out.printf("%nCarePlan JSON: %d bytes, %d activities%n", json.getBytes(StandardCharsets.UTF_8).length,
                carePlan.getActivity().size());
    }

    @Benchmark
    public CarePlan parseCarePlan() {
        return context.newJsonParser().parseResource(CarePlan.class, json);
    }

    @Benchmark
    public String encodeCarePlan() {
        return context.newJsonParser().encodeResourceToString(carePlan);
    }
}
