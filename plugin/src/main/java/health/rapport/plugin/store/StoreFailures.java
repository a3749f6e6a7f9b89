package health.rapport.plugin.store;

import ca.uhn.fhir.rest.client.exceptions.FhirClientConnectionException;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import org.apache.http.conn.ConnectTimeoutException;
import org.apache.http.conn.HttpHostConnectException;

/** Translates HAPI client exceptions into {@link ChartStoreException}s. */
final class StoreFailures {

    private StoreFailures() {
    }

    static ChartStoreException translate(String action, RuntimeException e) {
        if (e instanceof ChartStoreException already) {
            return already;
        }
        // A connection failure is a BaseServerResponseException (status 500) in HAPI: test it first.
        if (e instanceof FhirClientConnectionException) {
            StoreFailure failure = forCause(e);
            return new ChartStoreException(failure, 0,
                    action + ": " + describe(failure, e), null, e);
        }
        if (e instanceof BaseServerResponseException response) {
            int status = response.getStatusCode();
            return new ChartStoreException(forStatus(status), status,
                    action + ": FHIR server answered " + status + " " + firstLine(response.getMessage()),
                    response.getOperationOutcome(), e);
        }
        return new ChartStoreException(StoreFailure.BAD_GATEWAY, 0,
                action + ": unexpected answer from the FHIR server: " + firstLine(e.getMessage()), null, e);
    }

    static StoreFailure forStatus(int status) {
        return switch (status) {
            case 404, 410 -> StoreFailure.NOT_FOUND;
            case 409, 412 -> StoreFailure.CONFLICT;
            case 400 -> StoreFailure.INVALID;
            case 422 -> StoreFailure.REJECTED;
            case 401 -> CallerToken.current().isPresent() ? StoreFailure.CLINICIAN_REFUSED : StoreFailure.UNAUTHORISED;
            case 403 -> CallerToken.current().isPresent() ? StoreFailure.CALLER_FORBIDDEN : StoreFailure.UNAUTHORISED;
            case 503 -> StoreFailure.UNAVAILABLE;
            case 504 -> StoreFailure.TIMEOUT;
            default -> StoreFailure.BAD_GATEWAY;
        };
    }

    private static StoreFailure forCause(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            // A connect (or pool) timeout sent nothing: the server is unreachable, and a write is known
            // not to have happened, unlike after a read timeout.
            if (t instanceof ConnectTimeoutException) {
                return StoreFailure.UNAVAILABLE;
            }
            if (t instanceof SocketTimeoutException) {
                return StoreFailure.TIMEOUT;
            }
            if (t instanceof HttpHostConnectException || t instanceof ConnectException
                    || t instanceof NoRouteToHostException || t instanceof UnknownHostException) {
                return StoreFailure.UNAVAILABLE;
            }
            if (t instanceof InterruptedIOException) {
                return StoreFailure.TIMEOUT;
            }
        }
        return StoreFailure.UNAVAILABLE;
    }

    private static String describe(StoreFailure failure, Throwable e) {
        return switch (failure) {
            case TIMEOUT -> "FHIR server did not answer in time";
            case UNAVAILABLE -> "FHIR server unreachable (" + rootMessage(e) + ")";
            default -> firstLine(e.getMessage());
        };
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + firstLine(root.getMessage()));
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }
}
