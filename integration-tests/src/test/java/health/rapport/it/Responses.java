package health.rapport.it;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Date;
import java.util.List;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.hl7.fhir.r4.model.QuestionnaireResponse.QuestionnaireResponseItemComponent;
import org.hl7.fhir.r4.model.Reference;

/** QuestionnaireResponses as a patient fills them: the shipped examples, for a test patient. */
final class Responses {

    private static final List<String> PHQ9_ITEMS = List.of("44250-9", "44255-8", "44259-0", "44254-1", "44251-7",
            "44258-2", "44252-5", "44253-3", "44260-8");
    private static final List<String> ANSWERS = List.of("LA6568-5", "LA6569-3", "LA6570-1", "LA6571-9");

    private Responses() {
    }

    /** The example Inventory (role dispute with the partner), for {@code patient}. */
    static QuestionnaireResponse inventory(String patient) {
        return forPatient(example("QuestionnaireResponse-example-maya-inventory.json"), patient, new Date());
    }

    /** The example relapse-prevention plan, agreed with {@code patient}. */
    static QuestionnaireResponse relapsePlan(String patient) {
        return forPatient(example("QuestionnaireResponse-example-maya-relapse-plan.json"), patient, new Date());
    }

    /** A PHQ-9 with these nine item answers (0–3), authored at {@code authored}. */
    static QuestionnaireResponse phq9(String patient, Date authored, int... answers) {
        QuestionnaireResponse response = forPatient(example("QuestionnaireResponse-example-maya-phq9-baseline.json"),
                patient, authored);
        for (int i = 0; i < PHQ9_ITEMS.size(); i++) {
            QuestionnaireResponseItemComponent item = find(response.getItem(), PHQ9_ITEMS.get(i));
            item.getAnswer().clear();
            int value = answers[i];
            item.addAnswer().setValue(new Coding("http://loinc.org", ANSWERS.get(value), null));
        }
        return response;
    }

    private static QuestionnaireResponse forPatient(QuestionnaireResponse response, String patient, Date authored) {
        response.setId((String) null);
        response.setSubject(new Reference("Patient/" + patient));
        response.setAuthor(new Reference("Patient/" + patient));
        response.setSource(new Reference("Patient/" + patient));
        response.setAuthored(authored);
        return response;
    }

    /** The item with {@code linkId}, wherever it is nested. */
    static QuestionnaireResponseItemComponent item(QuestionnaireResponse response, String linkId) {
        return find(response.getItem(), linkId);
    }

    private static QuestionnaireResponseItemComponent find(List<QuestionnaireResponseItemComponent> items, String linkId) {
        for (QuestionnaireResponseItemComponent item : items) {
            if (linkId.equals(item.getLinkId())) {
                return item;
            }
            QuestionnaireResponseItemComponent nested = find(item.getItem(), linkId);
            if (nested != null) {
                return nested;
            }
        }
        return null;
    }

    private static QuestionnaireResponse example(String name) {
        try (InputStream in = Responses.class.getResourceAsStream("/rapport/examples/" + name)) {
            return Fhir.CONTEXT.newJsonParser().parseResource(QuestionnaireResponse.class, in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
