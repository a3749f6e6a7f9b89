package health.rapport.plugin.operations;

import ca.uhn.fhir.rest.api.EncodingEnum;
import ca.uhn.fhir.rest.server.RestfulServer;
import health.rapport.plugin.fhir.BundleClassLoader;
import health.rapport.plugin.fhir.FhirRuntime;
import health.rapport.plugin.http.ContextGate;
import health.rapport.plugin.http.RapportHttpContext;
import jakarta.servlet.Servlet;
import jakarta.servlet.ServletConfig;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardContextSelect;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletName;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;

/**
 * Rapport's own FHIR endpoint ({@code /rapport/fhir}): a HAPI RestfulServer whose
 * CapabilityStatement describes Rapport's operations, not the EHR's record.
 */
@Component(service = Servlet.class,
        reference = @Reference(name = ContextGate.REFERENCE, service = ContextGate.class))
@HttpWhiteboardContextSelect(RapportHttpContext.SELECT)
@HttpWhiteboardServletPattern("/fhir/*")
@HttpWhiteboardServletName("rapport-fhir")
public final class FhirEndpoint extends RestfulServer {

    private static final long serialVersionUID = 1L;

    private final String version;
    private final transient List<RapportOperations> operations;

    @Activate
    public FhirEndpoint(@Reference FhirRuntime runtime,
            @Reference(cardinality = ReferenceCardinality.MULTIPLE, policyOption = ReferencePolicyOption.GREEDY)
            List<RapportOperations> operations,
            BundleContext bundleContext) {
        super(runtime.context());
        this.version = bundleContext.getBundle().getVersion().toString();
        this.operations = List.copyOf(operations);
    }

    @Override
    protected void initialize() {
        setServerName("Rapport");
        setServerVersion(version);
        setImplementationDescription("Rapport: Interpersonal Psychotherapy care plans and measures");
        setDefaultResponseEncoding(EncodingEnum.JSON);
        registerInterceptor(new CapabilityStatementCustomizer());
        registerInterceptor(new FailureTranslator());
        registerInterceptor(new IdGuard());
        registerInterceptor(new DeclaredParameters(getFhirContext(), operations));
        registerInterceptor(new ChoiceTypedParameters());
        registerProviders(List.copyOf(operations));
    }

    @Override
    public void init(ServletConfig config) throws ServletException {
        try (BundleClassLoader tccl = BundleClassLoader.enter()) {
            super.init(config);
        }
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        try (BundleClassLoader tccl = BundleClassLoader.enter()) {
            super.service(request, response);
        }
    }
}
