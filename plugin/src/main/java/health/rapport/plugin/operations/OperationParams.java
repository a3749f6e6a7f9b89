package health.rapport.plugin.operations;

import health.rapport.plugin.fhir.FhirIds;
import health.rapport.plugin.http.OperationFailure;
import java.time.LocalDate;
import java.time.ZoneId;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.StringType;

/** Reads operation parameters, refusing malformed ones with a 400 that names them. */
final class OperationParams {

    private OperationParams() {
    }

    static int sessions(IntegerType value) {
        return value == null || value.getValue() == null ? 16 : value.getValue();
    }

    static LocalDate date(DateType value) {
        return value == null || value.getValue() == null ? LocalDate.now()
                : value.getValue().toInstant().atZone(ZoneId.systemDefault()).toLocalDate();
    }

    /** {@code Practitioner/123} or {@code 123} → {@code 123}; null stays null. */
    /**
     * The acting clinician's Practitioner id: the {@code practitioner} parameter, or else the
     * practitioner the EHR identified for this request's SMART session.
     */
    static String practitioner(StringType practitioner) {
        String given = id(practitioner, "Practitioner");
        return given != null ? given : health.rapport.plugin.store.CallerToken.practitioner().orElse(null);
    }

    static String id(StringType reference, String type) {
        if (reference == null || reference.isEmpty()) {
            return null;
        }
        String value = reference.getValue().trim();
        if (value.startsWith(type + "/")) {
            value = value.substring(type.length() + 1);
        }
        if (!FhirIds.valid(value)) {
            throw OperationFailure.invalid("'" + reference.getValue() + "' is not a " + type + " reference.");
        }
        return value;
    }

    static Coding route(Coding value) {
        if (value == null || value.isEmpty()) {
            return new Coding(health.rapport.plugin.fhir.Canonicals.CS_INTEGRATION_ROUTE, "assimilative",
                    "Assimilative integration");
        }
        if (!health.rapport.plugin.fhir.Canonicals.CS_INTEGRATION_ROUTE.equals(value.getSystem()) || !value.hasCode()) {
            throw OperationFailure.invalid("integrationRoute must be a code of "
                    + health.rapport.plugin.fhir.Canonicals.CS_INTEGRATION_ROUTE);
        }
        return value;
    }

    /**
     * The course format of an enrolment: {@code format} (individual by default) with the {@code partner}
     * (RelatedPerson) a conjoint course needs or the {@code group} a group course needs; either given
     * for another format is a 400.
     */
    static health.rapport.plugin.sessions.CourseFormat courseFormat(CodeType format, StringType partner, StringType group) {
        health.rapport.plugin.sessions.SessionFormat kind = health.rapport.plugin.sessions.SessionFormat.ofCode(
                format == null ? null : format.getValue());
        String partnerId = id(partner, "RelatedPerson");
        String groupId = id(group, "Group");
        if (partnerId != null && kind != health.rapport.plugin.sessions.SessionFormat.CONJOINT) {
            throw OperationFailure.invalid("partner is given only with format=conjoint.");
        }
        if (groupId != null && kind != health.rapport.plugin.sessions.SessionFormat.GROUP) {
            throw OperationFailure.invalid("group is given only with format=group.");
        }
        return switch (kind) {
            case INDIVIDUAL -> health.rapport.plugin.sessions.CourseFormat.INDIVIDUAL;
            case CONJOINT -> {
                if (partnerId == null) {
                    throw OperationFailure.invalid("format=conjoint needs partner (RelatedPerson/[id], the partner who joins the sessions).");
                }
                yield health.rapport.plugin.sessions.CourseFormat.conjoint("RelatedPerson/" + partnerId);
            }
            case GROUP -> {
                if (groupId == null) {
                    throw OperationFailure.invalid("format=group needs group (Group/[id], an IPT group).");
                }
                yield health.rapport.plugin.sessions.CourseFormat.group("Group/" + groupId);
            }
        };
    }

    /** The version the client saw, from its If-Match header ({@code W/"3"} or {@code "3"}); null when not sent. */
    static String expectedVersion(ca.uhn.fhir.rest.api.server.RequestDetails request) {
        String ifMatch = request.getHeader("If-Match");
        if (ifMatch == null || ifMatch.isBlank()) {
            return null;
        }
        String value = ifMatch.trim();
        if (value.startsWith("W/")) {
            value = value.substring(2);
        }
        return value.replace("\"", "");
    }
}
