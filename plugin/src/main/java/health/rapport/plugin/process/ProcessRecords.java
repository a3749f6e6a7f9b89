package health.rapport.plugin.process;

import health.rapport.plugin.content.ContentLibrary;
import health.rapport.plugin.store.ChartStore;
import java.time.Clock;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** The process-event recorder of one activation, wired to the configured FHIR server. */
@Component(service = ProcessRecords.class)
public final class ProcessRecords {

    private final ProcessRecorder recorder;

    @Activate
    public ProcessRecords(@Reference ChartStore store, @Reference ContentLibrary library, BundleContext context) {
        this.recorder = new ProcessRecorder(store, library, context.getBundle().getVersion().toString(),
                Clock.systemUTC());
    }

    public ProcessRecorder recorder() {
        return recorder;
    }
}
