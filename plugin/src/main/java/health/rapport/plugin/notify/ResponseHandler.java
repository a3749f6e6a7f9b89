package health.rapport.plugin.notify;

/** Brings one QuestionnaireResponse, by id, to "processed"; safe to call any number of times. */
@FunctionalInterface
interface ResponseHandler {

    Outcome handle(String responseId);
}
