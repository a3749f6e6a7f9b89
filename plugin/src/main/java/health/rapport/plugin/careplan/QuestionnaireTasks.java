package health.rapport.plugin.careplan;

import health.rapport.plugin.fhir.Canonicals;
import health.rapport.plugin.fhir.PrivacyLabels;
import java.util.Date;
import org.hl7.fhir.r4.model.ActivityDefinition;
import org.hl7.fhir.r4.model.CanonicalType;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Task;

/**
 * A questionnaire Task (CPG "questionnaire task"): asks for a Questionnaire to be filled
 * for the patient at a given session; its input carries the Questionnaire's canonical, as
 * the ActivityDefinition's dynamic values say.
 */
public final class QuestionnaireTasks {

    private QuestionnaireTasks() {
    }

    public static Task of(ActivityDefinition definition, String questionnaire, Reference patient, Reference carePlan,
            Reference clinician, String key, int session) {
        Task task = new Task()
                .setStatus(Task.TaskStatus.REQUESTED)
                .setIntent(Task.TaskIntent.ORDER)
                .setPriority(Task.TaskPriority.ROUTINE)
                .setCode(definition.getCode().copy())
                .setDescription(definition.getTitle() + " (session " + session + ")")
                .setFor(patient.copy())
                .setAuthoredOn(new Date());
        task.setInstantiatesCanonical(definition.getUrl() + "|" + definition.getVersion());
        task.addIdentifier().setSystem(Canonicals.IDENTIFIER_TASK).setValue(key);
        task.addBasedOn(carePlan.copy());
        if (clinician != null) {
            task.setRequester(clinician.copy());
        }
        task.addInput().setType(definition.getCode().copy()).setValue(new CanonicalType(questionnaire));
        return PrivacyLabels.clinical(task);
    }

    /** The identifier value of a course's task for one ActivityDefinition at one session. */
    public static String key(String course, ActivityDefinition definition, int session) {
        return course + "/" + definition.getIdElement().getIdPart() + "/session-" + session;
    }

    /** The session a task was scheduled for, read back from its identifier. */
    public static java.util.OptionalInt session(Task task) {
        return task.getIdentifier().stream()
                .filter(i -> Canonicals.IDENTIFIER_TASK.equals(i.getSystem()) && i.getValue().contains("/session-"))
                .mapToInt(i -> Integer.parseInt(i.getValue().substring(i.getValue().lastIndexOf("/session-") + 9)))
                .findFirst();
    }

    /** The course a task belongs to ({@code patient/ordinal}), read back from its identifier. */
    public static java.util.Optional<String> course(Task task) {
        return task.getIdentifier().stream()
                .filter(i -> Canonicals.IDENTIFIER_TASK.equals(i.getSystem()) && i.getValue().contains("/session-"))
                .map(i -> i.getValue().substring(0, i.getValue().lastIndexOf('/', i.getValue().lastIndexOf("/session-") - 1)))
                .findFirst();
    }

    /** The Questionnaire a task asks for, if it is a questionnaire task. */
    public static java.util.Optional<String> questionnaire(Task task) {
        return task.getInput().stream()
                .filter(i -> i.getValue() instanceof CanonicalType)
                .map(i -> ((CanonicalType) i.getValue()).getValue())
                .findFirst();
    }
}
