package health.rapport.plugin.operations;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import java.util.List;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.OperationDefinition.OperationDefinitionParameterComponent;
import org.hl7.fhir.r4.model.OperationDefinition.OperationParameterUse;
import org.hl7.fhir.r4.model.OperationDefinition;
import org.hl7.fhir.r4.model.UriType;

/**
 * States in the generated OperationDefinition of {@code $populate} what HAPI cannot derive from a Java signature:
 * parameters SDC defines as a choice of types ({@code questionnaire}: canonical, Reference or the resource;
 * {@code context}: parts {@code name} and {@code content}). Their methods take the raw parameter
 * ({@code ParametersParameterComponent}), which HAPI would otherwise publish as that Java class's name.
 */
@Interceptor
final class ChoiceTypedParameters {

    static final String ALLOWED_TYPE = "http://hl7.org/fhir/StructureDefinition/operationdefinition-allowed-type";

    @Hook(Pointcut.SERVER_OUTGOING_RESPONSE)
    public void describe(IBaseResource response) {
        if (!(response instanceof OperationDefinition definition) || !"populate".equals(definition.getCode())) {
            return;
        }
        for (OperationDefinitionParameterComponent p : definition.getParameter()) {
            if (p.getUse() != OperationParameterUse.IN) {
                continue;
            }
            switch (p.getName()) {
                case "questionnaire" -> choice(p, List.of("canonical", "uri", "Reference", "Questionnaire"));
                case "subject" -> {
                    p.setType("Reference").getTargetProfile().clear();
                    p.addTargetProfile("http://hl7.org/fhir/StructureDefinition/Patient");
                }
                case "context" -> {
                    p.setType(null);
                    p.getPart().clear();
                    p.addPart().setName("name").setUse(OperationParameterUse.IN).setMin(1).setMax("1")
                            .setType("string").setDocumentation("the launch context: 'patient'");
                    choice(p.addPart().setName("content").setUse(OperationParameterUse.IN).setMin(1).setMax("1"),
                            List.of("Reference", "Patient"));
                }
                default -> {
                }
            }
        }
    }

    private static void choice(OperationDefinitionParameterComponent p, List<String> types) {
        p.setType("Element");
        p.getExtension().removeIf(e -> ALLOWED_TYPE.equals(e.getUrl()));
        types.forEach(t -> p.addExtension(ALLOWED_TYPE, new UriType(t)));
    }
}
