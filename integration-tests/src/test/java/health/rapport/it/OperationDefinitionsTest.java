package health.rapport.it;

import static org.assertj.core.api.Assertions.assertThat;

import health.rapport.sandbox.Sandbox;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.OperationDefinition;
import org.hl7.fhir.r4.model.OperationDefinition.OperationDefinitionParameterComponent;
import org.hl7.fhir.r4.model.OperationDefinition.OperationParameterUse;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Parameters;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Each OperationDefinition Rapport publishes says what its operation accepts, and the operation holds to it: every
 * definition validates against R4 and types each input; an undeclared parameter, a parameter given more often than
 * its {@code max}, or a required one left out is refused with a 400 OperationOutcome before anything runs.
 */
@ExtendWith(SandboxExtension.class)
class OperationDefinitionsTest {

    @Test
    void everyOperationDefinitionValidatesAndTypesItsInputs(Sandbox sandbox) {
        for (OperationDefinition definition : definitions(sandbox)) {
            assertThat(Fhir.errors(definition)).as(definition.getCode()).isEmpty();
            for (OperationDefinitionParameterComponent p : definition.getParameter()) {
                assertThat(p.hasType() || p.hasPart()).as("%s parameter %s has a type", definition.getCode(),
                        p.getName()).isTrue();
                assertThat(p.getMax()).as("%s parameter %s max", definition.getCode(), p.getName()).isNotBlank();
            }
        }
    }

    @Test
    void everyOperationRefusesWhatItsDefinitionDoesNotAllow(Sandbox sandbox) {
        Ehr ehr = new Ehr(sandbox);
        for (OperationDefinition definition : definitions(sandbox)) {
            List<OperationDefinitionParameterComponent> inputs = definition.getParameter().stream()
                    .filter(p -> p.getUse() == OperationParameterUse.IN).toList();
            if (definition.getCode().equals("ipt-import")) {
                continue; // takes the document as the body itself: see ExchangeTest
            }
            String path = path(definition);

            Parameters unknown = required(inputs);
            unknown.addParameter().setName("no-such-parameter").setValue(new org.hl7.fhir.r4.model.BooleanType(true));
            refused(ehr.operation(path, unknown), definition, "no-such-parameter");

            for (OperationDefinitionParameterComponent input : inputs) {
                if (input.getMin() > 0) {
                    Parameters without = required(inputs);
                    without.getParameter().removeIf(p -> p.getName().equals(input.getName()));
                    refused(ehr.operation(path, without), definition, input.getName());
                }
                if (!"*".equals(input.getMax())) {
                    Parameters tooMany = required(inputs);
                    tooMany.getParameter().removeIf(p -> p.getName().equals(input.getName()));
                    for (int i = 0; i <= Integer.parseInt(input.getMax()); i++) {
                        add(tooMany, input);
                    }
                    refused(ehr.operation(path, tooMany), definition, input.getName());
                }
            }
        }
    }

    private static void refused(HttpResponse<String> answer, OperationDefinition definition, String parameter) {
        assertThat(answer.statusCode()).as("%s with %s: %s", definition.getCode(), parameter, answer.body())
                .isEqualTo(400);
        OperationOutcome outcome = Fhir.parse(OperationOutcome.class, answer.body());
        assertThat(outcome.getIssueFirstRep().getDiagnostics()).as(definition.getCode()).contains(parameter);
    }

    /**
     * A body holding one instance of each required input, of the type its definition states (a placeholder value):
     * the refusal under test must come before anything reads the values.
     */
    private static Parameters required(List<OperationDefinitionParameterComponent> inputs) {
        Parameters parameters = new Parameters();
        inputs.stream().filter(p -> p.getMin() > 0).forEach(p -> add(parameters, p));
        return parameters;
    }

    /** Adds one value of {@code definition}'s type (the first allowed type of a choice). */
    private static void add(Parameters parameters, OperationDefinitionParameterComponent definition) {
        Parameters.ParametersParameterComponent p = parameters.addParameter().setName(definition.getName());
        String type = definition.getType();
        if ("Element".equals(type)) {
            type = definition.getExtensionsByUrl(
                    "http://hl7.org/fhir/StructureDefinition/operationdefinition-allowed-type").get(0)
                    .getValue().primitiveValue();
        }
        if (Fhir.CONTEXT.getResourceTypes().contains(type)) {
            p.setResource((org.hl7.fhir.r4.model.Resource) Fhir.CONTEXT.getResourceDefinition(type).newInstance());
            return;
        }
        org.hl7.fhir.r4.model.Type value = (org.hl7.fhir.r4.model.Type) Fhir.CONTEXT.getElementDefinition(type)
                .newInstance();
        if (value instanceof org.hl7.fhir.r4.model.PrimitiveType<?> primitive) {
            primitive.setValueAsString(switch (type) {
                case "date" -> "2026-01-05";
                case "dateTime", "instant" -> "2026-01-05T10:00:00Z";
                case "integer", "positiveInt", "unsignedInt", "decimal" -> "1";
                case "boolean" -> "true";
                case "uri", "url", "canonical" -> "urn:example:placeholder";
                default -> "placeholder";
            });
        } else if (value instanceof org.hl7.fhir.r4.model.Reference reference) {
            reference.setReference("Patient/placeholder");
        } else if (value instanceof org.hl7.fhir.r4.model.Coding coding) {
            coding.setSystem("urn:example:placeholder").setCode("placeholder");
        }
        p.setValue(value);
    }

    private static String path(OperationDefinition definition) {
        String type = definition.getResource().isEmpty() ? null : definition.getResource().get(0).getValue();
        if (type == null) {
            return "$" + definition.getCode();
        }
        return definition.getType() ? type + "/$" + definition.getCode()
                : type + "/no-such-id/$" + definition.getCode();
    }

    static List<OperationDefinition> definitions(Sandbox sandbox) {
        CapabilityStatement statement = Fhir.parse(CapabilityStatement.class,
                Http.get(sandbox.rapportUrl() + "/fhir/metadata").body());
        List<String> references = new ArrayList<>();
        statement.getRestFirstRep().getResource().forEach(r -> r.getOperation().forEach(o -> references.add(o.getDefinition())));
        statement.getRestFirstRep().getOperation().forEach(o -> references.add(o.getDefinition()));
        List<OperationDefinition> out = new ArrayList<>();
        for (String reference : references.stream().distinct().toList()) {
            String path = reference.substring(reference.indexOf("OperationDefinition/"));
            out.add(Fhir.parse(OperationDefinition.class, Http.get(sandbox.rapportUrl() + "/fhir/" + path).body()));
        }
        assertThat(out).hasSizeGreaterThanOrEqualTo(9);
        return out;
    }
}
