package health.rapport.plugin.careplan;

import java.util.List;
import org.hl7.fhir.r4.model.Questionnaire;

/**
 * An SDC {@code $populate} request, read from its parameters: which Questionnaire (exactly one of an id on the
 * EHR's FHIR server or in Rapport's package, a canonical, a reference, or the resource itself), for which patient,
 * and what the reader noticed but did not use (reported back as {@code issues}).
 *
 * @param questionnaireId the instance-level id ({@code Questionnaire/{id}/$populate}), or null
 * @param canonical       {@code url} or {@code url|version}, or null
 * @param reference       a {@code Questionnaire/{id}} reference to the EHR's FHIR server, or null
 * @param given           the Questionnaire sent inline, or null
 * @param patientId       the subject Patient's id
 * @param notes           warnings about parameters that were ignored
 */
public record PopulateRequest(String questionnaireId, String canonical, String reference, Questionnaire given,
        String patientId, List<String> notes) {

    public PopulateRequest {
        notes = List.copyOf(notes);
    }
}
