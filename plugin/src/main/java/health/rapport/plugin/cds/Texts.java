package health.rapport.plugin.cds;

/** Text helpers for cards. */
final class Texts {

    private Texts() {
    }

    /** Shortens a summary to the 140 characters CDS Hooks allows, marking the cut. */
    static String summary(String text) {
        return text.length() <= Card.MAX_SUMMARY ? text : text.substring(0, Card.MAX_SUMMARY - 1) + "…";
    }

    /** A caller-given id made safe for a log line: no control characters, bounded length. */
    static String loggable(String id) {
        String safe = id == null ? "" : id.replaceAll("[^A-Za-z0-9\\-]", "?");
        return safe.length() > 64 ? safe.substring(0, 64) : safe;
    }
}
