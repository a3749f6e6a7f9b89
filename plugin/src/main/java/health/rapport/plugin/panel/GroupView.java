package health.rapport.plugin.panel;

import health.rapport.plugin.sessions.TherapyGroups;
import health.rapport.plugin.store.ChartStore;
import health.rapport.plugin.store.SearchPages;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Group;

/**
 * What the panel shows for an IPT group it was launched for (the Group in the launch's fhirContext): the
 * group's name, its active members and the group's sessions recorded so far, newest first, read with
 * the clinician's token. Shaped like the chart view's course part of a group course, so the one
 * group-session form serves both. Plain data for JSON; the browser escapes all text.
 */
public final class GroupView {

    private static final int PAGE = 100;
    /** A group runs for a few dozen sessions; five pages bound one view's reads. */
    private static final int MAX_PAGES = 5;

    private final ChartStore store;

    public GroupView(ChartStore store) {
        this.store = store;
    }

    /** The group (404 when it does not exist, 422 when it is not an IPT group). */
    public Map<String, Object> of(String groupId) {
        Group group = TherapyGroups.require(store, groupId);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("format", "group");
        out.put("groupId", groupId);
        out.put("group", group.hasName() ? group.getName() : "Group/" + groupId);
        out.put("members", members(group));
        out.put("sessions", SearchPages.all(store, "Encounter?subject=Group/" + groupId + "&_sort=-date&_count=" + PAGE,
                Encounter.class, MAX_PAGES).stream().map(GroupView::session).toList());
        return out;
    }

    private static Map<String, Object> session(Encounter e) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("date", e.getPeriod().hasStart() ? e.getPeriod().getStartElement().getValueAsString() : null);
        row.put("held", e.getStatus() == Encounter.EncounterStatus.FINISHED);
        row.put("minutes", e.hasLength() && e.getLength().hasValue() ? e.getLength().getValue().intValue() : null);
        return row;
    }

    /**
     * The group's active members in the Group's order, each by the display the Group gives it, else by reference:
     * a patient-launched token reaches no other member's Patient (a search would be refused as a whole), and a
     * group's token needs no Patient read at all, so members are named from the Group.
     */
    static List<Map<String, Object>> members(Group group) {
        Set<String> active = TherapyGroups.activeMembers(group);
        return group.getMember().stream().filter(m -> m.getEntity().getReference() != null)
                .filter(m -> active.contains(m.getEntity().getReferenceElement().getIdPart()))
                .map(m -> {
                    Map<String, Object> member = new LinkedHashMap<>();
                    member.put("id", m.getEntity().getReferenceElement().getIdPart());
                    member.put("name", m.getEntity().hasDisplay() ? m.getEntity().getDisplay() : m.getEntity().getReference());
                    return member;
                }).distinct().toList();
    }
}
