package health.rapport.careplans;

import health.rapport.fhir.testing.AbstractContentModuleTest;

/** Validates and checks every PlanDefinition, ActivityDefinition and example CarePlan this module ships. */
class CarePlansContentTest extends AbstractContentModuleTest {

  @Override
  protected String moduleName() {
    return "rapport-care-plans";
  }
}
