package health.rapport.questionnaires;

import health.rapport.fhir.testing.AbstractContentModuleTest;

/** Validates and checks every Questionnaire and example QuestionnaireResponse this module ships. */
class QuestionnairesContentTest extends AbstractContentModuleTest {

  @Override
  protected String moduleName() {
    return "rapport-questionnaires";
  }
}
