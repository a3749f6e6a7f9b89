package health.rapport.plugin.measures;

import health.rapport.plugin.fhir.Canonicals;
import health.rapport.plugin.fhir.PrivacyLabels;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Observation.ObservationStatus;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.hl7.fhir.r4.model.Reference;

/**
 * Builds the score Observations (profile ipt-score-observation) of a scored response: the total
 * when the response is complete, and PHQ-9 item 9 as an Observation of its own whenever it was
 * answered, so the safety answer reaches the chart even from an incomplete form.
 */
public final class ScoreObservations {

    // Who may be Observation.performer; a response's source or author may also be a Device or Organization.
    private static final Set<String> PERFORMER_TYPES = Set.of("Patient", "Practitioner", "PractitionerRole", "RelatedPerson");

    /**
     * The item-9 Observation alone, recorded before anything else is done with a PHQ-9 response.
     * Its time is the response's authored time, else when the server stored it.
     */
    public Observation item9(QuestionnaireResponse response, int weight) {
        SourceResponse source = SourceResponse.of(response);
        Observation o = base(response, source, Instrument.PHQ9_ITEM9, Instrument.PHQ9_ITEM9_DISPLAY);
        if (!response.hasAuthored() && response.getMeta().hasLastUpdated()) {
            o.setEffective(new DateTimeType(response.getMeta().getLastUpdated()));
        }
        o.setValue(new IntegerType(weight));
        return o;
    }

    /**
     * @param response the stored response (id and version make the identifiers)
     * @param score its score from {@link MeasureScorer}
     * @return the total Observation (if complete), then the item 9 Observation (PHQ-9, if answered)
     * @throws UnscorableResponseException if the response lacks a Patient subject or an authored time
     */
    public List<Observation> build(QuestionnaireResponse response, MeasureScore score) {
        requireRecordable(response, score);
        SourceResponse source = SourceResponse.of(response);
        List<Observation> out = new ArrayList<>();
        score.total().ifPresent(total -> {
            Observation o = base(response, source, score.instrument().totalCode(), score.instrument().totalDisplay());
            o.setValue(new IntegerType(total));
            score.severity().ifPresent(s -> o.addInterpretation(s.toCodeableConcept()));
            out.add(o);
        });
        score.item9().ifPresent(item9 -> {
            Observation o = base(response, source, Instrument.PHQ9_ITEM9, Instrument.PHQ9_ITEM9_DISPLAY);
            o.setValue(new IntegerType(item9));
            out.add(o);
        });
        return out;
    }

    private static Observation base(QuestionnaireResponse response, SourceResponse source, String loinc, String display) {
        Observation o = new Observation();
        o.getMeta().addProfile(Canonicals.PROFILE_SCORE_OBSERVATION);
        PrivacyLabels.clinical(o);
        // One result per response: an amended version updates it (status amended) instead of adding one.
        o.addIdentifier(source.stableIdentifier(loinc));
        o.setStatus(status(response));
        o.addCategory(new CodeableConcept(new Coding(Canonicals.OBSERVATION_CATEGORY, "survey", "Survey")));
        o.setCode(new CodeableConcept(new Coding(Canonicals.LOINC, loinc, display)));
        o.setSubject(response.getSubject().copy());
        if (response.hasAuthored()) {
            o.setEffective(new DateTimeType(response.getAuthoredElement().getValueAsString()));
        }
        performer(response).ifPresent(o::addPerformer);
        o.addDerivedFrom(source.reference());
        return o;
    }

    // A form still in progress gives a preliminary score; completed and amended ones a final score.
    private static ObservationStatus status(QuestionnaireResponse response) {
        return switch (response.getStatus()) {
            case COMPLETED, AMENDED -> ObservationStatus.FINAL;
            default -> ObservationStatus.PRELIMINARY;
        };
    }

    // Who answered: the source (the patient, usually), else the author, when that may perform an Observation.
    private static Optional<Reference> performer(QuestionnaireResponse response) {
        for (Reference candidate : List.of(response.getSource(), response.getAuthor())) {
            String type = candidate.getReferenceElement().getResourceType();
            if (candidate.hasReference() && type != null && PERFORMER_TYPES.contains(type)) {
                return Optional.of(candidate.copy());
            }
        }
        return Optional.empty();
    }

    private static void requireRecordable(QuestionnaireResponse response, MeasureScore score) {
        List<String> problems = new ArrayList<>();
        if (!"Patient".equals(response.getSubject().getReferenceElement().getResourceType())) {
            problems.add("the response's subject must reference a Patient");
        }
        if (!response.hasAuthored()) {
            problems.add("the response has no authored time, which the score Observations take as effective time");
        }
        if (!problems.isEmpty()) {
            throw new UnscorableResponseException(problems, score.item9());
        }
    }
}
