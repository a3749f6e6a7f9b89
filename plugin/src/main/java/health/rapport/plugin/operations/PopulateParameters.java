package health.rapport.plugin.operations;

import health.rapport.plugin.http.OperationFailure;
import health.rapport.plugin.careplan.PopulateRequest;
import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Parameters.ParametersParameterComponent;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.PrimitiveType;
import org.hl7.fhir.r4.model.Questionnaire;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.StringType;

/**
 * Reads SDC {@code $populate} parameters as SDC defines them: {@code questionnaire} as a canonical, a reference or the
 * resource; {@code subject} as a Reference (a string {@code Patient/[id]} is still accepted, as Rapport's panel sent
 * it before); {@code context} parts named after the Questionnaire's launchContext ({@code patient}); {@code local}.
 */
final class PopulateParameters {

    static final String PATIENT_CONTEXT = "patient";

    private PopulateParameters() {
    }

    static PopulateRequest read(IdType instance, ParametersParameterComponent questionnaire,
            ParametersParameterComponent subject, List<ParametersParameterComponent> context, BooleanType local) {
        List<String> notes = new ArrayList<>();
        String canonical = null;
        String reference = null;
        Questionnaire given = null;
        if (questionnaire != null && instance != null && instance.hasIdPart()) {
            notes.add("'questionnaire' was ignored: the operation was called on Questionnaire/" + instance.getIdPart()
                    + ".");
        } else if (questionnaire != null) {
            if (questionnaire.getResource() instanceof Questionnaire q) {
                given = q;
            } else if (questionnaire.getValue() instanceof Reference r && r.hasReference()) {
                reference = r.getReference();
            } else if (questionnaire.getValue() instanceof PrimitiveType<?> p && p.hasValue()
                    && !(p instanceof BooleanType)) {
                canonical = p.getValueAsString().trim();
            } else {
                throw OperationFailure.invalid("questionnaire must be a canonical (valueCanonical), a reference "
                        + "(valueReference) or a Questionnaire resource.");
            }
        }
        String patient = subject == null ? null : patientOf("subject", subject);
        for (ParametersParameterComponent c : context == null ? List.<ParametersParameterComponent>of() : context) {
            String name = c.getPart().stream().filter(p -> "name".equals(p.getName())).findFirst()
                    .map(p -> p.getValue() == null ? null : p.getValue().primitiveValue()).orElse(null);
            ParametersParameterComponent content = c.getPart().stream().filter(p -> "content".equals(p.getName()))
                    .findFirst().orElse(null);
            if (name == null || content == null) {
                throw OperationFailure.invalid("each context needs a 'name' and a 'content' part.");
            }
            if (!PATIENT_CONTEXT.equals(name)) {
                notes.add("context '" + name + "' was ignored: Rapport's questionnaires declare only the launch "
                        + "context 'patient'.");
                continue;
            }
            String fromContext = patientOf("context patient", content);
            if (patient != null && !patient.equals(fromContext)) {
                throw OperationFailure.invalid("subject Patient/" + patient + " and context patient Patient/"
                        + fromContext + " disagree.");
            }
            patient = fromContext;
        }
        if (patient == null) {
            throw OperationFailure.invalid("subject (a Reference to the Patient) is required, or a context named "
                    + "'patient'.");
        }
        if (local != null && local.hasValue() && !local.booleanValue()) {
            notes.add("local=false was not honoured: Rapport always starts from the patient's record on the EHR's "
                    + "FHIR server.");
        }
        String id = instance == null || !instance.hasIdPart() ? null : instance.getIdPart();
        return new PopulateRequest(id, canonical, reference, given, patient, notes);
    }

    private static String patientOf(String what, ParametersParameterComponent part) {
        if (part.getResource() instanceof Patient p && p.getIdElement().hasIdPart()) {
            return OperationParams.id(new StringType(p.getIdElement().getIdPart()), "Patient");
        }
        if (part.getValue() instanceof Reference r && r.hasReference()) {
            return OperationParams.id(new StringType(r.getReference()), "Patient");
        }
        if (part.getValue() instanceof StringType s && s.hasValue()) {
            return OperationParams.id(s, "Patient");
        }
        throw OperationFailure.invalid(what + " must be a Reference to a Patient (valueReference).");
    }
}
