package health.rapport.sandbox.ehr;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SmartScopesTest {

    @Test
    void readsV2AndV1ResourceScopesAndNothingElse() {
        SmartScopes scopes = SmartScopes.parse("launch openid fhirUser patient/Observation.rs user/*.cruds "
                + "system/*.read patient/*.write patient/Task.* patient/CarePlan.rx user/Patient.rs?gender=male");
        assertThat(scopes.scopes()).containsExactly(
                new SmartScopes.Scope(SmartScopes.Context.PATIENT, "Observation", "rs"),
                new SmartScopes.Scope(SmartScopes.Context.USER, "*", "cruds"),
                new SmartScopes.Scope(SmartScopes.Context.SYSTEM, "*", "rs"),
                new SmartScopes.Scope(SmartScopes.Context.PATIENT, "*", "cud"),
                new SmartScopes.Scope(SmartScopes.Context.PATIENT, "Task", "cruds"));
        assertThat(SmartScopes.parse(null).scopes()).isEmpty();
        assertThat(SmartScopes.parse("patient/*.sr").scopes()).as("v2 letters come in order").isEmpty();
    }

    @Test
    void aPatientScopeWithoutAPatientGrantsNothingButCapabilities() {
        assertThat(SmartAuthorization.rules(SmartScopes.parse("patient/*.cruds"), null)).hasSize(3);
        assertThat(SmartAuthorization.rules(SmartScopes.parse("patient/*.cruds"), "p1"))
                .hasSizeGreaterThan(3 + SmartAuthorization.REFERENCE_DATA.size());
    }
}
