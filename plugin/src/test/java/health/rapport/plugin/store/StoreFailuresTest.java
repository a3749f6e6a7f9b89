package health.rapport.plugin.store;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.rest.client.exceptions.FhirClientConnectionException;
import ca.uhn.fhir.rest.server.exceptions.InternalErrorException;
import ca.uhn.fhir.rest.server.exceptions.PreconditionFailedException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import ca.uhn.fhir.rest.server.exceptions.ResourceVersionConflictException;
import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import java.net.SocketTimeoutException;
import org.apache.http.conn.HttpHostConnectException;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.junit.jupiter.api.Test;

class StoreFailuresTest {

    @Test
    void staleVersionIsAConflictWhetherTheServerSays409Or412() {
        assertThat(StoreFailures.translate("update", new ResourceVersionConflictException("stale")).failure())
                .isEqualTo(StoreFailure.CONFLICT);
        assertThat(StoreFailures.translate("update", new PreconditionFailedException("stale")).failure())
                .isEqualTo(StoreFailure.CONFLICT);
    }

    @Test
    void connectionRefusedIsUnavailableNotAServerError() {
        FhirClientConnectionException refused = new FhirClientConnectionException(
                new HttpHostConnectException(new java.net.ConnectException("Connection refused"), null));

        ChartStoreException translated = StoreFailures.translate("read", refused);

        assertThat(translated.failure()).isEqualTo(StoreFailure.UNAVAILABLE);
        assertThat(translated.failure().httpStatus()).isEqualTo(503);
        assertThat(translated.serverStatus()).isZero();
        assertThat(translated.getMessage()).startsWith("read: FHIR server unreachable");
    }

    @Test
    void readTimeoutIsATimeout() {
        ChartStoreException translated = StoreFailures.translate("search",
                new FhirClientConnectionException(new SocketTimeoutException("Read timed out")));

        assertThat(translated.failure()).isEqualTo(StoreFailure.TIMEOUT);
        assertThat(translated.failure().httpStatus()).isEqualTo(504);
    }

    @Test
    void connectTimeoutSentNothingSoTheServerIsUnavailable() {
        ChartStoreException translated = StoreFailures.translate("transaction",
                new FhirClientConnectionException(new org.apache.http.conn.ConnectTimeoutException("connect timed out")));

        assertThat(translated.failure()).isEqualTo(StoreFailure.UNAVAILABLE);
        assertThat(translated.getMessage()).startsWith("transaction: FHIR server unreachable");
    }

    @Test
    void serverRefusalKeepsItsOperationOutcome() {
        OperationOutcome outcome = new OperationOutcome();
        outcome.addIssue().setSeverity(OperationOutcome.IssueSeverity.ERROR).setDiagnostics("bad reference");

        ChartStoreException translated = StoreFailures.translate("transaction",
                new UnprocessableEntityException("invalid", outcome));

        assertThat(translated.failure()).isEqualTo(StoreFailure.REJECTED);
        assertThat(translated.serverStatus()).isEqualTo(422);
        assertThat(translated.serverOutcome()).containsSame(outcome);
    }

    @Test
    void statusesMapToWhatRapportAnswersItsOwnClients() {
        assertThat(StoreFailures.translate("read", new ResourceNotFoundException("x")).failure())
                .isEqualTo(StoreFailure.NOT_FOUND);
        assertThat(StoreFailures.translate("read", new InternalErrorException("boom")).failure().httpStatus())
                .isEqualTo(502);
        assertThat(StoreFailures.forStatus(401)).isEqualTo(StoreFailure.UNAUTHORISED);
        assertThat(StoreFailures.forStatus(503)).isEqualTo(StoreFailure.UNAVAILABLE);
        assertThat(StoreFailures.forStatus(504)).isEqualTo(StoreFailure.TIMEOUT);
        assertThat(StoreFailures.forStatus(302)).isEqualTo(StoreFailure.BAD_GATEWAY);
    }

    @Test
    void aCallersRefusalKeepsItsMeaning() {
        assertThat(StoreFailures.forStatus(400).httpStatus()).isEqualTo(400);
        assertThat(StoreFailures.forStatus(422).httpStatus()).isEqualTo(422);
        assertThat(StoreFailures.forStatus(403)).isEqualTo(StoreFailure.UNAUTHORISED);
        try (CallerToken.Scope caller = CallerToken.bind("t", java.util.Optional.empty())) {
            assertThat(StoreFailures.forStatus(401)).isEqualTo(StoreFailure.CLINICIAN_REFUSED);
            assertThat(StoreFailures.forStatus(401).httpStatus()).isEqualTo(401);
            assertThat(StoreFailures.forStatus(403)).isEqualTo(StoreFailure.CALLER_FORBIDDEN);
            assertThat(StoreFailures.forStatus(403).httpStatus()).isEqualTo(403);
        }
    }
}
