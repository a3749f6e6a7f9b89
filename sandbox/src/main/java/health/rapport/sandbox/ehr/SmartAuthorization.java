package health.rapport.sandbox.ehr;

import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.auth.CompartmentSearchParameterModifications;
import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.AuthenticationException;
import ca.uhn.fhir.rest.server.interceptor.auth.AuthorizationInterceptor;
import ca.uhn.fhir.rest.server.interceptor.auth.IAuthRule;
import ca.uhn.fhir.rest.server.interceptor.auth.IAuthRuleBuilderRuleOpClassifierFinished;
import ca.uhn.fhir.rest.server.interceptor.auth.PolicyEnum;
import ca.uhn.fhir.rest.server.interceptor.auth.RuleBuilder;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hl7.fhir.r4.model.IdType;

/**
 * The sandbox FHIR server enforces what a real EHR enforces: each request with a bearer token is
 * served only if the token is live and only within its SMART scopes — a patient-scoped token
 * reaches that patient's compartment and nothing of any other patient; {@code r}/{@code s} read
 * and search, {@code c} creates, {@code u} updates, {@code d} deletes. Reference data (definitions,
 * terminology, practitioners, organisations, devices) is readable with any live token.
 *
 * <p>A request without any token stays open: it stands in for the EHR's own internal access (the
 * sandbox's set-up, tests and demos create charts that way, and Rapport configured with
 * {@code auth=NONE} does its background work that way).
 */
@Interceptor
public final class SmartAuthorization extends AuthorizationInterceptor {

    /** Readable with any live token: nothing in them belongs to a patient. */
    static final List<String> REFERENCE_DATA = List.of("Questionnaire", "PlanDefinition", "ActivityDefinition",
            "Library", "ValueSet", "CodeSystem", "ConceptMap", "StructureDefinition", "ImplementationGuide",
            "SearchParameter", "OperationDefinition", "Practitioner", "PractitionerRole", "Organization", "Location",
            "Device", "HealthcareService");

    /**
     * R4's Patient compartment leaves Task out; a Task {@code for} the patient is the patient's, as in
     * the SMART scopes of EHRs that expose Task.
     */
    private static final CompartmentSearchParameterModifications PATIENT_COMPARTMENT = patientCompartment();

    /**
     * What a clinician's user token reaches: the compartments of the patients they care for as above, and of the
     * groups they care for ({@link CareRelationships}): the Group itself and the Encounters whose subject it is
     * (a group's sessions). An Encounter's subject is a Patient or a Group, so naming {@code subject} here adds
     * nothing for a patient and exactly the group's own Encounters for a group.
     */
    private static final CompartmentSearchParameterModifications CARED_COMPARTMENT = caredCompartment();

    private static CompartmentSearchParameterModifications caredCompartment() {
        CompartmentSearchParameterModifications modifications = patientCompartment();
        modifications.addSPToIncludeInCompartment("Encounter", "subject");
        return modifications;
    }

    /** R4's Patient compartment with a Task's {@code patient}; a new instance each time (the caller may add to it). */
    private static CompartmentSearchParameterModifications patientCompartment() {
        return CompartmentSearchParameterModifications.fromAdditionalCompartmentParamNames("Task", Set.of("patient"));
    }

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(SmartAuthorization.class);

    private final SmartAuthorizer authorizer;
    private final CareRelationships relationships;

    public SmartAuthorization(SmartAuthorizer authorizer, CareRelationships relationships) {
        super(PolicyEnum.DENY);
        this.authorizer = authorizer;
        this.relationships = relationships;
        // A search the compartment cannot narrow (Task?based-on=...) runs, and every resource it returns
        // must then be the patient's: a resource of another patient makes it a 403.
        setFlags(ca.uhn.fhir.rest.server.interceptor.auth.AuthorizationFlagsEnum
                .DO_NOT_PROACTIVELY_BLOCK_COMPARTMENT_READ_ACCESS);
    }

    @Override
    public List<IAuthRule> buildRuleList(RequestDetails request) {
        String header = request.getHeader("Authorization");
        if (header == null) {
            return new RuleBuilder().allowAll("internal access (no token)").build();
        }
        if (!header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw new AuthenticationException("Only bearer tokens are accepted.");
        }
        SmartAuthorizer.Grant grant = authorizer.use(header.substring(7).trim(), described(request))
                .orElseThrow(() -> new AuthenticationException("The access token is not valid (unknown or expired)."));
        // A clinician's own token: user scopes reach the patients and groups they care for (none without a user).
        // Reading those relationships costs a search of the clinician's every episode, care team and group, on
        // every request; a token whose user scopes name reference data only (a patient launch's) skips it.
        SmartScopes scopes = SmartScopes.parse(grant.scope());
        java.util.Collection<IdType> careOf = !grant.careRelationship() ? null
                : grant.fhirUser() == null || !reachesPatientData(scopes) ? List.of()
                : named(request, relationships.careOf(grant.fhirUser()));
        return rules(scopes, grant.patient(), careOf);
    }

    /**
     * The patients cared for that a read or search names ({@code subject}, {@code patient}, a Patient's
     * {@code _id} or id), with the groups cared for, or all of them when it names none. HAPI checks each resource against every owner
     * of a compartment rule in turn, so a clinician with 300 patients paid 300 checks per resource of every
     * page; a search about 40 of them is now checked against those 40, with the same answer for everything
     * that belongs to them (a resource of another patient in its answer is refused, as it is anyway for
     * one the clinician does not care for).
     */
    static java.util.Collection<IdType> named(RequestDetails request, java.util.Collection<IdType> careOf) {
        RestOperationTypeEnum operation = request.getRestOperationType();
        if (operation != RestOperationTypeEnum.SEARCH_TYPE && operation != RestOperationTypeEnum.READ
                && operation != RestOperationTypeEnum.VREAD) {
            return careOf;
        }
        Set<String> named = new java.util.HashSet<>();
        boolean patientType = "Patient".equals(request.getResourceName());
        if (patientType && request.getId() != null && request.getId().hasIdPart()) {
            named.add(request.getId().getIdPart());
        }
        Map<String, String[]> parameters = request.getParameters() == null ? Map.of() : request.getParameters();
        parameters.forEach((name, values) -> {
            String bare = name.contains(":") ? name.substring(0, name.indexOf(':')) : name;
            if (bare.equals("subject") || bare.equals("patient") || (patientType && bare.equals("_id"))) {
                for (String value : values) {
                    for (String one : value.split(",")) {
                        IdType id = new IdType(one.trim());
                        if (id.hasIdPart() && (!id.hasResourceType() || "Patient".equals(id.getResourceType()))) {
                            named.add(id.getIdPart());
                        }
                    }
                }
            }
        });
        List<IdType> cared = careOf.stream().filter(p -> "Patient".equals(p.getResourceType()) && named.contains(p.getIdPart()))
                .toList();
        // None of them cared for: HAPI's own checks decide, as before (an empty answer stays allowed).
        if (cared.isEmpty()) {
            return careOf;
        }
        // The groups cared for stay: a named member's answer may hold their group's own session (_include).
        return java.util.stream.Stream.concat(cared.stream(), careOf.stream().filter(p -> "Group".equals(p.getResourceType())))
                .toList();
    }

    /** Whether a user scope of {@code scopes} names a type that can hold a patient's data. */
    static boolean reachesPatientData(SmartScopes scopes) {
        return scopes.scopes().stream().anyMatch(s -> s.context() == SmartScopes.Context.USER
                && (s.anyType() || !REFERENCE_DATA.contains(s.type())));
    }

    /**
     * The request as the token log keeps it: method, URL and every patient reference in the body
     * (a transaction's entries included), so "whose authority wrote this patient's record" has an
     * answer.
     */
    static String described(RequestDetails request) {
        StringBuilder line = new StringBuilder(String.valueOf(request.getRequestType())).append(' ')
                .append(request.getCompleteUrl());
        if (request.getResource() != null) {
            java.util.Set<String> patients = new java.util.TreeSet<>();
            java.util.List<org.hl7.fhir.instance.model.api.IBaseResource> resources =
                    request.getResource() instanceof org.hl7.fhir.r4.model.Bundle bundle
                            ? bundle.getEntry().stream().<org.hl7.fhir.instance.model.api.IBaseResource>map(
                                    org.hl7.fhir.r4.model.Bundle.BundleEntryComponent::getResource)
                                    .filter(java.util.Objects::nonNull).toList()
                            : List.of(request.getResource());
            // The terser does not descend into a Bundle's entries, so each entry is read on its own.
            for (org.hl7.fhir.instance.model.api.IBaseResource resource : resources) {
                ca.uhn.fhir.context.FhirContext.forR4Cached().newTerser()
                        .getAllPopulatedChildElementsOfType(resource, org.hl7.fhir.r4.model.Reference.class)
                        .forEach(r -> {
                            IdType id = new IdType(r.getReference());
                            if ("Patient".equals(id.getResourceType()) && id.hasIdPart()) {
                                patients.add("Patient/" + id.getIdPart());
                            }
                        });
            }
            line.append(" body:").append(patients);
        }
        return line.toString();
    }

    /** The rules of a token with {@code scopes}, for {@code patient} (null when the token has no patient). */
    static List<IAuthRule> rules(SmartScopes scopes, String patient) {
        return rules(scopes, patient, null);
    }

    /**
     * The rules of a token with {@code scopes}, for {@code patient} (null when the token has no patient);
     * its user scopes reach the compartments of {@code careOf} only (patients and groups; null: the whole record,
     * as the EHR's own internal user tokens; empty: no patient at all).
     */
    static List<IAuthRule> rules(SmartScopes scopes, String patient, java.util.Collection<IdType> careOf) {
        RuleBuilder rules = new RuleBuilder();
        rules.allow("capabilities").metadata().andThen();
        rules.allow("transactions, entry by entry").transaction().withAnyOperation().andApplyNormalRules().andThen();
        boolean anyAccess = false;
        for (SmartScopes.Scope scope : scopes.scopes()) {
            if (scope.context() == SmartScopes.Context.PATIENT && patient == null) {
                continue; // A patient scope without a patient in context reaches nothing.
            }
            if (scope.context() == SmartScopes.Context.USER && careOf != null) {
                anyAccess = true;
                if (!careOf.isEmpty()) {
                    cared(rules, scope, careOf);
                }
                continue;
            }
            anyAccess = true;
            String name = scope.context().name().toLowerCase() + "/" + scope.type() + "." + scope.permissions();
            if (scope.allows('r') || scope.allows('s')) {
                within(scope, patient, of(rules.allow(name).read(), scope)).andThen();
            }
            if (scope.allows('c')) {
                within(scope, patient, of(rules.allow(name).create(), scope)).andThen();
                conditional(rules.allow(name).createConditional(), scope).andThen();
                if (scope.context() == SmartScopes.Context.PATIENT) {
                    provenance(rules, name, scope);
                }
            }
            if (scope.allows('u')) {
                within(scope, patient, of(rules.allow(name).write(), scope)).andThen();
                conditional(rules.allow(name).updateConditional(), scope).andThen();
            }
            if (scope.allows('d')) {
                within(scope, patient, of(rules.allow(name).delete(), scope)).andThen();
            }
        }
        if (anyAccess) {
            for (String type : REFERENCE_DATA) {
                rules.allow("reference data").read().resourcesOfType(type).withAnyId().andThen();
            }
        }
        return rules.denyAll("outside the token's scopes").build();
    }

    /**
     * A user scope limited to the compartments of the patients and groups the user cares for. Its creates and
     * updates are those of a patient scope: conditional ones too (a transaction's create-unless-identified), and
     * Provenances ({@link #provenance}).
     */
    private static void cared(RuleBuilder rules, SmartScopes.Scope scope, java.util.Collection<IdType> careOf) {
        String name = "user/" + scope.type() + "." + scope.permissions() + " (patients and groups cared for)";
        if (scope.allows('r') || scope.allows('s')) {
            of(rules.allow(name).read(), scope).inModifiedCompartment("Patient", careOf, CARED_COMPARTMENT).andThen();
        }
        if (scope.allows('c')) {
            of(rules.allow(name).create(), scope).inModifiedCompartment("Patient", careOf, CARED_COMPARTMENT).andThen();
            conditional(rules.allow(name).createConditional(), scope).andThen();
            provenance(rules, name, scope);
        }
        if (scope.allows('u')) {
            of(rules.allow(name).write(), scope).inModifiedCompartment("Patient", careOf, CARED_COMPARTMENT).andThen();
            conditional(rules.allow(name).updateConditional(), scope).andThen();
        }
        if (scope.allows('d')) {
            of(rules.allow(name).delete(), scope).inModifiedCompartment("Patient", careOf, CARED_COMPARTMENT).andThen();
        }
    }

    /**
     * A create scope on Provenance (or every type) may write Provenances: one belongs to the patient through its
     * targets, which no compartment rule can follow; it is written in the same transaction as those targets,
     * whose own rules apply.
     */
    private static void provenance(RuleBuilder rules, String name, SmartScopes.Scope scope) {
        if (scope.anyType() || "Provenance".equals(scope.type())) {
            rules.allow(name + " (provenance)").create().resourcesOfType("Provenance").withAnyId().andThen();
        }
    }

    /** The sandbox's token log names what it refused, so a refused request can be traced. */
    @Override
    protected void handleDeny(RequestDetails request, Verdict verdict) {
        LOG.info("Refused {} {} ({})", request.getRequestType(), request.getCompleteUrl(), verdict);
        super.handleDeny(request, verdict);
    }

    private static IAuthRuleBuilderRuleOpClassifierFinished within(SmartScopes.Scope scope, String patient,
            ca.uhn.fhir.rest.server.interceptor.auth.IAuthRuleBuilderRuleOpClassifier target) {
        return scope.context() == SmartScopes.Context.PATIENT
                ? target.inModifiedCompartment("Patient", new IdType("Patient", patient), PATIENT_COMPARTMENT)
                : target.withAnyId();
    }

    private static ca.uhn.fhir.rest.server.interceptor.auth.IAuthRuleBuilderRuleOpClassifier of(
            ca.uhn.fhir.rest.server.interceptor.auth.IAuthRuleBuilderRuleOp op, SmartScopes.Scope scope) {
        return scope.anyType() ? op.allResources() : op.resourcesOfType(scope.type());
    }

    private static ca.uhn.fhir.rest.server.interceptor.auth.IAuthRuleFinished conditional(
            ca.uhn.fhir.rest.server.interceptor.auth.IAuthRuleBuilderRuleConditional op, SmartScopes.Scope scope) {
        return scope.anyType() ? op.allResources() : op.resourcesOfType(scope.type());
    }
}
