package health.rapport.plugin.store;

import java.util.Optional;
import org.hl7.fhir.instance.model.api.IBaseOperationOutcome;

/** A failed exchange with the FHIR server. */
public final class ChartStoreException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final StoreFailure failure;
    private final int serverStatus;
    private final transient IBaseOperationOutcome serverOutcome;

    public ChartStoreException(StoreFailure failure, int serverStatus, String message,
            IBaseOperationOutcome serverOutcome, Throwable cause) {
        super(message, cause);
        this.failure = failure;
        this.serverStatus = serverStatus;
        this.serverOutcome = serverOutcome;
    }

    public StoreFailure failure() {
        return failure;
    }

    /** The FHIR server's HTTP status, or 0 when no answer came. */
    public int serverStatus() {
        return serverStatus;
    }

    /** The server's OperationOutcome, when it sent one. */
    public Optional<IBaseOperationOutcome> serverOutcome() {
        return Optional.ofNullable(serverOutcome);
    }
}
