package health.rapport.sandbox;

import ca.uhn.fhir.context.FhirContext;
import health.rapport.sandbox.seed.CohortSeeder;
import health.rapport.sandbox.seed.SeedPatient;
import health.rapport.sandbox.seed.Seeder;
import java.nio.file.Path;
import java.util.List;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;

/** The sandbox's command line: {@code ./sandbox.sh [options]}. */
public final class SandboxMain {

    private static final String USAGE = """
            Usage: ./sandbox.sh [options]
              --data-dir DIR        where data is kept across restarts (default ~/.rapport/sandbox)
              --fhir-port N         port of the FHIR server, base /fhir (default 8080)
              --plugin-port N       port of the OSGi host, Rapport under /rapport (default 8081)
              --in-memory           keep nothing on disk
              --seed                create synthetic patients at every stage of a course (once)
              --seed-cohort N       also a cohort of N synthetic open and completed courses of three
                                    clinicians, for the caseload and service views (once)
              --cohort-clinicians K the cohort's courses go to the first K of its three clinicians (default 3;
                                    1: all to the sandbox clinician)
              --jdbc-url URL        use PostgreSQL (jdbc:postgresql://host:5432/db) instead of H2
              --jdbc-user USER      its user
              --jdbc-password PASS  its password (or the environment variable RAPPORT_JDBC_PASSWORD)
              --help                this text
            """;

    private SandboxMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        SandboxOptions options;
        boolean seed = java.util.Arrays.asList(args).contains("--seed");
        try {
            options = parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.print(USAGE);
            System.exit(2);
            return;
        }
        if (options == null) {
            System.out.print(USAGE);
            return;
        }
        int cohort = cohortSize(args);
        long start = System.nanoTime();
        Sandbox sandbox = Sandbox.start(options, Duration.ofMinutes(3));
        if (seed) {
            List<SeedPatient> patients = new Seeder(FhirContext.forR4(), sandbox.fhirBaseUrl(),
                    sandbox.rapportUrl() + "/fhir").seed();
            System.out.println();
            System.out.println("Demo patients (synthetic):");
            patients.forEach(p -> System.out.printf("  Patient/%-8s %-16s %s%n", p.patientId(), p.name(), p.stage()));
        }
        if (cohort > 0) {
            long seeding = System.nanoTime();
            List<SeedPatient> courses = new CohortSeeder(FhirContext.forR4(), sandbox.fhirBaseUrl(),
                    sandbox.rapportUrl() + "/fhir").clinicians(cohortClinicians(args)).seed(cohort);
            System.out.printf("%nCohort: %d synthetic courses in %.1f s (caseloads: the EHR page's list of clinicians)%n",
                    courses.size(), (System.nanoTime() - seeding) / 1e9);
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            sandbox.close();
            stopped.countDown();
        }, "sandbox-shutdown"));
        System.out.printf("""

                Rapport sandbox ready in %.1f s
                  EHR chart page (start here)     %s
                  FHIR server (the EHR's record)  %s
                  Rapport health                  %s/health
                  Rapport FHIR operations         %s/fhir/metadata
                  Clinician panel                 opened from a chart (SMART launch)
                  Data                            %s
                Press Ctrl-C to stop.
                %n""", (System.nanoTime() - start) / 1e9, sandbox.ehrUrl(), sandbox.fhirBaseUrl(),
                sandbox.rapportUrl(), sandbox.rapportUrl(), options.inMemory() ? "in memory (nothing kept)"
                        : options.jdbcUrl() != null ? options.jdbcUrl() : options.dataDir().toAbsolutePath());
        stopped.await();
    }

    static SandboxOptions parse(String[] args) {
        SandboxOptions d = SandboxOptions.defaults();
        Path dataDir = d.dataDir();
        int fhirPort = d.fhirPort();
        int pluginPort = d.pluginPort();
        boolean inMemory = false;
        String jdbcUrl = null;
        String jdbcUser = null;
        String jdbcPassword = System.getenv("RAPPORT_JDBC_PASSWORD");
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            switch (arg) {
                case "--help", "-h" -> {
                    return null;
                }
                case "--in-memory" -> inMemory = true;
                case "--seed" -> {
                    // read in main(): seeding needs the running sandbox
                }
                case "--seed-cohort" -> cohortSize(value(args, ++i, arg));
                case "--cohort-clinicians" -> cohortClinicians(new String[] {arg, value(args, ++i, arg)});
                case "--data-dir" -> dataDir = Path.of(value(args, ++i, arg));
                case "--fhir-port" -> fhirPort = port(value(args, ++i, arg), arg);
                case "--plugin-port" -> pluginPort = port(value(args, ++i, arg), arg);
                case "--jdbc-url" -> jdbcUrl = value(args, ++i, arg);
                case "--jdbc-user" -> jdbcUser = value(args, ++i, arg);
                case "--jdbc-password" -> jdbcPassword = value(args, ++i, arg);
                default -> throw new IllegalArgumentException("Unknown option: " + arg);
            }
        }
        if (fhirPort == pluginPort) {
            throw new IllegalArgumentException("--fhir-port and --plugin-port must differ");
        }
        return new SandboxOptions(dataDir, fhirPort, pluginPort, inMemory, jdbcUrl, jdbcUser, jdbcPassword);
    }

    /** The size of {@code --seed-cohort N}, 0 without it. */
    static int cohortSize(String[] args) {
        int at = java.util.Arrays.asList(args).indexOf("--seed-cohort");
        return at < 0 || at + 1 >= args.length ? 0 : cohortSize(args[at + 1]);
    }

    /** K of {@code --cohort-clinicians K}, 3 without it. */
    static int cohortClinicians(String[] args) {
        int at = java.util.Arrays.asList(args).indexOf("--cohort-clinicians");
        if (at < 0 || at + 1 >= args.length) {
            return CohortSeeder.CLINICIANS.size();
        }
        String text = args[at + 1];
        if (!text.matches("[1-3]")) {
            throw new IllegalArgumentException("--cohort-clinicians must be 1, 2 or 3: " + text);
        }
        return Integer.parseInt(text);
    }

    private static int cohortSize(String text) {
        try {
            int size = Integer.parseInt(text);
            if (size < 1 || size > 2000) {
                throw new NumberFormatException();
            }
            return size;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--seed-cohort must be a number of courses 1-2000: " + text);
        }
    }

    private static String value(String[] args, int index, String option) {
        if (index >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[index];
    }

    private static int port(String text, String option) {
        try {
            int port = Integer.parseInt(text);
            if (port < 1 || port > 65535) {
                throw new NumberFormatException();
            }
            return port;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " must be a port number 1-65535: " + text);
        }
    }
}
