package health.rapport.plugin.safety;

/** Where a patient stands on PHQ-9 item 9, as every part of Rapport reports it. */
public enum Item9Status {

    /** A positive answer within the look-back (or the latest answer, whatever its age) that no risk review covers. */
    POSITIVE("positive", true),
    /** A source could not be read or reached, or a record could not be read: possibly positive. */
    COULD_NOT_CHECK("could-not-check", true),
    /** The latest PHQ-9 left item 9 unanswered: ask directly. */
    NOT_ANSWERED("not-answered", false),
    /** Every positive answer in the look-back has been followed by a clinician's risk review. */
    REVIEWED("reviewed", false),
    /** The latest answer is 0 and no positive answer is within the look-back. */
    NEGATIVE("negative", false),
    /** No PHQ-9 item 9 on the chart. */
    NONE("none", false);

    private final String code;
    private final boolean critical;

    Item9Status(String code, boolean critical) {
        this.code = code;
        this.critical = critical;
    }

    public String code() {
        return code;
    }

    /** Shown as a critical alert: a positive answer, or one that cannot be ruled out. */
    public boolean critical() {
        return critical;
    }
}
