package health.rapport.plugin.careplan;

import health.rapport.plugin.http.OperationFailure;
import health.rapport.plugin.store.ChartStore;
import health.rapport.plugin.store.ChartStoreException;
import health.rapport.plugin.store.StoreFailure;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Resource;

/**
 * The chart reads and writes every operation shares, with the answers their clients get: a
 * missing resource is a 404 naming it; a stale version (the clinician's If-Match, or a
 * concurrent change caught by the FHIR server) is a 409 asking to reload.
 */
public final class ChartWrites {

    private ChartWrites() {
    }

    /** Reads {@code type/id}, or refuses with 404 (or {@code status}) when it does not exist. */
    public static <T extends Resource> T require(ChartStore store, Class<T> type, String id, int status) {
        try {
            return store.read(type, id);
        } catch (ChartStoreException e) {
            if (e.failure() == StoreFailure.NOT_FOUND) {
                throw new OperationFailure(status,
                        type.getSimpleName() + "/" + id + " does not exist on the FHIR server.");
            }
            throw e;
        }
    }

    public static <T extends Resource> T require(ChartStore store, Class<T> type, String id) {
        return require(store, type, id, 404);
    }

    /** Refuses when the clinician saw another version than the one just read. */
    static void requireVersion(Resource current, String expectedVersion) {
        String version = current.getMeta().getVersionId();
        if (expectedVersion != null && !expectedVersion.equals(version)) {
            throw OperationFailure.conflict(current.getIdElement().toUnqualifiedVersionless().getValue()
                    + " has changed since version " + expectedVersion + " (now " + version
                    + "); reload it and try again.");
        }
    }

    /** Runs a transaction whose updates carry If-Match; a lost race is a 409 for the client. */
    public static Bundle commit(ChartStore store, Bundle transaction, String what) {
        try {
            return store.transaction(transaction);
        } catch (ChartStoreException e) {
            if (e.failure() == StoreFailure.CONFLICT) {
                throw OperationFailure.conflict(what + " was changed by someone else meanwhile; reload it and try again.");
            }
            throw e;
        }
    }
}
