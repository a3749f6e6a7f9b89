package health.rapport.plugin.panel;

import health.rapport.plugin.http.ContextGate;
import health.rapport.plugin.http.RapportHttpContext;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardContextSelect;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardResource;

/**
 * Serves the clinician panel's static files (built from npm at build time into the bundle's
 * {@code /app} folder) at {@code <context>/app/*}, through the whiteboard and the Rapport
 * context, which resolves them as bundle entries. {@link AppSecurityFilter} adds the headers.
 */
@Component(service = AppResources.class,
        reference = @Reference(name = ContextGate.REFERENCE, service = ContextGate.class))
@HttpWhiteboardContextSelect(RapportHttpContext.SELECT)
@HttpWhiteboardResource(pattern = "/app/*", prefix = "/app")
public final class AppResources {
}
