package health.rapport.fhir.profiles;

import health.rapport.fhir.testing.AbstractContentModuleTest;

/** Validates and checks every terminology, profile and example file fhir-profiles ships. */
class FhirProfilesContentTest extends AbstractContentModuleTest {

  @Override
  protected String moduleName() {
    return "rapport-fhir-profiles";
  }
}
