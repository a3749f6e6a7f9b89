package health.rapport.benchmarks.jmh;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.FhirVersionEnum;
import health.rapport.plugin.fhir.FhirRuntime;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What activation pays for the FHIR model in a cold JVM (one shot per fresh fork, C1 only as the
 * host runs): {@code allTypes} scans all 146 R4 resource types, as {@code FhirRuntime} did;
 * {@code rapportTypes} is {@code FhirRuntime} now (only the types Rapport uses; others are scanned
 * when they first appear).
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 10, jvmArgsAppend = {"-Xmx1g", "-XX:TieredStopAtLevel=1", "-Dlogback.configurationFile=" + Fixtures.LOGBACK})
@Warmup(iterations = 0)
@Measurement(iterations = 1, batchSize = 1)
public class ModelScanBenchmark {

    @Benchmark
    public FhirContext allTypes() {
        FhirContext context = new FhirContext(FhirVersionEnum.R4);
        for (String type : context.getResourceTypes()) {
            context.getResourceDefinition(type);
        }
        context.newJsonParser();
        return context;
    }

    @Benchmark
    public FhirContext rapportTypes() {
        return new FhirRuntime().context();
    }
}
