package health.rapport.plugin.http;

import health.rapport.plugin.config.HttpContextConfiguration;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.servlet.context.ServletContextHelper;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardContext;

/**
 * The servlet context every Rapport endpoint lives in. Its path comes from
 * {@link HttpContextConfiguration}; servlets select it by name through {@link #SELECT}.
 */
@Component(service = ServletContextHelper.class,
        configurationPid = HttpContextConfiguration.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
@HttpWhiteboardContext(name = RapportHttpContext.NAME, path = "/rapport")
@Designate(ocd = HttpContextConfiguration.class)
public final class RapportHttpContext extends ServletContextHelper {

    public static final String NAME = "rapport";
    public static final String SELECT = "(osgi.http.whiteboard.context.name=" + NAME + ")";

    @Activate
    public RapportHttpContext(BundleContext context) {
        super(context.getBundle());
    }
}
