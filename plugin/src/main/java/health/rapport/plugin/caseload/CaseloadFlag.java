package health.rapport.plugin.caseload;

/**
 * What needs the clinician's attention in one course, most urgent first: the order of the constants is
 * the order of urgency the caseload sorts and shows them in.
 */
public enum CaseloadFlag {

    /** PHQ-9 item 9 positive and not yet covered by a risk review (the safety rule's alert). */
    ITEM9_POSITIVE("item9-positive", "Item 9 positive"),
    /** Item 9 could not be checked (a source unreadable, or a record that may be positive). */
    ITEM9_NOT_CHECKED("item9-not-checked", "Item 9 could not be checked"),
    /** Reliably worse than at baseline on PHQ-9 or GAD-7. */
    DETERIORATION("deterioration", "Reliable deterioration"),
    /** No PHQ-9 response by the review session. */
    NOT_ON_TRACK("not-on-track", "Not on track at the review session"),
    /** A possible alliance rupture (session alliance score low, or dropping). */
    ALLIANCE("alliance", "Alliance warning"),
    /** A PHQ-9 or GAD-7 asked for long ago is still not filled in. */
    MEASURES_OVERDUE("measures-overdue", "Measures overdue"),
    /** No session held in the last {@value CaseloadFlags#NO_SESSION_DAYS} days. */
    NO_RECENT_SESSION("no-recent-session", "No session in " + CaseloadFlags.NO_SESSION_DAYS + " days");

    private final String code;
    private final String label;

    CaseloadFlag(String code, String label) {
        this.code = code;
        this.label = label;
    }

    public String code() {
        return code;
    }

    public String label() {
        return label;
    }
}
