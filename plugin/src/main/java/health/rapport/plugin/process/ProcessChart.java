package health.rapport.plugin.process;

import health.rapport.plugin.fhir.Canonicals;
import health.rapport.plugin.store.ChartStore;
import health.rapport.plugin.store.SearchPages;
import health.rapport.plugin.store.SearchValues;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.r4.model.Annotation;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DocumentReference;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.PositiveIntType;
import org.hl7.fhir.r4.model.Reference;

/**
 * The panel's private area for one patient: the ruptures and repairs and the process notes, newest
 * first, and the sessions a new one can be recorded on. Read with the caller's token like the rest of
 * the chart; the panel shows all of it in its private area only.
 */
public final class ProcessChart {

    private static final int MAX_PAGES = 10;

    private final ChartStore store;

    public ProcessChart(ChartStore store) {
        this.store = store;
    }

    public Map<String, Object> of(String patientId) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("ruptures", ruptures(patientId));
        out.put("notes", notes(patientId));
        out.put("sessions", sessions(patientId));
        return out;
    }

    private List<Map<String, Object>> ruptures(String patientId) {
        return SearchPages.all(store, "Observation?subject=Patient/" + patientId + "&code="
                + SearchValues.encode(Canonicals.CS_PROCESS_EVENT + "|alliance-rupture") + "&_count=200",
                Observation.class, MAX_PAGES).stream()
                .filter(o -> o.getStatus() != Observation.ObservationStatus.ENTEREDINERROR)
                // As instants, newest first: times written in different zones compare as the moments they are.
                .sorted(Comparator.comparing((Observation o) -> o.getEffectiveDateTimeType().getValue(),
                        Comparator.nullsLast(Comparator.reverseOrder())))
                .map(ProcessChart::rupture).toList();
    }

    private static Map<String, Object> rupture(Observation o) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", o.getIdElement().getIdPart());
        out.put("version", o.getMeta().getVersionId());
        out.put("amended", o.getStatus() == Observation.ObservationStatus.AMENDED);
        out.put("encounter", id(o.getEncounter()));
        out.put("when", o.getEffectiveDateTimeType().getValueAsString());
        out.put("marker", part(o, "rupture-marker").stream().findFirst().orElse(null));
        out.put("strategies", part(o, "repair-strategy"));
        out.put("resolution", part(o, "rupture-resolution").stream().findFirst().orElse(null));
        // The codes, for the panel's correction form.
        out.put("codes", Map.of("marker", codes(o, "rupture-marker"), "strategies", codes(o, "repair-strategy"),
                "resolution", codes(o, "rupture-resolution")));
        out.put("note", o.getNote().stream().map(Annotation::getText).filter(t -> t != null && !t.isBlank())
                .reduce((a, b) -> a + "\n" + b).orElse(null));
        return out;
    }

    private static List<String> codes(Observation o, String part) {
        return o.getComponent().stream()
                .filter(c -> c.getCode().getCoding().stream()
                        .anyMatch(k -> Canonicals.CS_PROCESS_EVENT.equals(k.getSystem()) && part.equals(k.getCode())))
                .filter(c -> c.getValue() instanceof CodeableConcept)
                .map(c -> ((CodeableConcept) c.getValue()).getCodingFirstRep().getCode()).toList();
    }

    private static List<String> part(Observation o, String code) {
        List<String> values = new ArrayList<>();
        o.getComponent().stream()
                .filter(c -> c.getCode().getCoding().stream()
                        .anyMatch(k -> Canonicals.CS_PROCESS_EVENT.equals(k.getSystem()) && code.equals(k.getCode())))
                .filter(c -> c.getValue() instanceof CodeableConcept)
                .forEach(c -> values.add(words((CodeableConcept) c.getValue())));
        return values;
    }

    private List<Map<String, Object>> notes(String patientId) {
        return SearchPages.all(store, "DocumentReference?subject=Patient/" + patientId + "&type="
                + SearchValues.encode(Canonicals.CS_PROCESS_EVENT + "|process-note") + "&_count=200",
                DocumentReference.class, MAX_PAGES).stream()
                .filter(d -> d.getStatus() != org.hl7.fhir.r4.model.Enumerations.DocumentReferenceStatus.ENTEREDINERROR)
                .sorted(Comparator.comparing((DocumentReference d) -> d.getDate(),
                        Comparator.nullsLast(Comparator.reverseOrder())))
                .map(d -> {
                    Map<String, Object> out = new LinkedHashMap<>();
                    out.put("id", d.getIdElement().getIdPart());
                    out.put("version", d.getMeta().getVersionId());
                    out.put("amended", d.getDocStatus() == DocumentReference.ReferredDocumentStatus.AMENDED);
                    out.put("encounter", d.getContext().getEncounter().stream().findFirst().map(ProcessChart::id)
                            .orElse(null));
                    out.put("when", d.getDateElement().getValueAsString());
                    out.put("text", ProcessNoteDocument.text(d));
                    return out;
                }).toList();
    }

    /** The patient's Encounters that took place, newest first: the sessions a rupture or note may belong to. */
    private List<Map<String, Object>> sessions(String patientId) {
        return SearchPages.all(store, "Encounter?subject=Patient/" + patientId + "&_sort=-date&_count=50",
                Encounter.class, 1).stream()
                .filter(e -> e.getStatus() != Encounter.EncounterStatus.CANCELLED
                        && e.getStatus() != Encounter.EncounterStatus.ENTEREDINERROR)
                .limit(50)
                .map(e -> {
                    Map<String, Object> out = new LinkedHashMap<>();
                    out.put("id", e.getIdElement().getIdPart());
                    out.put("start", e.getPeriod().hasStart() ? e.getPeriod().getStartElement().getValueAsString() : null);
                    out.put("status", e.getStatus() == null ? null : e.getStatus().toCode());
                    out.put("label", label(e));
                    return out;
                }).toList();
    }

    /** "Session n" for a numbered IPT session of Rapport's; else the Encounter's type in words, if any. */
    private static String label(Encounter encounter) {
        if (encounter.getExtensionByUrl(Canonicals.EXT_SESSION_NUMBER) != null
                && encounter.getExtensionByUrl(Canonicals.EXT_SESSION_NUMBER).getValue() instanceof PositiveIntType n) {
            return "Session " + n.getValue();
        }
        return encounter.getType().stream().findFirst().map(ProcessChart::words).orElse(null);
    }

    private static String id(Reference reference) {
        return reference == null || reference.getReferenceElement().getIdPart() == null ? null
                : reference.getReferenceElement().getIdPart();
    }

    private static String words(CodeableConcept concept) {
        if (concept.hasText()) {
            return concept.getText();
        }
        return concept.getCoding().stream().findFirst().map(ProcessChart::words).orElse("");
    }

    private static String words(Coding coding) {
        return coding.hasDisplay() ? coding.getDisplay() : coding.getCode();
    }
}
