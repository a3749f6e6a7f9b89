package health.rapport.plugin.health;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import java.io.IOException;
import java.io.InputStream;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.junit.jupiter.api.Test;

class ServerRequirementsTest {

    private static CapabilityStatement fixture(String name) throws IOException {
        try (InputStream in = ServerRequirementsTest.class.getResourceAsStream("/health/" + name)) {
            return FhirContext.forR4Cached().newJsonParser().parseResource(CapabilityStatement.class, in);
        }
    }

    @Test
    void namesEachCapabilityTheServerDoesNotDeclare() throws IOException {
        assertThat(ServerRequirements.missing(fixture("CapabilityStatement-partial.json"))).containsExactly(
                "system interaction 'transaction'",
                "Task: version-aware update (If-Match, versioning = versioned-update)",
                "Goal: conditional create (If-None-Exist)",
                "Subscription: resource type not supported",
                "ConceptMap: search parameter 'version'");
    }

    @Test
    void commonSearchParametersMayBeDeclaredOnceForTheWholeServer() throws IOException {
        // _lastUpdated and _tag are declared at rest level only in the fixture: not reported per type.
        assertThat(ServerRequirements.missing(fixture("CapabilityStatement-partial.json")))
                .noneMatch(line -> line.contains("_lastUpdated") || line.contains("_tag"));
    }

    @Test
    void aStatementWithoutServerModeIsReportedAsSuch() {
        CapabilityStatement client = new CapabilityStatement();
        client.addRest().setMode(CapabilityStatement.RestfulCapabilityMode.CLIENT);
        assertThat(ServerRequirements.missing(client)).containsExactly("no rest entry in mode 'server'");
    }
}
