package health.rapport.plugin.notify;

/** What handling one notified or reconciled response came to. */
enum Outcome {
    /** Processed now. */
    PROCESSED,
    /** This version had been processed before (by a notification, a clinician or another host). */
    ALREADY_PROCESSED,
    /** Not Rapport's to process: another questionnaire, not completed, or deleted. */
    SKIPPED,
    /** Rapport refuses this response (e.g. unscorable answers); trying again changes nothing. */
    REJECTED,
    /** The FHIR server failed or kept conflicting; a later reconciliation tries again. */
    RETRY_LATER;

    boolean transientFailure() {
        return this == RETRY_LATER;
    }
}
