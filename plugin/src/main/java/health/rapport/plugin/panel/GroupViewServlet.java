package health.rapport.plugin.panel;

import health.rapport.plugin.config.AppConfiguration;
import health.rapport.plugin.http.ContextGate;
import health.rapport.plugin.http.JsonAnswers;
import health.rapport.plugin.http.OperationFailure;
import health.rapport.plugin.http.RapportHttpContext;
import health.rapport.plugin.store.ChartStore;
import health.rapport.plugin.store.ChartStoreException;
import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardContextSelect;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletName;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;

/**
 * {@code GET <context>/app/api/group?group=<id>}: the panel's view of the IPT group it was launched for
 * ({@link GroupView}), read with the clinician's token from the group launch, so the EHR decides what
 * this clinician may see. Refusals and failures come back as an OperationOutcome in plain words.
 */
@Component(service = Servlet.class, configurationPid = AppConfiguration.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL,
        reference = @Reference(name = ContextGate.REFERENCE, service = ContextGate.class))
@HttpWhiteboardContextSelect(RapportHttpContext.SELECT)
@HttpWhiteboardServletPattern("/app/api/group")
@HttpWhiteboardServletName("rapport-app-group")
public final class GroupViewServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    private final PanelAccess access;
    private final transient Optional<ChartStore> store;

    @Activate
    public GroupViewServlet(AppConfiguration configuration,
            @Reference(cardinality = ReferenceCardinality.OPTIONAL, policyOption = ReferencePolicyOption.GREEDY)
            ChartStore store) {
        this.access = PanelAccess.of(configuration);
        this.store = Optional.ofNullable(store);
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Optional<String> requested = PanelAnswers.requestedId(request, response, access, store.isPresent(), "group",
                "Group");
        if (requested.isEmpty()) {
            return;
        }
        String group = requested.get();
        try {
            JsonAnswers.send(response, HttpServletResponse.SC_OK, new GroupView(store.get()).of(group));
        } catch (OperationFailure e) {
            JsonAnswers.problem(response, e);
        } catch (ChartStoreException e) {
            PanelAnswers.storeFailure(response, e, "read the group", "");
        }
    }
}
