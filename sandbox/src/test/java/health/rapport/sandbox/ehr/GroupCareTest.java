package health.rapport.sandbox.ehr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.api.ServerValidationModeEnum;
import ca.uhn.fhir.rest.client.interceptor.BearerTokenAuthInterceptor;
import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import health.rapport.sandbox.fhir.FhirServer;
import health.rapport.sandbox.fhir.FhirServerSettings;
import java.time.Duration;
import java.util.UUID;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.EpisodeOfCare;
import org.hl7.fhir.r4.model.Group;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Practitioner;
import org.hl7.fhir.r4.model.Provenance;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What a clinician's own user-level token reaches for a group on the real sandbox FHIR server
 * (HAPI JPA with {@link SmartAuthorization}): the group they lead and its sessions, and each member
 * they care for; a transaction that also writes a member they do not care for is refused as a whole.
 */
class GroupCareTest {

    private static final FhirContext FHIR = FhirContext.forR4Cached();
    private static final String SCOPES = "launch openid fhirUser user/Group.ru user/CarePlan.rus user/Encounter.crus "
            + "user/Procedure.crus user/EpisodeOfCare.cru user/Provenance.c";
    private static final String SESSION = "urn:example:group-session";

    private static FhirServer server;
    private static IGenericClient record;

    @BeforeAll
    static void start() {
        server = FhirServer.start(FhirServerSettings.inMemory().withRandomPort());
        FHIR.getRestfulClientFactory().setServerValidationMode(ServerValidationModeEnum.NEVER);
        record = FHIR.newRestfulGenericClient(server.baseUrl());
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void theGroupsClinicianRecordsItsSessionForTheMembersTheyCareFor() {
        String lead = create(new Practitioner());
        String a = patientCaredForBy(lead);
        String b = patientCaredForBy(lead);
        String group = group(lead, a, b);
        IGenericClient clinician = as(lead);

        assertThat(clinician.read().resource(Group.class).withId(group).execute().getMember()).hasSize(2);
        Bundle written = clinician.transaction().withBundle(session(lead, group, a, b)).execute();
        assertThat(written.getEntry()).hasSize(4);
        assertThat(count("Encounter?subject=Group/" + group)).isEqualTo(1);
        // The group's session reads back with the same token, by search too.
        assertThat(clinician.search().byUrl("Encounter?subject=Group/" + group).returnBundle(Bundle.class).execute()
                .getEntry()).hasSize(1);
    }

    @Test
    void aTransactionThatAlsoWritesAPatientTheClinicianDoesNotCareForWritesNothing() {
        String lead = create(new Practitioner());
        String colleague = create(new Practitioner());
        String a = patientCaredForBy(lead);
        String b = patientCaredForBy(colleague);
        String group = group(lead, a, b);

        assertThatThrownBy(() -> as(lead).transaction().withBundle(session(lead, group, a, b)).execute())
                .isInstanceOf(ForbiddenOperationException.class);
        assertThat(count("Encounter?subject=Group/" + group)).isZero();
        assertThat(count("Encounter?subject=Patient/" + a)).isZero();
        // The colleague cares for b but does not lead the group: its session is out of their reach.
        assertThatThrownBy(() -> as(colleague).transaction().withBundle(session(colleague, group, b)).execute())
                .isInstanceOf(ForbiddenOperationException.class);
        assertThat(count("Encounter?subject=Patient/" + b)).isZero();
    }

    /** The group's session (subject the Group), each member's own session part of it, and one Provenance. */
    private static Bundle session(String clinician, String group, String... members) {
        Bundle bundle = new Bundle().setType(Bundle.BundleType.TRANSACTION);
        String key = UUID.randomUUID().toString();
        Encounter groupSession = encounter("Group/" + group);
        groupSession.addIdentifier().setSystem(SESSION).setValue(key);
        bundle.addEntry().setFullUrl("urn:uuid:" + key).setResource(groupSession).getRequest()
                .setMethod(Bundle.HTTPVerb.POST).setUrl("Encounter").setIfNoneExist("identifier=" + SESSION + "|" + key);
        Provenance provenance = new Provenance().setRecorded(new java.util.Date());
        provenance.addTarget(new Reference("urn:uuid:" + key));
        provenance.addAgent().setWho(new Reference("Practitioner/" + clinician));
        for (String member : members) {
            String id = UUID.randomUUID().toString();
            Encounter own = encounter("Patient/" + member).setPartOf(new Reference("urn:uuid:" + key));
            bundle.addEntry().setFullUrl("urn:uuid:" + id).setResource(own).getRequest()
                    .setMethod(Bundle.HTTPVerb.POST).setUrl("Encounter");
            provenance.addTarget(new Reference("urn:uuid:" + id));
        }
        bundle.addEntry().setResource(provenance).getRequest().setMethod(Bundle.HTTPVerb.POST).setUrl("Provenance");
        return bundle;
    }

    private static Encounter encounter(String subject) {
        return new Encounter().setStatus(Encounter.EncounterStatus.FINISHED)
                .setClass_(new Coding("http://terminology.hl7.org/CodeSystem/v3-ActCode", "AMB", null))
                .setSubject(new Reference(subject));
    }

    /** A patient with an episode of care managed by {@code practitioner}: the EHR's care relationship. */
    private static String patientCaredForBy(String practitioner) {
        String patient = create(new Patient());
        create(new EpisodeOfCare().setStatus(EpisodeOfCare.EpisodeOfCareStatus.ACTIVE)
                .setPatient(new Reference("Patient/" + patient)).setCareManager(new Reference("Practitioner/" + practitioner)));
        return patient;
    }

    private static String group(String lead, String... members) {
        Group group = new Group().setType(Group.GroupType.PERSON).setActual(true)
                .setManagingEntity(new Reference("Practitioner/" + lead));
        for (String member : members) {
            group.addMember().setEntity(new Reference("Patient/" + member));
        }
        return create(group);
    }

    private static String create(org.hl7.fhir.r4.model.Resource resource) {
        return record.create().resource(resource).execute().getId().getIdPart();
    }

    private static int count(String search) {
        return record.search().byUrl(search + "&_summary=count").returnBundle(Bundle.class)
                .cacheControl(new ca.uhn.fhir.rest.api.CacheControlDirective().setNoCache(true)).execute().getTotal();
    }

    /** A client with the clinician's own token, as their SMART launch without a patient gives it. */
    private static IGenericClient as(String practitioner) {
        String token = server.ehr().authorizer().issueForClinician("Practitioner/" + practitioner, SCOPES,
                Duration.ofMinutes(5)).accessToken();
        IGenericClient client = FHIR.newRestfulGenericClient(server.baseUrl());
        client.registerInterceptor(new BearerTokenAuthInterceptor(token));
        return client;
    }
}
