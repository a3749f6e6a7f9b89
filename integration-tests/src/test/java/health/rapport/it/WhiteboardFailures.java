package health.rapport.it;

import health.rapport.sandbox.Sandbox;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.osgi.service.servlet.runtime.HttpServiceRuntime;
import org.osgi.service.servlet.runtime.dto.FailedErrorPageDTO;
import org.osgi.service.servlet.runtime.dto.FailedFilterDTO;
import org.osgi.service.servlet.runtime.dto.FailedListenerDTO;
import org.osgi.service.servlet.runtime.dto.FailedResourceDTO;
import org.osgi.service.servlet.runtime.dto.FailedServletContextDTO;
import org.osgi.service.servlet.runtime.dto.FailedServletDTO;
import org.osgi.service.servlet.runtime.dto.RuntimeDTO;

/**
 * Every failed entry the host's whiteboard lists (servlets, filters, resources, error pages, listeners,
 * contexts), one line each with its service id, context and failure reason ({@code DTOConstants}: 1 no
 * servlet context matching, 2 servlet context failure, 3 shadowed, ...). All of them, of services alive or
 * gone: a failure the whiteboard keeps for a gone service is a failure too.
 */
final class WhiteboardFailures {

    private WhiteboardFailures() {
    }

    static List<String> of(Sandbox sandbox) {
        RuntimeDTO runtime = sandbox.osgiHost().withService(HttpServiceRuntime.class, HttpServiceRuntime::getRuntimeDTO);
        List<String> failures = new ArrayList<>();
        Arrays.stream(runtime.failedServletDTOs).map(WhiteboardFailures::describe).forEach(failures::add);
        Arrays.stream(runtime.failedFilterDTOs).map(WhiteboardFailures::describe).forEach(failures::add);
        Arrays.stream(runtime.failedResourceDTOs).map(WhiteboardFailures::describe).forEach(failures::add);
        Arrays.stream(runtime.failedErrorPageDTOs).map(WhiteboardFailures::describe).forEach(failures::add);
        Arrays.stream(runtime.failedListenerDTOs).map(WhiteboardFailures::describe).forEach(failures::add);
        Arrays.stream(runtime.failedServletContextDTOs).map(WhiteboardFailures::describe).forEach(failures::add);
        return failures;
    }

    private static String describe(FailedServletDTO f) {
        return String.format("servlet %s (service %d, context %d) reason %d", f.name, f.serviceId, f.servletContextId,
                f.failureReason);
    }

    private static String describe(FailedFilterDTO f) {
        return String.format("filter %s (service %d, context %d) reason %d", f.name, f.serviceId, f.servletContextId,
                f.failureReason);
    }

    private static String describe(FailedResourceDTO f) {
        return String.format("resource %s (service %d, context %d) reason %d", Arrays.toString(f.patterns),
                f.serviceId, f.servletContextId, f.failureReason);
    }

    private static String describe(FailedErrorPageDTO f) {
        return String.format("error page %s (service %d, context %d) reason %d", f.name, f.serviceId,
                f.servletContextId, f.failureReason);
    }

    private static String describe(FailedListenerDTO f) {
        return String.format("listener %s (service %d, context %d) reason %d", Arrays.toString(f.types), f.serviceId,
                f.servletContextId, f.failureReason);
    }

    private static String describe(FailedServletContextDTO f) {
        return String.format("context %s (service %d) reason %d", f.name, f.serviceId, f.failureReason);
    }
}
