package health.rapport.plugin.panel;

import health.rapport.plugin.content.Displays;
import health.rapport.plugin.store.ChartStore;
import health.rapport.plugin.store.ChartStoreException;
import health.rapport.plugin.store.SearchPages;
import health.rapport.plugin.store.StoreFailure;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.hl7.fhir.r4.model.RelatedPerson;

/**
 * The people a conjoint course can name, as the panel shows them: the patient's RelatedPersons (those the
 * Interpersonal Inventory recorded and any the EHR holds), each by its name and relationship. Every name a
 * chart view shows — the course's partner, the partner on each session — comes from here, so a conjoint chart
 * reads them in one search rather than one read per person; a person the search did not bring (another course's
 * partner, or a chart shown without the search) is read once.
 */
final class RelatedPeople {

    /** A patient has a handful of significant others; five pages of 50 is far more than an Inventory records. */
    private static final int PAGE = 50;
    private static final int MAX_PAGES = 5;

    private final ChartStore store;
    private final Map<String, RelatedPerson> known = new ConcurrentHashMap<>();
    private final List<RelatedPerson> ofPatient;

    private RelatedPeople(ChartStore store, List<RelatedPerson> ofPatient) {
        this.store = store;
        this.ofPatient = ofPatient;
        ofPatient.forEach(p -> known.put("RelatedPerson/" + p.getIdElement().getIdPart(), p));
    }

    /** The patient's RelatedPersons, read in one paged search. */
    static RelatedPeople of(ChartStore store, String patientId) {
        return new RelatedPeople(store, SearchPages.all(store, "RelatedPerson?patient=Patient/" + patientId + "&_count=" + PAGE,
                RelatedPerson.class, MAX_PAGES));
    }

    /** Nobody read yet: names are read as they are asked for (a course that names no partner). */
    static RelatedPeople unread(ChartStore store) {
        return new RelatedPeople(store, List.of());
    }

    /**
     * The name of {@code RelatedPerson/[id]}, else the reference itself: for a person recorded without a name, and for
     * one the record no longer has or the caller's token may not read (a name must never cost the chart, its safety
     * banner included).
     */
    String name(String reference) {
        RelatedPerson person = known.computeIfAbsent(reference, this::read);
        return person.getName().stream().findFirst().map(ChartView::name).filter(n -> !n.isBlank()).orElse(reference);
    }

    private RelatedPerson read(String reference) {
        try {
            return store.read(RelatedPerson.class, reference.substring(reference.indexOf('/') + 1));
        } catch (ChartStoreException e) {
            if (e.failure() != StoreFailure.NOT_FOUND && e.failure() != StoreFailure.CALLER_FORBIDDEN) {
                throw e;
            }
            return new RelatedPerson();
        }
    }

    /**
     * Whom the clinician may name as the partner: the patient's RelatedPersons that are not marked inactive, in the
     * server's order, each with its id, name and relationship (by {@code displays}, null when none is recorded).
     */
    List<Map<String, Object>> choices(Displays displays) {
        return ofPatient.stream().filter(p -> !p.hasActive() || p.getActive()).map(p -> {
            Map<String, Object> out = new LinkedHashMap<>();
            String reference = "RelatedPerson/" + p.getIdElement().getIdPart();
            out.put("id", p.getIdElement().getIdPart());
            out.put("name", name(reference));
            out.put("relationship", p.hasRelationship() ? displays.of(p.getRelationshipFirstRep()) : null);
            return out;
        }).toList();
    }
}
