package health.rapport.it;

import static org.assertj.core.api.Assertions.assertThat;

import health.rapport.sandbox.Sandbox;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.osgi.framework.Bundle;
import org.osgi.framework.Constants;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;
import org.osgi.service.servlet.runtime.HttpServiceRuntime;
import org.osgi.service.servlet.runtime.dto.RuntimeDTO;
import org.osgi.service.servlet.runtime.dto.ServletContextDTO;
import org.osgi.service.servlet.runtime.dto.ServletDTO;

/** The host as the OSGi runtime itself reports it: bundles, components, servlets. */
@ExtendWith(SandboxExtension.class)
class HostTest {

    @Test
    void everyBundleIsActive(Sandbox sandbox) {
        Bundle[] bundles = sandbox.osgiHost().context().getBundles();
        assertThat(bundles).extracting(Bundle::getSymbolicName).contains(
                "health.rapport.plugin", "org.apache.felix.scr", "org.apache.felix.configadmin",
                "org.apache.felix.http.jetty12", "org.apache.felix.http.servlet-api");
        for (Bundle bundle : bundles) {
            int expected = bundle.getHeaders().get(Constants.FRAGMENT_HOST) == null ? Bundle.ACTIVE : Bundle.RESOLVED;
            assertThat(bundle.getState()).as(bundle.getSymbolicName()).isEqualTo(expected);
        }
    }

    @Test
    void everyRapportComponentIsSatisfied(Sandbox sandbox) {
        Bundle rapport = sandbox.osgiHost().rapportBundle();
        List<String> problems = sandbox.osgiHost().withService(ServiceComponentRuntime.class, scr -> {
            List<String> found = new java.util.ArrayList<>();
            for (ComponentDescriptionDTO description : scr.getComponentDescriptionDTOs(rapport)) {
                var configurations = scr.getComponentConfigurationDTOs(description);
                if (configurations.isEmpty() && !"require".equals(description.configurationPolicy)) {
                    found.add(description.name + " has no configuration although it needs none");
                }
                for (ComponentConfigurationDTO configuration : configurations) {
                    if (configuration.state != ComponentConfigurationDTO.ACTIVE
                            && configuration.state != ComponentConfigurationDTO.SATISFIED) {
                        found.add(description.name + " is in state " + configuration.state + describe(configuration));
                    }
                }
            }
            return found;
        });
        List<String> names = sandbox.osgiHost().withService(ServiceComponentRuntime.class,
                scr -> scr.getComponentDescriptionDTOs(rapport).stream().map(d -> d.name).toList());

        assertThat(problems).isEmpty();
        assertThat(names).contains(
                "health.rapport.plugin.fhir.FhirRuntime",
                "health.rapport.plugin.store.RestChartStore",
                "health.rapport.plugin.http.RapportHttpContext",
                "health.rapport.plugin.operations.FhirEndpoint",
                "health.rapport.plugin.operations.CarePlanOperations",
                "health.rapport.plugin.operations.QuestionnaireResponseOperations",
                "health.rapport.plugin.careplan.CarePlanEngine",
                "health.rapport.plugin.health.HealthServlet",
                "health.rapport.plugin.content.ContentLibrary",
                "health.rapport.plugin.content.ContentRegistrar",
                "health.rapport.plugin.cds.CdsServlet");
    }

    @Test
    void servletRuntimeHasNoFailuresAndServesRapport(Sandbox sandbox) {
        RuntimeDTO runtime = sandbox.osgiHost().withService(HttpServiceRuntime.class, HttpServiceRuntime::getRuntimeDTO);

        // Every failure, also one the whiteboard keeps for a service that is gone (BundleLifecycleTest
        // stops, starts and updates the bundle in the same host).
        assertThat(WhiteboardFailures.of(sandbox)).isEmpty();
        ServletContextDTO rapport = Arrays.stream(runtime.servletContextDTOs)
                .filter(c -> "rapport".equals(c.name)).findFirst().orElseThrow();
        assertThat(rapport.contextPath).isEqualTo("/rapport");
        assertThat(rapport.servletDTOs).extracting((ServletDTO s) -> s.name)
                .contains("rapport-fhir", "rapport-health");
        // The context's error page (OperationOutcomes for the container's own 4xx/5xx) has no pattern.
        assertThat(rapport.errorPageDTOs).anySatisfy(page -> {
            assertThat(page.name).isEqualTo("rapport-errors");
            assertThat(page.errorCodes).contains(404L, 405L, 500L);
        });
        for (ServletDTO servlet : rapport.servletDTOs) {
            if (!"rapport-errors".equals(servlet.name)) {
                assertThat(servlet.patterns).as(servlet.name).isNotEmpty();
            }
        }
    }

    /**
     * Every Rapport whiteboard service requires the context gate, so that it goes while its context is
     * still there (issue 15: a service that outlived its context left a failed whiteboard entry behind).
     */
    @Test
    void everyRapportWhiteboardServiceRequiresTheContextGate(Sandbox sandbox) {
        Bundle rapport = sandbox.osgiHost().rapportBundle();
        List<ComponentDescriptionDTO> whiteboardServices = sandbox.osgiHost().withService(ServiceComponentRuntime.class,
                scr -> scr.getComponentDescriptionDTOs(rapport).stream()
                        .filter(d -> d.properties.containsKey("osgi.http.whiteboard.context.select")).toList());

        assertThat(whiteboardServices).extracting(d -> d.name).contains(
                "health.rapport.plugin.notify.NotifyServlet", "health.rapport.plugin.http.RequestIdFilter",
                "health.rapport.plugin.http.ErrorPageServlet", "health.rapport.plugin.panel.AppResources");
        assertThat(whiteboardServices).allSatisfy(d -> assertThat(d.references).as(d.name)
                .anySatisfy(r -> {
                    assertThat(r.interfaceName).isEqualTo("health.rapport.plugin.http.ContextGate");
                    assertThat(r.cardinality).isEqualTo("1..1");
                }));
    }

    @Test
    void configurationIsDescribedForAdministrators(Sandbox sandbox) throws Exception {
        Bundle rapport = sandbox.osgiHost().rapportBundle();

        String fhirServer = entry(rapport, "OSGI-INF/metatype/health.rapport.fhirserver.xml");
        assertThat(fhirServer).contains("<AD id=\"baseUrl\"", "<AD id=\"auth\"", "<AD id=\"connectTimeoutMillis\"",
                "<AD id=\"readTimeoutMillis\"", "<AD id=\".bearerToken\" type=\"Password\"");
        String http = entry(rapport, "OSGI-INF/metatype/health.rapport.http.xml");
        assertThat(http).contains("<AD id=\"osgi.http.whiteboard.context.path\"", "default=\"/rapport\"");
    }

    private static String entry(Bundle bundle, String path) throws java.io.IOException {
        java.net.URL url = bundle.getEntry(path);
        assertThat(url).as(path).isNotNull();
        try (java.io.InputStream in = url.openStream()) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    private static String describe(ComponentConfigurationDTO configuration) {
        StringBuilder text = new StringBuilder();
        if (configuration.unsatisfiedReferences != null) {
            Arrays.stream(configuration.unsatisfiedReferences).forEach(r -> text.append(" unsatisfied ").append(r.name));
        }
        if (configuration.failure != null) {
            text.append(" failure ").append(configuration.failure);
        }
        return text.toString();
    }

}
