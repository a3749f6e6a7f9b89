package health.rapport.plugin.process;

import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.hl7.fhir.r4.model.Coding;

/**
 * One alliance rupture as the clinician describes it: its marker, the repair strategies used, whether it
 * resolved, when in the session it happened and an optional private note.
 */
public record RuptureRecord(Coding marker, List<Coding> strategies, Coding resolution, Optional<Date> occurred,
        Optional<String> note) {

    public RuptureRecord {
        strategies = strategies == null ? List.of() : List.copyOf(strategies);
        occurred = occurred == null ? Optional.empty() : occurred;
        note = note == null ? Optional.empty() : note.map(String::strip).filter(s -> !s.isEmpty());
    }
}
