package health.rapport.plugin.sessions;

import health.rapport.plugin.http.OperationFailure;
import health.rapport.plugin.fhir.Canonicals;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.stream.Stream;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.QuestionnaireResponse.QuestionnaireResponseItemAnswerComponent;
import org.hl7.fhir.r4.model.QuestionnaireResponse.QuestionnaireResponseItemComponent;
import org.hl7.fhir.r4.model.QuestionnaireResponse;

/** Rapport's session-record Questionnaire: its canonical and how a response becomes a {@link SessionRecord}. */
public final class SessionRecordForm {

    public static final String URL = Canonicals.QUESTIONNAIRE_SESSION_RECORD;

    private SessionRecordForm() {
    }

    public static boolean isSessionRecord(String questionnaire) {
        return URL.equals(Canonicals.url(questionnaire));
    }

    /**
     * The session a stored response records. Answers the form hides for a session that did not take
     * place (duration, modality, interventions) are refused rather than dropped: a 400 says which.
     */
    public static SessionRecord read(QuestionnaireResponse response) {
        List<QuestionnaireResponseItemComponent> items = response.getItem();
        DateTimeType when = answer(items, "session-date").filter(a -> a.getValue() instanceof DateTimeType)
                .map(a -> (DateTimeType) a.getValue())
                .orElseThrow(() -> OperationFailure.invalid("session-date (a dateTime) is required."));
        if (when.getPrecision().compareTo(ca.uhn.fhir.model.api.TemporalPrecisionEnum.MINUTE) < 0) {
            throw OperationFailure.invalid("session-date needs a time of day, not only a date.");
        }
        Attendance attendance = Attendance.of(codings(items, "attendance").findFirst().orElse(null));
        OptionalInt minutes = answer(items, "minutes").filter(a -> a.getValue() instanceof IntegerType)
                .map(a -> OptionalInt.of(((IntegerType) a.getValue()).getValue())).orElse(OptionalInt.empty());
        Modality modality = Modality.of(codings(items, "modality").findFirst().orElse(null));
        List<Coding> delivered = Stream.of("tasks", "techniques", "interventions")
                .flatMap(linkId -> codings(items, linkId)).toList();
        List<Coding> completed = codings(items, "completed").toList();
        Boolean partnerPresent = answer(items, "partner-present").filter(a -> a.getValue() instanceof org.hl7.fhir.r4.model.BooleanType)
                .map(a -> ((org.hl7.fhir.r4.model.BooleanType) a.getValue()).getValue()).orElse(null);
        String key = "QuestionnaireResponse/" + response.getIdElement().getIdPart();
        return SessionRecords.checked(new SessionRecord(key, when.getValue().toInstant(), attendance, minutes, modality,
                delivered, completed, partnerPresent));
    }

    private static Optional<QuestionnaireResponseItemAnswerComponent> answer(List<QuestionnaireResponseItemComponent> items,
            String linkId) {
        return items.stream().filter(i -> linkId.equals(i.getLinkId())).flatMap(i -> i.getAnswer().stream()).findFirst();
    }

    private static Stream<Coding> codings(List<QuestionnaireResponseItemComponent> items, String linkId) {
        return items.stream().filter(i -> linkId.equals(i.getLinkId())).flatMap(i -> i.getAnswer().stream())
                .filter(a -> a.getValue() instanceof Coding).map(a -> (Coding) a.getValue());
    }
}
