package health.rapport.plugin.config;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * The Subscription receiver at {@code <context>/notify} and its reconciliation. Without this
 * configuration nothing runs and the endpoint refuses every notification (401); with it but
 * without a secret, only the periodic reconciliation runs (polling) and the endpoint still
 * refuses everything.
 */
@ObjectClassDefinition(
        id = NotifyConfiguration.PID,
        name = "Rapport: Subscription receiver",
        description = "FHIR rest-hook notifications of completed QuestionnaireResponses, and the reconciliation "
                + "that processes the responses a notification never announced.")
public @interface NotifyConfiguration {

    String PID = "health.rapport.notify";

    @AttributeDefinition(name = "Shared secret", type = AttributeType.PASSWORD, required = false,
            description = "The value the FHIR server sends in the header below (Subscription.channel.header). "
                    + "Empty: every notification is refused. Use at least 32 random characters.")
    String _secret() default "";

    @AttributeDefinition(name = "Secret header",
            description = "The HTTP header that carries the shared secret.")
    String headerName() default "X-Rapport-Notify-Secret";

    @AttributeDefinition(name = "Queue size", min = "1",
            description = "Responses waiting to be processed; when full, notifications are answered 503 with "
                    + "Retry-After and the FHIR server (or the next reconciliation) delivers them again.")
    int queueSize() default 1000;

    @AttributeDefinition(name = "Workers", min = "1", max = "16",
            description = "Threads processing notified responses.")
    int workers() default 2;

    @AttributeDefinition(name = "Reconciliation interval (s)", min = "10",
            description = "How often completed responses that lack Rapport's processing are looked for.")
    int reconcileIntervalSeconds() default 300;

    @AttributeDefinition(name = "First look-back (min)", min = "1",
            description = "How far back the first reconciliation after a start looks (later passes continue "
                    + "from the previous one).")
    int lookBackMinutes() default 1440;

    @AttributeDefinition(name = "Overlap (s)", min = "0",
            description = "Each pass also looks this far before the previous pass started, for clock skew "
                    + "between Rapport and the FHIR server and for transactions committed late.")
    int overlapSeconds() default 120;
}
