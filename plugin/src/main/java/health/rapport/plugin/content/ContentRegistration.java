package health.rapport.plugin.content;

/** Whether Rapport's FHIR content is registered on the FHIR server. */
public interface ContentRegistration {

    RegistrationState state();
}
