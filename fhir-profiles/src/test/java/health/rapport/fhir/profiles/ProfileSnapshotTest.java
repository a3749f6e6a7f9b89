package health.rapport.fhir.profiles;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.support.DefaultProfileValidationSupport;
import ca.uhn.fhir.context.support.ValidationSupportContext;
import health.rapport.fhir.testing.ContentFile;
import health.rapport.fhir.testing.RapportContent;
import health.rapport.fhir.testing.RapportFhir;
import java.util.List;
import org.hl7.fhir.common.hapi.validation.support.PrePopulatedValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.SnapshotGeneratingValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.ValidationSupportChain;
import org.hl7.fhir.r4.model.ElementDefinition;
import org.hl7.fhir.r4.model.StructureDefinition;
import org.junit.jupiter.api.Test;

/** Every Rapport profile and extension is differential-only; its snapshot must generate and keep every constraint. */
class ProfileSnapshotTest {

  @Test
  void everyStructureDefinitionGeneratesASnapshotWithItsDifferential() {
    var ctx = RapportFhir.context();
    PrePopulatedValidationSupport ours = new PrePopulatedValidationSupport(ctx);
    List<StructureDefinition> sds = RapportContent.classpathContent().stream().map(ContentFile::resource)
        .filter(StructureDefinition.class::isInstance).map(StructureDefinition.class::cast).toList();
    sds.forEach(ours::addStructureDefinition);
    ValidationSupportChain chain = new ValidationSupportChain(new DefaultProfileValidationSupport(ctx), ours,
        new SnapshotGeneratingValidationSupport(ctx));
    assertThat(sds).hasSizeGreaterThanOrEqualTo(15);
    for (StructureDefinition sd : sds) {
      StructureDefinition copy = sd.copy();
      StructureDefinition out = (StructureDefinition) chain.generateSnapshot(new ValidationSupportContext(chain), copy,
          sd.getUrl(), RapportFhir.CANONICAL_BASE, "Rapport");
      assertThat(out).as(sd.getUrl()).isNotNull();
      List<String> ids = out.getSnapshot().getElement().stream().map(ElementDefinition::getId).toList();
      for (ElementDefinition d : sd.getDifferential().getElement()) {
        assertThat(ids).as("snapshot of %s contains %s", sd.getUrl(), d.getId()).contains(d.getId());
        for (ElementDefinition.ElementDefinitionConstraintComponent c : d.getConstraint()) {
          ElementDefinition s = out.getSnapshot().getElement().get(ids.indexOf(d.getId()));
          assertThat(s.getConstraint()).as("constraint %s in snapshot of %s", c.getKey(), sd.getUrl())
              .anyMatch(x -> x.getKey().equals(c.getKey()));
        }
      }
    }
  }
}
