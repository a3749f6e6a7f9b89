package health.rapport.sandbox.ehr;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.param.TokenParam;
import java.util.LinkedHashSet;
import java.util.Set;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.CareTeam;
import org.hl7.fhir.r4.model.EpisodeOfCare;
import org.hl7.fhir.r4.model.Group;
import org.hl7.fhir.r4.model.IdType;

/**
 * Whom a clinician cares for, as the sandbox EHR decides what a clinician's user-level token reaches:
 * the patients of every EpisodeOfCare whose care manager the clinician is (an IPT course's episode names
 * its treating clinician), and of every active CareTeam the clinician takes part in (how an EHR shares a
 * patient with a colleague, e.g. cover during leave); and the groups the clinician leads
 * ({@code Group.managingEntity}) or takes part in through an active CareTeam whose subject is the group.
 * A group reached this way opens the group itself and what is recorded about it as a whole (its sessions,
 * Encounters whose subject is the Group), never its members' records: each member is reached only as a
 * patient the clinician cares for. Read from the record at each request, so a change of care team counts
 * at once.
 */
public final class CareRelationships {

    private final DaoRegistry daos;

    public CareRelationships(DaoRegistry daos) {
        this.daos = daos;
    }

    /**
     * The patients ({@code Patient/id}) and groups ({@code Group/id}) {@code practitioner} cares for: the
     * owners of the compartments a clinician's user-level token reaches.
     */
    public Set<IdType> careOf(String practitioner) {
        Set<IdType> out = new LinkedHashSet<>();
        SearchParameterMap episodes = SearchParameterMap.newSynchronous()
                .add(EpisodeOfCare.SP_CARE_MANAGER, new ReferenceParam(practitioner));
        for (IBaseResource r : search(EpisodeOfCare.class, episodes)) {
            EpisodeOfCare episode = (EpisodeOfCare) r;
            if (episode.getPatient().hasReference()) {
                out.add(new IdType("Patient", episode.getPatient().getReferenceElement().getIdPart()));
            }
        }
        SearchParameterMap teams = SearchParameterMap.newSynchronous()
                .add(CareTeam.SP_PARTICIPANT, new ReferenceParam(practitioner))
                .add(CareTeam.SP_STATUS, new TokenParam("active"));
        for (IBaseResource r : search(CareTeam.class, teams)) {
            IdType subject = new IdType(((CareTeam) r).getSubject().getReference());
            if (("Patient".equals(subject.getResourceType()) || "Group".equals(subject.getResourceType()))
                    && subject.hasIdPart()) {
                out.add(new IdType(subject.getResourceType(), subject.getIdPart()));
            }
        }
        SearchParameterMap led = SearchParameterMap.newSynchronous()
                .add(Group.SP_MANAGING_ENTITY, new ReferenceParam(practitioner));
        for (IBaseResource r : search(Group.class, led)) {
            out.add(new IdType("Group", r.getIdElement().getIdPart()));
        }
        return out;
    }

    private java.util.List<IBaseResource> search(Class<? extends IBaseResource> type, SearchParameterMap map) {
        return daos.getResourceDao(type).search(map, new SystemRequestDetails()).getAllResources();
    }
}
