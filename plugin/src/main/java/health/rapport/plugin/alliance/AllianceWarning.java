package health.rapport.plugin.alliance;

import java.util.List;

/**
 * A possible alliance rupture, in the words the CDS card and the panel both use, with the repair
 * options of the model: the direct and the exploratory strategies of rupture repair (Safran &amp; Muran
 * 2000; Eubanks, Muran &amp; Safran 2018; see docs/clinical-basis.md).
 */
public record AllianceWarning(AllianceReading latest, String reason) {

    public static final String HEADLINE = "Possible alliance rupture: check in with the patient";

    public static final List<String> REPAIR_OPTIONS = List.of(
            "Ask about the session and the relationship directly, in the here and now (metacommunication).",
            "Acknowledge your own part in what went wrong, without defensiveness.",
            "Clarify or renegotiate the tasks and goals of the therapy, and restate the IPT rationale.",
            "Explore what the patient felt, and validate it, including anger or withdrawal.",
            "Link the rupture to the patient's interpersonal patterns where it helps (the IPT problem area).");
}
