package health.rapport.plugin.inventory;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Goal;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.RelatedPerson;
import org.hl7.fhir.r4.model.Resource;

/**
 * What one Interpersonal Inventory response yields: the resources for one transaction (each with a
 * {@code urn:uuid:} fullUrl and a deterministic identifier), and the formulation facts the CarePlan
 * takes.
 *
 * @param relatedPersons one per relationship repetition
 * @param relationshipObservations one per relationship with at least one rated quality; focus is
 *     the matching RelatedPerson
 * @param ratingObservations the communication and emotion ratings (observationExtract items)
 * @param conditions the problem-area Conditions, primary first
 * @param goals one per agreed focus, addressing the Conditions
 * @param primaryProblemArea the primary problem area, when the formulation has one
 * @param secondaryProblemArea the optional secondary problem area
 * @param contractedSessions the contracted number of sessions, when answered
 */
public record InventoryExtraction(
        List<Extracted<RelatedPerson>> relatedPersons,
        List<Extracted<Observation>> relationshipObservations,
        List<Extracted<Observation>> ratingObservations,
        List<Extracted<Condition>> conditions,
        List<Extracted<Goal>> goals,
        Optional<ProblemArea> primaryProblemArea,
        Optional<ProblemArea> secondaryProblemArea,
        OptionalInt contractedSessions) {

    public InventoryExtraction {
        relatedPersons = List.copyOf(relatedPersons);
        relationshipObservations = List.copyOf(relationshipObservations);
        ratingObservations = List.copyOf(ratingObservations);
        conditions = List.copyOf(conditions);
        goals = List.copyOf(goals);
        Objects.requireNonNull(primaryProblemArea, "primaryProblemArea");
        Objects.requireNonNull(secondaryProblemArea, "secondaryProblemArea");
        Objects.requireNonNull(contractedSessions, "contractedSessions");
    }

    /** The dispute stage of the primary problem area (role dispute only). */
    public Optional<Coding> disputeStage() {
        return primaryProblemArea.flatMap(ProblemArea::disputeStage);
    }

    /** The chosen problem areas, primary first. */
    public List<ProblemArea> problemAreas() {
        List<ProblemArea> out = new ArrayList<>(2);
        primaryProblemArea.ifPresent(out::add);
        secondaryProblemArea.ifPresent(out::add);
        return out;
    }

    /** Every resource in an order fit for a transaction Bundle: referenced resources first. */
    public List<Extracted<? extends Resource>> all() {
        List<Extracted<? extends Resource>> out = new ArrayList<>();
        out.addAll(relatedPersons);
        out.addAll(relationshipObservations);
        out.addAll(ratingObservations);
        out.addAll(conditions);
        out.addAll(goals);
        return out;
    }
}
