package health.rapport.plugin.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import health.rapport.fhir.testing.RapportFhir;
import health.rapport.plugin.fhir.Canonicals;
import health.rapport.plugin.measures.Fixtures;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Bundle.BundleType;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Goal;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.hl7.fhir.r4.model.QuestionnaireResponse.QuestionnaireResponseItemComponent;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.RelatedPerson;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.Test;

class InventoryExtractorTest {

    private static final String EXPECTED = "inventory/Bundle-expected-example-maya-inventory.json";

    private final InventoryExtractor extractor = new InventoryExtractor();

    private static QuestionnaireResponse maya() {
        return Fixtures.example("example-maya-inventory");
    }

    @Test
    void theExampleGivesTheExpectedResources() throws IOException {
        Bundle actual = asBundle(extractor.extract(maya()));
        Bundle expected;
        try (InputStream in = getClass().getClassLoader().getResourceAsStream(EXPECTED)) {
            if (in == null) {
                Path out = Path.of("target", EXPECTED);
                Files.createDirectories(out.getParent());
                Files.writeString(out, RapportFhir.context().newJsonParser().setPrettyPrint(true).encodeResourceToString(actual));
                throw new AssertionError(EXPECTED + " is missing; the actual output is in " + out.toAbsolutePath());
            }
            expected = RapportFhir.context().newJsonParser().parseResource(Bundle.class,
                    new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
        assertThat(actual.getEntry()).hasSameSizeAs(expected.getEntry());
        for (int i = 0; i < expected.getEntry().size(); i++) {
            Bundle.BundleEntryComponent e = expected.getEntry().get(i);
            Bundle.BundleEntryComponent a = actual.getEntry().get(i);
            assertThat(a.getFullUrl()).isEqualTo(e.getFullUrl());
            // The parser gives each entry's resource the fullUrl as id; the extractor leaves ids unset.
            Resource expectedResource = e.getResource().copy();
            expectedResource.setId((String) null);
            assertThat(a.getResource().equalsDeep(expectedResource))
                    .as("entry %d (%s)%n%s", i, e.getFullUrl(), encode(a.getResource()))
                    .isTrue();
        }
    }

    @Test
    void theExampleGivesRelationshipsProblemAreasAndGoals() {
        InventoryExtraction x = extractor.extract(maya());

        assertThat(x.relatedPersons()).extracting(p -> p.resource().getNameFirstRep().getText())
                .containsExactly("Daniel", "Grace", "Priya", "Sam");
        assertThat(x.relatedPersons()).extracting(p -> p.resource().getRelationshipFirstRep().getCodingFirstRep().getCode())
                .containsExactly("HUSB", "MTH", "colleague", "FRND");
        assertThat(x.relationshipObservations()).hasSize(4);
        assertThat(x.ratingObservations()).extracting(o -> o.resource().getCode().getCodingFirstRep().getCode())
                .containsExactly("communication-assertiveness", "communication-expressiveness", "communication-responsiveness",
                        "emotion-recognition", "emotion-expression", "emotion-regulation");
        assertThat(x.conditions()).extracting(c -> c.resource().getCode().getCodingFirstRep().getCode())
                .containsExactly("role-dispute", "role-transition");
        assertThat(x.primaryProblemArea()).hasValueSatisfying(p -> assertThat(p.code()).isEqualTo("role-dispute"));
        assertThat(x.secondaryProblemArea()).hasValueSatisfying(p -> assertThat(p.code()).isEqualTo("role-transition"));
        assertThat(x.disputeStage()).map(Coding::getCode).contains("renegotiation");
        assertThat(x.secondaryProblemArea().orElseThrow().disputeStage()).isEmpty();
        assertThat(x.contractedSessions()).hasValue(16);
        assertThat(x.goals()).extracting(g -> g.resource().getDescription().getText()).containsExactly(
                "Talk with Daniel about sharing childcare without the conversation turning into a row",
                "Find a way of being a working mother that feels manageable");
        assertThat(x.all()).hasSize(4 + 4 + 6 + 2 + 2);
    }

    @Test
    void everyExtractedResourceValidatesAgainstRapportsProfiles() {
        extractor.extract(maya()).all().forEach(e -> Fixtures.assertValid(e.resource()));
    }

    @Test
    void theHusbandMatchesTheShippedExamples() {
        InventoryExtraction x = extractor.extract(maya());
        RelatedPerson daniel = x.relatedPersons().get(0).resource();
        RelatedPerson example = Fixtures.shippedExample("RelatedPerson-example-maya-husband.json", RelatedPerson.class);
        assertThat(daniel.getPatient().equalsDeep(example.getPatient())).isTrue();
        assertThat(daniel.getRelationship().get(0).equalsDeep(example.getRelationship().get(0))).isTrue();
        assertThat(daniel.getNameFirstRep().getText()).isEqualTo(example.getNameFirstRep().getText());

        Observation relationship = x.relationshipObservations().get(0).resource();
        Observation exampleObs = Fixtures.shippedExample("Observation-example-maya-relationship-husband.json", Observation.class);
        assertThat(relationship.getComponent()).extracting(c -> c.getCode().getCodingFirstRep().getCode())
                .containsExactlyElementsOf(exampleObs.getComponent().stream()
                        .map(c -> c.getCode().getCodingFirstRep().getCode()).toList());
        for (int i = 0; i < exampleObs.getComponent().size(); i++) {
            var expected = exampleObs.getComponent().get(i).getValue();
            var actual = relationship.getComponent().get(i).getValue();
            assertThat(actual.primitiveValue() != null ? actual.primitiveValue()
                    : ((org.hl7.fhir.r4.model.CodeableConcept) actual).getCodingFirstRep().getCode())
                    .isEqualTo(expected.primitiveValue() != null ? expected.primitiveValue()
                            : ((org.hl7.fhir.r4.model.CodeableConcept) expected).getCodingFirstRep().getCode());
        }
        assertThat(relationship.getPerformerFirstRep().getReference()).isEqualTo("Practitioner/example-therapist");
        assertThat(relationship.getEffectiveDateTimeType().getValueAsString()).isEqualTo("2026-03-09T10:00:00Z");
    }

    @Test
    void referencesBetweenNewResourcesUseTheirFullUrls() {
        InventoryExtraction x = extractor.extract(maya());
        Set<String> people = x.relatedPersons().stream().map(Extracted::fullUrl).collect(Collectors.toSet());
        Set<String> conditions = x.conditions().stream().map(Extracted::fullUrl).collect(Collectors.toSet());

        for (int i = 0; i < 4; i++) {
            assertThat(x.relationshipObservations().get(i).resource().getFocusFirstRep().getReference())
                    .isEqualTo(x.relatedPersons().get(i).fullUrl());
        }
        assertThat(people).allMatch(u -> u.startsWith("urn:uuid:"));
        for (Extracted<Goal> g : x.goals()) {
            assertThat(g.resource().getAddresses()).extracting(Reference::getReference).containsExactlyInAnyOrderElementsOf(conditions);
        }
        assertThat(x.primaryProblemArea().orElseThrow().conditionFullUrl()).isEqualTo(x.conditions().get(0).fullUrl());
        for (Extracted<Condition> c : x.conditions()) {
            assertThat(c.resource().getEvidenceFirstRep().getDetailFirstRep().getReference())
                    .isEqualTo("QuestionnaireResponse/example-maya-inventory");
        }
    }

    @Test
    void identifiersAndFullUrlsAreTheSameEachTimeAndForEveryVersion() {
        InventoryExtraction first = extractor.extract(maya());
        InventoryExtraction again = extractor.extract(maya());
        QuestionnaireResponse amended = maya();
        amended.getMeta().setVersionId("2");
        InventoryExtraction second = extractor.extract(amended);

        assertThat(again.all()).extracting(Extracted::fullUrl).containsExactlyElementsOf(first.all().stream().map(Extracted::fullUrl).toList());
        assertThat(first.all()).extracting(e -> e.identifier().getValue()).doesNotHaveDuplicates();
        assertThat(first.all()).extracting(e -> e.identifier().getSystem()).containsOnly(Canonicals.IDENTIFIER_SYSTEM);
        assertThat(first.relatedPersons().get(1).identifier().getValue())
                .isEqualTo("QuestionnaireResponse/example-maya-inventory/relationships[0]/relationship.person=grace");
        assertThat(first.relationshipObservations().get(1).identifier().getValue())
                .isEqualTo("QuestionnaireResponse/example-maya-inventory/relationships[0]/relationship.person=grace/relationship.quality[0]");
        // An amended version names the same results, so that it revises them instead of adding a second set.
        assertThat(second.all()).extracting(Extracted::fullUrl).containsExactlyElementsOf(first.all().stream().map(Extracted::fullUrl).toList());
    }

    @Test
    void everyResourceIsLabelledAndNoSensitiveFreeTextLeavesTheResponse() {
        QuestionnaireResponse qr = maya();
        InventoryExtraction x = extractor.extract(qr);
        List<String> kept = new ArrayList<>(List.of("Daniel", "Grace", "Priya", "Sam"));
        x.goals().forEach(g -> kept.add(g.resource().getDescription().getText()));
        List<String> freeText = strings(qr.getItem()).stream().filter(s -> !kept.contains(s)).toList();
        assertThat(freeText).hasSizeGreaterThan(30);

        for (Extracted<? extends Resource> e : x.all()) {
            assertThat(e.resource().getMeta().getSecurity()).extracting(Coding::getCode).contains("MH", "R");
            String json = encode(e.resource());
            assertThat(freeText).noneMatch(json::contains);
        }
    }

    @Test
    void aDisputeStageIsOnlyRecordedForARoleDispute() {
        QuestionnaireResponse qr = maya();
        QuestionnaireResponseItemComponent primary = group(group(qr.getItem(), "formulation").getItem(), "formulation.primary");
        group(primary.getItem(), "formulation.primary.problem-area").getAnswerFirstRep()
                .setValue(new Coding(Canonicals.CS_PROBLEM_AREA, "grief", null));

        InventoryExtraction x = extractor.extract(qr);

        assertThat(x.disputeStage()).isEmpty();
        assertThat(x.conditions().get(0).resource().hasExtension(Canonicals.EXT_DISPUTE_STAGE)).isFalse();
        Fixtures.assertValid(x.conditions().get(0).resource());
    }

    @Test
    void anInventoryWithoutFormulationYieldsNoConditionOrGoal() {
        QuestionnaireResponse qr = maya();
        qr.getItem().removeIf(i -> "formulation".equals(i.getLinkId()));

        InventoryExtraction x = extractor.extract(qr);

        assertThat(x.conditions()).isEmpty();
        assertThat(x.goals()).isEmpty();
        assertThat(x.primaryProblemArea()).isEmpty();
        assertThat(x.contractedSessions()).isEmpty();
        assertThat(x.relatedPersons()).hasSize(4);
    }

    @Test
    void refusesWhatCannotBeExtracted() {
        assertThatThrownBy(() -> extractor.extract(Fixtures.example("example-maya-phq9-baseline")))
                .isInstanceOf(InvalidInventoryException.class).hasMessageContaining("phq-9");

        QuestionnaireResponse noSubject = maya();
        noSubject.setSubject(new Reference("Group/1"));
        noSubject.setAuthored(null);
        assertThatThrownBy(() -> extractor.extract(noSubject))
                .isInstanceOfSatisfying(InvalidInventoryException.class, e -> assertThat(e.problems()).hasSize(2));

        QuestionnaireResponse focusWithoutArea = maya();
        group(group(focusWithoutArea.getItem(), "formulation").getItem(), "formulation.primary").getItem().clear();
        group(group(focusWithoutArea.getItem(), "formulation").getItem(), "formulation.secondary").getItem().clear();
        assertThatThrownBy(() -> extractor.extract(focusWithoutArea)).hasMessageContaining("agreed focus needs a problem area");

        QuestionnaireResponse unlabelled = maya();
        QuestionnaireResponseItemComponent daniel = group(group(unlabelled.getItem(), "relationships").getItem(), "relationship");
        daniel.getItem().removeIf(i -> "relationship.person".equals(i.getLinkId()));
        assertThatThrownBy(() -> extractor.extract(unlabelled)).hasMessageContaining("relationship 1 has no person label");

        QuestionnaireResponse foreignArea = maya();
        group(group(group(foreignArea.getItem(), "formulation").getItem(), "formulation.primary").getItem(),
                "formulation.primary.problem-area").getAnswerFirstRep().setValue(new Coding("http://snomed.info/sct", "35489007", null));
        assertThatThrownBy(() -> extractor.extract(foreignArea)).hasMessageContaining("formulation.primary.problem-area is not from");

        QuestionnaireResponse unsaved = maya();
        unsaved.getMeta().setVersionId(null);
        assertThatThrownBy(() -> extractor.extract(unsaved)).hasMessageContaining("meta.versionId");
    }

    private static QuestionnaireResponseItemComponent group(List<QuestionnaireResponseItemComponent> items, String linkId) {
        return items.stream().filter(i -> linkId.equals(i.getLinkId())).findFirst().orElseThrow();
    }

    private static List<String> strings(List<QuestionnaireResponseItemComponent> items) {
        List<String> out = new ArrayList<>();
        for (QuestionnaireResponseItemComponent i : items) {
            i.getAnswer().stream().filter(a -> a.hasValueStringType()).forEach(a -> out.add(a.getValueStringType().getValue()));
            out.addAll(strings(i.getItem()));
        }
        return out;
    }

    static Bundle asBundle(InventoryExtraction x) {
        Bundle b = new Bundle().setType(BundleType.COLLECTION);
        x.all().forEach(e -> b.addEntry().setFullUrl(e.fullUrl()).setResource(e.resource()));
        return b;
    }

    private static String encode(Resource r) {
        return RapportFhir.context().newJsonParser().encodeResourceToString(r);
    }
}
