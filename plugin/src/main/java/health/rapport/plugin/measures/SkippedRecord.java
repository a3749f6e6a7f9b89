package health.rapport.plugin.measures;

/**
 * A chart record that looked like a PHQ-9 item-9 answer or a score but could not be used, and why.
 *
 * @param source the resource, e.g. {@code Observation/abc}
 * @param reason in plain words
 * @param doubtful true when the record may hold a positive answer Rapport could not read (an
 *     unreadable or out-of-range value, a positive value without a time or not yet final): the
 *     safety check then cannot say "negative"
 */
public record SkippedRecord(String source, String reason, boolean doubtful) {

    /** "source (reason)" for a log line: the text may come from other systems, so no control characters. */
    public String loggable() {
        return (source + " (" + reason + ")").replaceAll("\\p{Cntrl}", "?");
    }
}
