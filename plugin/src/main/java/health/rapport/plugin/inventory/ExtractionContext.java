package health.rapport.plugin.inventory;

import health.rapport.plugin.fhir.Canonicals;
import health.rapport.plugin.fhir.ChartTimes;
import health.rapport.plugin.fhir.PrivacyLabels;
import health.rapport.plugin.measures.SourceResponse;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.Goal;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Observation.ObservationStatus;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.RelatedPerson;
import org.hl7.fhir.r4.model.Resource;

/** What every resource extracted from one response shares: its source, subject, time, labels and identity. */
final class ExtractionContext {

    // Who may perform an Observation or record a Condition; the author may also be a Device or Organization.
    private static final Set<String> CLINICAL_ACTORS = Set.of("Practitioner", "PractitionerRole", "Patient", "RelatedPerson");

    private final QuestionnaireResponse response;
    private final SourceResponse source;

    ExtractionContext(QuestionnaireResponse response, SourceResponse source) {
        this.response = response;
        this.source = source;
    }

    Reference subject() {
        return response.getSubject().copy();
    }

    Reference sourceReference() {
        return source.reference();
    }

    DateTimeType authored() {
        return new DateTimeType(response.getAuthoredElement().getValueAsString());
    }

    /** The calendar date of authoring, in the time zone it was written in. */
    DateType authoredDate() {
        DateTimeType authored = response.getAuthoredElement();
        return new DateType(ChartTimes.day(authored));
    }

    /** The clinician (usually) who completed the Inventory, when it may be a performer or recorder. */
    Optional<Reference> author() {
        Reference author = response.getAuthor();
        String type = author.getReferenceElement().getResourceType();
        return author.hasReference() && type != null && CLINICAL_ACTORS.contains(type)
                ? Optional.of(author.copy())
                : Optional.empty();
    }

    // A form still in progress gives preliminary Observations; completed and amended ones final ones.
    ObservationStatus observationStatus() {
        return switch (response.getStatus()) {
            case COMPLETED, AMENDED -> ObservationStatus.FINAL;
            default -> ObservationStatus.PRELIMINARY;
        };
    }

    CodeableConcept surveyCategory() {
        return new CodeableConcept(new Coding(Canonicals.OBSERVATION_CATEGORY, "survey", "Survey"));
    }

    /**
     * Labels the resource, gives it the identifier of {@code path} (linkId path with repetition
     * indices) and a fullUrl derived from that identifier (a name-based UUID). The identifier leaves out
     * the response's version, so an amended version names the same results and revises them.
     */
    <T extends Resource> Extracted<T> extracted(String path, T resource) {
        Identifier identifier = source.stableIdentifier(path);
        if (resource instanceof RelatedPerson r) {
            r.addIdentifier(identifier);
        } else if (resource instanceof Observation o) {
            o.addIdentifier(identifier);
        } else if (resource instanceof Condition c) {
            c.addIdentifier(identifier);
        } else if (resource instanceof Goal g) {
            g.addIdentifier(identifier);
        } else {
            throw new IllegalArgumentException("not an Inventory resource: " + resource.fhirType());
        }
        PrivacyLabels.clinical(resource);
        String key = identifier.getSystem() + "|" + identifier.getValue();
        String fullUrl = "urn:uuid:" + UUID.nameUUIDFromBytes(key.getBytes(StandardCharsets.UTF_8));
        return new Extracted<>(fullUrl, identifier.copy(), resource);
    }

    /** The path segment of the {@code index}-th repetition of {@code linkId}. */
    static String step(String linkId, int index) {
        return linkId + "[" + index + "]";
    }
}
