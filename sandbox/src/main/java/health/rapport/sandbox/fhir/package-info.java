/**
 * The sandbox's FHIR server: HAPI FHIR JPA 8.8.0 (R4) on Spring Boot 3.4.11 with embedded
 * Tomcat, started and stopped from Java with {@link health.rapport.sandbox.fhir.FhirServer}.
 *
 * <h2>Storage</h2>
 * <ul>
 *   <li>{@code FhirServerSettings.inMemory()} — a private in-memory H2 database.</li>
 *   <li>{@code FhirServerSettings.h2File(dataDir)} — H2 files under {@code dataDir/fhir-db};
 *       data kept across restarts.</li>
 *   <li>{@code FhirServerSettings.jdbc("jdbc:postgresql://host:5432/db", user, password)} —
 *       PostgreSQL: a configuration change only (same code, {@code HapiFhirPostgresDialect});
 *       the schema is created or updated by Hibernate at start.</li>
 * </ul>
 *
 * <h2>What a host in the same JVM must know</h2>
 * <ul>
 *   <li>Spring Boot sets system properties {@code java.awt.headless=true} (if unset),
 *       {@code PID}, {@code CONSOLE_LOG_CHARSET}, {@code FILE_LOG_CHARSET},
 *       {@code org.jboss.logging.provider=slf4j}; Tomcat sets {@code catalina.base},
 *       {@code catalina.home} (a temp directory) and {@code catalina.useNaming=false}.</li>
 *   <li>With {@code configureLogging} (the default) Spring Boot resets the JVM's logback
 *       context to {@code fhir-server-logback.xml} and routes java.util.logging to SLF4J
 *       (replacing JUL's root handlers); with {@code configureLogging(false)} it touches no
 *       logging at all.</li>
 *   <li>Tomcat's JVM-wide {@code URLStreamHandlerFactory} is disabled, so an OSGi framework
 *       may install its own.</li>
 *   <li>No JVM shutdown hook is registered: call {@code close()} from the host's hook.</li>
 *   <li>Only {@code health/rapport/sandbox/fhir/fhir-server.properties} is read as Spring
 *       configuration; {@code application.properties}/{@code .yml} files elsewhere on the class
 *       path are ignored; system properties and environment variables cannot move the port,
 *       address or database.</li>
 * </ul>
 */
package health.rapport.sandbox.fhir;
