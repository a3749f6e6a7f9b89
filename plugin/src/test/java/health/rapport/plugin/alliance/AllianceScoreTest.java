package health.rapport.plugin.alliance;

import static org.assertj.core.api.Assertions.assertThat;

import health.rapport.fhir.testing.RapportContent;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DecimalType;
import org.junit.jupiter.api.Test;

class AllianceScoreTest {

    @Test
    void theWeightsAreTheShippedCodeSystemsOrdinalValues() {
        CodeSystem agreement = RapportContent.load(RapportContent.CONTENT, "CodeSystem-feedback-agreement.json", CodeSystem.class);
        Map<String, Integer> shipped = agreement.getConcept().stream().collect(Collectors.toMap(
                CodeSystem.ConceptDefinitionComponent::getCode,
                c -> ((DecimalType) c.getExtensionByUrl("http://hl7.org/fhir/StructureDefinition/ordinalValue").getValue())
                        .getValue().intValueExact()));
        assertThat(AllianceScore.WEIGHTS).isEqualTo(shipped);
        assertThat(agreement.getUrl()).isEqualTo(AllianceScore.AGREEMENT_SYSTEM);
    }

    @Test
    void threeRatingsAreSummedAndAMissingOneGivesNoScore() {
        assertThat(AllianceScore.of(List.of(rating("completely"), rating("mostly"), rating("not-at-all")))).hasValue(7);
        assertThat(AllianceScore.of(List.of(rating("completely"), rating("completely"), rating("completely")))).hasValue(12);
        assertThat(AllianceScore.of(List.of(rating("completely"), rating("mostly")))).isEmpty();
        assertThat(AllianceScore.of(List.of(rating("completely"), rating("mostly"), new Coding("urn:other", "mostly", null))))
                .isEmpty();
    }

    private static Coding rating(String code) {
        return new Coding(AllianceScore.AGREEMENT_SYSTEM, code, null);
    }
}
