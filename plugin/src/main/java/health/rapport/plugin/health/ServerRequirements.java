package health.rapport.plugin.health;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.CapabilityStatement.CapabilityStatementRestComponent;
import org.hl7.fhir.r4.model.CapabilityStatement.CapabilityStatementRestResourceComponent;
import org.hl7.fhir.r4.model.CapabilityStatement.ResourceVersionPolicy;

/**
 * What Rapport needs of the EHR's FHIR server, as far as a CapabilityStatement can say it: the interactions, the
 * conditional creates and version-aware updates its guarantees rest on, and the search parameters of every query it
 * sends. docs/install.md lists the same, plus what a CapabilityStatement cannot declare ({@code _sort}, the
 * rest-hook channel, search-result caching).
 */
public final class ServerRequirements {

    /** What Rapport does with one resource type. */
    record Need(String type, Set<String> interactions, boolean conditionalCreate, boolean versionedUpdate,
            Set<String> searchParams) {
    }

    private static final Set<String> DEFINITION_SEARCH = Set.of("url", "version");
    private static final Set<String> WRITE = Set.of("read", "create", "search-type");

    static final List<Need> NEEDS = List.of(
            new Need("Patient", Set.of("read", "search-type"), false, false, Set.of("identifier")),
            new Need("CarePlan", Set.of("read", "create", "update", "search-type"), true, true,
                    Set.of("identifier", "subject", "status", "_lastUpdated")),
            new Need("Task", Set.of("read", "create", "update", "search-type"), true, true,
                    Set.of("identifier", "patient", "status", "based-on")),
            new Need("QuestionnaireResponse", WRITE, true, false,
                    Set.of("identifier", "subject", "status", "questionnaire", "_lastUpdated")),
            new Need("Observation", WRITE, true, false, Set.of("identifier", "subject", "code", "derived-from")),
            new Need("Condition", WRITE, true, false, Set.of("identifier", "patient", "code")),
            new Need("Goal", WRITE, true, false, Set.of("identifier", "patient")),
            new Need("RelatedPerson", WRITE, true, false, Set.of("identifier")),
            new Need("Provenance", WRITE, true, false, Set.of("_tag")),
            new Need("AuditEvent", Set.of("create", "search-type"), true, false, Set.of("_tag")),
            new Need("Subscription", Set.of("create", "read"), false, false, Set.of()),
            definition("Questionnaire"), definition("PlanDefinition"), definition("ActivityDefinition"),
            definition("CodeSystem"), definition("ValueSet"), definition("StructureDefinition"),
            definition("ConceptMap"), definition("ImplementationGuide"));

    private ServerRequirements() {
    }

    private static Need definition(String type) {
        return new Need(type, Set.of("read", "create", "search-type"), true, false, DEFINITION_SEARCH);
    }

    /** What {@code statement} does not declare, one line each (empty: everything Rapport needs is declared). */
    public static List<String> missing(CapabilityStatement statement) {
        List<String> missing = new ArrayList<>();
        CapabilityStatementRestComponent rest = statement.getRest().stream()
                .filter(r -> r.getMode() == CapabilityStatement.RestfulCapabilityMode.SERVER)
                .findFirst().orElse(null);
        if (rest == null) {
            return List.of("no rest entry in mode 'server'");
        }
        if (rest.getInteraction().stream().noneMatch(i -> "transaction".equals(i.getCode().toCode()))) {
            missing.add("system interaction 'transaction'");
        }
        Set<String> commonParams = new TreeSet<>();
        rest.getSearchParam().forEach(p -> commonParams.add(p.getName()));
        for (Need need : NEEDS) {
            CapabilityStatementRestResourceComponent resource = rest.getResource().stream()
                    .filter(r -> need.type().equals(r.getType())).findFirst().orElse(null);
            if (resource == null) {
                missing.add(need.type() + ": resource type not supported");
                continue;
            }
            Set<String> interactions = new TreeSet<>();
            resource.getInteraction().forEach(i -> interactions.add(i.getCode().toCode()));
            for (String interaction : new TreeSet<>(need.interactions())) {
                if (!interactions.contains(interaction)) {
                    missing.add(need.type() + ": interaction '" + interaction + "'");
                }
            }
            if (need.conditionalCreate() && !resource.getConditionalCreate()) {
                missing.add(need.type() + ": conditional create (If-None-Exist)");
            }
            if (need.versionedUpdate() && resource.getVersioning() != ResourceVersionPolicy.VERSIONEDUPDATE) {
                missing.add(need.type() + ": version-aware update (If-Match, versioning = versioned-update)");
            }
            Set<String> params = new TreeSet<>(commonParams);
            resource.getSearchParam().forEach(p -> params.add(p.getName()));
            for (String param : new TreeSet<>(need.searchParams())) {
                if (!params.contains(param)) {
                    missing.add(need.type() + ": search parameter '" + param + "'");
                }
            }
        }
        return List.copyOf(missing);
    }
}
