package health.rapport.plugin.exchange.export;

import health.rapport.plugin.http.OperationFailure;
import health.rapport.plugin.fhir.Canonicals;
import health.rapport.plugin.fhir.ChartTimes;
import health.rapport.plugin.measures.ScoreObservationReader;
import health.rapport.plugin.store.ChartStore;
import health.rapport.plugin.store.ChartStoreException;
import health.rapport.plugin.store.SearchPages;
import health.rapport.plugin.store.SearchValues;
import health.rapport.plugin.store.StoreFailure;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.Goal;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;

/**
 * Reads a patient's IPT course from the chart: the open course (else the latest one), the
 * Conditions and Goals it names, the score Observations since it started and the latest
 * completed relapse-prevention plan. Reads only; filtering for sharing happens later.
 */
final class CareRecordLoader {

    private static final List<String> SCORE_CODES = List.of("44261-6", "44260-8", "70274-6");

    private final ChartStore store;

    CareRecordLoader(ChartStore store) {
        this.store = store;
    }

    CareRecord load(String patientId) {
        Patient patient = readPatient(patientId);
        CarePlan plan = course(patientId).orElseThrow(() -> OperationFailure.notFound(
                "Patient/" + patientId + " has no IPT course to export."));
        Map<String, Goal> goals = new LinkedHashMap<>();
        for (Reference ref : plan.getGoal()) {
            read(Goal.class, ref).ifPresent(g -> goals.put(key(g), g));
        }
        Map<String, Condition> conditions = new LinkedHashMap<>();
        List<Reference> addressed = new ArrayList<>(plan.getAddresses());
        goals.values().forEach(g -> addressed.addAll(g.getAddresses()));
        for (Reference ref : addressed) {
            if (ref.getReferenceElement().getResourceType() != null
                    && "Condition".equals(ref.getReferenceElement().getResourceType())) {
                read(Condition.class, ref).ifPresent(c -> conditions.putIfAbsent(key(c), c));
            }
        }
        List<QuestionnaireResponse> responses = all("QuestionnaireResponse?subject=Patient/" + patientId + "&_count=200",
                QuestionnaireResponse.class);
        Map<String, String> questionnaires = new HashMap<>();
        responses.forEach(r -> questionnaires.put(key(r), r.getQuestionnaire()));
        Optional<QuestionnaireResponse> relapse = responses.stream()
                .filter(r -> r.getStatus() == QuestionnaireResponse.QuestionnaireResponseStatus.COMPLETED
                        || r.getStatus() == QuestionnaireResponse.QuestionnaireResponseStatus.AMENDED)
                .filter(r -> Canonicals.QUESTIONNAIRE_RELAPSE_PLAN.equals(Canonicals.url(r.getQuestionnaire())))
                .max(Comparator.comparing(r -> r.getAuthoredElement().getValueAsString(),
                        Comparator.nullsFirst(Comparator.naturalOrder())));
        return new CareRecord(patient, plan, List.copyOf(conditions.values()), List.copyOf(goals.values()),
                scores(patientId, plan), relapse, questionnaires);
    }

    /** Score Observations of this course (effective on or after its start), oldest first. */
    private List<Observation> scores(String patientId, CarePlan plan) {
        StringBuilder codes = new StringBuilder();
        for (String code : SCORE_CODES) {
            codes.append(codes.length() == 0 ? "" : ",").append(SearchValues.encode(Canonicals.LOINC + "|" + code));
        }
        // Compared as instants (never as text), from the start of the course's first day.
        String begun = plan.getPeriod().hasStart() ? plan.getPeriod().getStartElement().getValueAsString() : null;
        Optional<Instant> start = begun == null ? Optional.empty()
                : ChartTimes.of(new DateType(ChartTimes.day(begun)));
        return all("Observation?subject=Patient/" + patientId + "&code=" + codes + "&_count=200", Observation.class)
                .stream()
                .filter(o -> o.getMeta().hasProfile(Canonicals.PROFILE_SCORE_OBSERVATION))
                .filter(o -> o.hasEffectiveDateTimeType() && ScoreObservationReader.when(o).isPresent())
                .filter(o -> start.isEmpty() || !ScoreObservationReader.when(o).get().isBefore(start.get()))
                .sorted(Comparator.comparing((Observation o) -> ScoreObservationReader.when(o).get())
                        .thenComparing(o -> o.getCode().getCodingFirstRep().getCode()))
                .toList();
    }

    private Optional<CarePlan> course(String patientId) {
        List<CarePlan> open = all("CarePlan?identifier=" + SearchValues.encode(Canonicals.IDENTIFIER_OPEN_COURSE + "|"
                + patientId), CarePlan.class);
        if (!open.isEmpty()) {
            return Optional.of(open.get(0));
        }
        return all("CarePlan?subject=Patient/" + patientId + "&_sort=-_lastUpdated&_count=50", CarePlan.class).stream()
                .filter(p -> p.getMeta().hasProfile(Canonicals.PROFILE_CAREPLAN)
                        || p.getMeta().hasProfile(Canonicals.PROFILE_CAREPLAN_SHAREABLE))
                .findFirst();
    }

    private Patient readPatient(String id) {
        try {
            return store.read(Patient.class, id);
        } catch (ChartStoreException e) {
            if (e.failure() == StoreFailure.NOT_FOUND) {
                throw OperationFailure.notFound("Patient/" + id + " does not exist on the FHIR server.");
            }
            throw e;
        }
    }

    private <T extends Resource> Optional<T> read(Class<T> type, Reference ref) {
        String id = ref.getReferenceElement().getIdPart();
        if (id == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(store.read(type, id));
        } catch (ChartStoreException e) {
            if (e.failure() == StoreFailure.NOT_FOUND) {
                return Optional.empty(); // a dangling reference: nothing to share
            }
            throw e;
        }
    }

    /** Every page: a course's record is exported whole. */
    private <T extends Resource> List<T> all(String search, Class<T> type) {
        return SearchPages.all(store, search, type, Integer.MAX_VALUE);
    }

    static String key(Resource resource) {
        return resource.fhirType() + "/" + resource.getIdElement().getIdPart();
    }

}
