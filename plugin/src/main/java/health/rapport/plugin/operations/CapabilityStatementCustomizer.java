package health.rapport.plugin.operations;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import org.hl7.fhir.instance.model.api.IBaseConformance;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.ContactDetail;
import org.hl7.fhir.r4.model.Enumerations.PublicationStatus;

/** Gives the generated CapabilityStatement Rapport's identity instead of HAPI's defaults. */
@Interceptor
final class CapabilityStatementCustomizer {

    @Hook(Pointcut.SERVER_CAPABILITY_STATEMENT_GENERATED)
    public void customize(IBaseConformance generated) {
        CapabilityStatement statement = (CapabilityStatement) generated;
        statement.setName("RapportCapabilityStatement");
        statement.setTitle("Rapport: Interpersonal Psychotherapy operations");
        statement.setStatus(PublicationStatus.ACTIVE);
        statement.setExperimental(false);
        statement.setPublisher("Rapport");
        statement.getContact().clear();
        statement.addContact(new ContactDetail().setName("Rapport"));
        statement.setDescription("The FHIR operations Rapport offers beside the EHR's own FHIR server: "
                + "enrolment in an IPT course, phase changes, questionnaire population and extraction, "
                + "sessions, exchange, and the service's outcome measures ($evaluate-measure). "
                + "The clinical record itself lives on the EHR's FHIR server.");
    }
}
