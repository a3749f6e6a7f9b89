package health.rapport.plugin.sessions;

import health.rapport.plugin.careplan.ChartWrites;
import health.rapport.plugin.http.OperationFailure;
import health.rapport.plugin.careplan.Provenances;
import health.rapport.plugin.fhir.Canonicals;
import health.rapport.plugin.fhir.PrivacyLabels;
import health.rapport.plugin.store.ChartStore;
import health.rapport.plugin.store.TransactionBuilder;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Group;
import org.hl7.fhir.r4.model.Practitioner;
import org.hl7.fhir.r4.model.Reference;

/**
 * IPT groups (profile ipt-therapy-group): an actual group of persons, its members the patients enrolled
 * in it ({@code $ipt-enroll format=group}), led by one clinician (managingEntity) or two (the second in
 * the co-therapist extension). Created once per key: the key is the group's identifier, so a repeated or
 * concurrent creation yields one Group.
 */
public final class TherapyGroups {

    private final ChartStore store;
    private final String rapportVersion;

    public TherapyGroups(ChartStore store, String rapportVersion) {
        this.store = store;
        this.rapportVersion = rapportVersion;
    }

    /**
     * Creates the group (or answers the one its key already names).
     *
     * @param key        the group's identity, 1 to 64 characters
     * @param name       what the clinicians call it
     * @param therapists one or two Practitioner ids, the lead first
     */
    public Group create(String key, String name, List<String> therapists, Reference caller) {
        if (key == null || key.isBlank() || key.length() > 64) {
            throw OperationFailure.invalid("key (the group's identity) needs 1 to 64 characters.");
        }
        if (name == null || name.isBlank() || name.length() > 200) {
            throw OperationFailure.invalid("name needs 1 to 200 characters.");
        }
        if (therapists.isEmpty() || therapists.size() > 2 || new LinkedHashSet<>(therapists).size() != therapists.size()) {
            throw OperationFailure.invalid("An IPT group has one or two therapists (two different Practitioners).");
        }
        therapists.forEach(id -> ChartWrites.require(store, Practitioner.class, id));
        Group group = new Group().setActive(true).setType(Group.GroupType.PERSON).setActual(true).setName(name.trim())
                .setQuantity(0).setManagingEntity(new Reference("Practitioner/" + therapists.get(0)));
        group.getMeta().addProfile(Canonicals.PROFILE_THERAPY_GROUP);
        group.addIdentifier().setSystem(Canonicals.IDENTIFIER_GROUP).setValue(key);
        if (therapists.size() == 2) {
            group.addExtension(Canonicals.EXT_CO_THERAPIST, new Reference("Practitioner/" + therapists.get(1)));
        }
        PrivacyLabels.clinical(group);
        TransactionBuilder transaction = new TransactionBuilder();
        Reference created = transaction.createUnlessIdentified(group, Canonicals.IDENTIFIER_GROUP, key);
        String writeKey = "group/" + key;
        transaction.createUnlessTagged(Provenances.of(List.of(created), caller, rapportVersion, "CREATE", writeKey,
                "IPT group " + key), Canonicals.TAG_WRITE, writeKey);
        Bundle response = store.transaction(transaction.build());
        String location = TransactionBuilder.location(response, 0);
        return store.read(Group.class, location.substring(location.indexOf('/') + 1));
    }

    /** Reads an IPT group, or refuses: 404 when it does not exist, 422 when it is not an IPT group. */
    public static Group require(ChartStore store, String groupId) {
        return require(store, groupId, 404);
    }

    /** As above, with {@code missing} the status when the group does not exist (422 when a parameter names it). */
    public static Group require(ChartStore store, String groupId, int missing) {
        Group group = ChartWrites.require(store, Group.class, groupId, missing);
        if (group.getMeta().getProfile().stream().noneMatch(p -> Canonicals.PROFILE_THERAPY_GROUP.equals(p.getValue()))) {
            throw OperationFailure.businessRule("Group/" + groupId + " is not an IPT group (profile ipt-therapy-group);"
                    + " create one with Group/$ipt-create-group.");
        }
        return group;
    }

    /** The Patient ids of the members who have not left. */
    public static Set<String> activeMembers(Group group) {
        Set<String> members = new LinkedHashSet<>();
        for (Group.GroupMemberComponent m : group.getMember()) {
            String ref = m.getEntity().getReference();
            if (ref != null && ref.startsWith("Patient/") && !(m.hasInactive() && m.getInactive()) && !m.getPeriod().hasEnd()) {
                members.add(ref.substring("Patient/".length()));
            }
        }
        return members;
    }
}
