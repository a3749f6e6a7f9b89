package health.rapport.plugin.panel.smart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import health.rapport.plugin.http.OperationFailure;
import org.junit.jupiter.api.Test;

/** The group of a launch, from the {@code fhirContext} of SMART 2 token answers as EHRs send them. */
class LaunchContextTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode context(String json) throws Exception {
        return JSON.readTree(json);
    }

    @Test
    void aGroupInTheLaunchRoleIsTheGroupTheLaunchIsFor() throws Exception {
        assertThat(LaunchContext.group(context("[{\"reference\":\"Group/123\"}]"))).contains("123");
        assertThat(LaunchContext.group(context("[{\"reference\":\"Group/g-7.a\",\"role\":\"launch\"}]"))).contains("g-7.a");
        // Other context beside it is left alone.
        assertThat(LaunchContext.group(context("[{\"canonical\":\"http://example.org/Questionnaire/q|1\"},"
                + "{\"reference\":\"Observation/9\"},{\"type\":\"Group\",\"identifier\":{\"value\":\"x\"}},"
                + "{\"reference\":\"Group/123\"},{\"reference\":\"Group/123\"}]"))).contains("123");
    }

    @Test
    void noFhirContextOrNoGroupInTheLaunchRoleNamesNoGroup() throws Exception {
        assertThat(LaunchContext.group(null)).isEmpty();
        assertThat(LaunchContext.group(context("null"))).isEmpty();
        assertThat(LaunchContext.group(context("[]"))).isEmpty();
        assertThat(LaunchContext.group(context("[{\"reference\":\"Patient/1\",\"role\":\"https://example.org/role/x\"}]")))
                .isEmpty();
        // A group in another role is context of another kind, not the group the clinician opened.
        assertThat(LaunchContext.group(context("[{\"reference\":\"Group/5\",\"role\":\"https://example.org/role/cohort\"}]")))
                .isEmpty();
        assertThat(LaunchContext.group(context("[{\"reference\":123},\"Group/5\",7,null]"))).isEmpty();
        // "Groups/5" is not a Group reference.
        assertThat(LaunchContext.group(context("[{\"reference\":\"Groups/5\"}]"))).isEmpty();
    }

    @Test
    void aContextThePanelCannotUseIsABrokenAnswer() {
        for (String json : new String[] {
            "{\"reference\":\"Group/1\"}",
            "\"Group/1\"",
            "[{\"reference\":\"Group/1\"},{\"reference\":\"Group/2\"}]",
            "[{\"reference\":\"Group/\"}]",
            "[{\"reference\":\"Group/1/_history/2\"}]",
            "[{\"reference\":\"Group/a b\"}]",
        }) {
            assertThatThrownBy(() -> LaunchContext.group(context(json))).as(json)
                    .isInstanceOf(OperationFailure.class)
                    .satisfies(e -> assertThat(((OperationFailure) e).status()).isEqualTo(502));
        }
    }
}
