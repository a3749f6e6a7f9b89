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
import org.hl7.fhir.r4.model.IdType;

/**
 * Which patients a clinician cares for, as the sandbox EHR decides what a clinician's user-level token
 * reaches: the patients of every EpisodeOfCare whose care manager the clinician is (an IPT course's
 * episode names its treating clinician), and of every active CareTeam the clinician takes part in (how
 * an EHR shares a patient with a colleague, e.g. cover during leave). Read from the record at each
 * request, so a change of care team counts at once.
 */
public final class CareRelationships {

    private final DaoRegistry daos;

    public CareRelationships(DaoRegistry daos) {
        this.daos = daos;
    }

    /** The patients {@code practitioner} ({@code Practitioner/id}) cares for, as {@code Patient/id}. */
    public Set<IdType> patientsOf(String practitioner) {
        Set<IdType> out = new LinkedHashSet<>();
        SearchParameterMap episodes = SearchParameterMap.newSynchronous()
                .add(EpisodeOfCare.SP_CARE_MANAGER, new ReferenceParam(practitioner));
        for (IBaseResource r : daos.getResourceDao(EpisodeOfCare.class).search(episodes, new SystemRequestDetails())
                .getAllResources()) {
            EpisodeOfCare episode = (EpisodeOfCare) r;
            if (episode.getPatient().hasReference()) {
                out.add(patient(episode.getPatient().getReferenceElement().getIdPart()));
            }
        }
        SearchParameterMap teams = SearchParameterMap.newSynchronous()
                .add(CareTeam.SP_PARTICIPANT, new ReferenceParam(practitioner))
                .add(CareTeam.SP_STATUS, new TokenParam("active"));
        for (IBaseResource r : daos.getResourceDao(CareTeam.class).search(teams, new SystemRequestDetails())
                .getAllResources()) {
            CareTeam team = (CareTeam) r;
            if (team.getSubject().hasReference() && "Patient".equals(team.getSubject().getReferenceElement().getResourceType())) {
                out.add(patient(team.getSubject().getReferenceElement().getIdPart()));
            }
        }
        return out;
    }

    private static IdType patient(String id) {
        return new IdType("Patient", id);
    }
}
