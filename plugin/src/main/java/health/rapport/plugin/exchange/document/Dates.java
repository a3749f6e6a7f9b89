package health.rapport.plugin.exchange.document;

/** Dates in the narrative are the calendar day as recorded, never converted to another time zone. */
final class Dates {

    private Dates() {
    }

    static String day(String fhirDateTime) {
        return fhirDateTime == null ? "" : fhirDateTime.substring(0, Math.min(10, fhirDateTime.length()));
    }
}
