package health.rapport.plugin.sessions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import health.rapport.fhir.testing.RapportContent;
import health.rapport.plugin.http.OperationFailure;
import java.time.Instant;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.junit.jupiter.api.Test;

class SessionRecordFormTest {

    static QuestionnaireResponse fixture(String id) {
        return RapportContent.fixture("sessions/QuestionnaireResponse-" + id + ".json", QuestionnaireResponse.class);
    }

    @Test
    void anAttendedSessionCarriesItsTimeLengthModalityAndWhatWasDone() {
        SessionRecord record = SessionRecordForm.read(fixture("session-attended"));
        assertThat(record.key()).isEqualTo("QuestionnaireResponse/session-attended");
        assertThat(record.start()).isEqualTo(Instant.parse("2026-11-16T09:00:00Z"));
        assertThat(record.attendance()).isEqualTo(Attendance.ATTENDED);
        assertThat(record.minutes()).hasValue(50);
        assertThat(record.modality()).isEqualTo(Modality.VIDEO);
        assertThat(record.used()).extracting(Coding::getCode).containsExactly("psychoeducation-sick-role", "clarification",
                "communication-analysis", "empathic-reflection");
        assertThat(record.completed()).extracting(Coding::getCode).containsExactly("psychoeducation-sick-role");
        assertThat(record.fingerprint()).isEqualTo(SessionRecordForm.read(fixture("session-attended")).fingerprint());
    }

    @Test
    void aMissedSessionHasNoLengthAndNoInterventions() {
        SessionRecord record = SessionRecordForm.read(fixture("session-did-not-attend"));
        assertThat(record.attendance()).isEqualTo(Attendance.DID_NOT_ATTEND);
        assertThat(record.attendance().status().toCode()).isEqualTo("cancelled");
        assertThat(record.minutes()).isEmpty();
        assertThat(record.used()).isEmpty();
    }

    @Test
    void contradictoryOrIncompleteRecordsAreRefusedWithA400() {
        assertRefused("session-missed-with-minutes", "has no duration and no interventions");
        assertRefused("session-day-only", "needs a time of day");
        assertRefused("session-no-attendance", "attendance must be a code of");
    }

    @Test
    void onlyRapportsSessionRecordCanonicalIsASessionRecord() {
        assertThat(SessionRecordForm.isSessionRecord("https://rapport-ipt.org/fhir/Questionnaire/session-record|0.1.0")).isTrue();
        assertThat(SessionRecordForm.isSessionRecord("https://rapport-ipt.org/fhir/Questionnaire/session-feedback")).isFalse();
        assertThat(SessionRecordForm.isSessionRecord(null)).isFalse();
    }

    private static void assertRefused(String fixture, String words) {
        assertThatThrownBy(() -> SessionRecordForm.read(fixture(fixture))).isInstanceOf(OperationFailure.class)
                .hasMessageContaining(words).satisfies(e -> assertThat(((OperationFailure) e).status()).isEqualTo(400));
    }
}
