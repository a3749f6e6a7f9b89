package health.rapport.benchmarks.jmh;

import ca.uhn.fhir.context.FhirContext;
import health.rapport.plugin.content.ContentCatalog;
import java.net.URL;
import java.util.List;
import java.util.concurrent.TimeUnit;
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
 * Reading every shipped definition (Questionnaires, PlanDefinitions, terminology, profiles) from
 * the plugin jar, as ContentLibrary does once per activation: steady-state cost, i.e. a lower
 * bound of what activation pays (that first read also loads and JIT-compiles the parser).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx1g", "-Dlogback.configurationFile=" + Fixtures.LOGBACK})
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
public class ContentCatalogBenchmark {

    private FhirContext context;
    private List<URL> entries;

    @Setup
    public void setUp() {
        context = Fixtures.fhirContext();
        entries = BenchmarkContent.entries();
    }

    @Benchmark
    public ContentCatalog readShippedContent() {
        return ContentCatalog.read(entries, context.newJsonParser());
    }
}
