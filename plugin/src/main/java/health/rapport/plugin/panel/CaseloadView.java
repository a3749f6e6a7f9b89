package health.rapport.plugin.panel;

import health.rapport.plugin.careplan.IptCarePlan;
import health.rapport.plugin.careplan.IptPhase;
import health.rapport.plugin.caseload.CaseloadFlag;
import health.rapport.plugin.caseload.CaseloadFlags;
import health.rapport.plugin.caseload.CaseloadReader;
import health.rapport.plugin.caseload.CourseChart;
import health.rapport.plugin.content.Displays;
import health.rapport.plugin.fhir.ChartTimes;
import health.rapport.plugin.measures.Instrument;
import health.rapport.plugin.measures.ScoreReading;
import health.rapport.plugin.measures.ScoreSeries;
import health.rapport.plugin.safety.ClinicalRules;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The panel's caseload as JSON: one page ({@link CaseloadPage}) of the rows of the clinician's open
 * courses, ordered over all of them, by default the most urgent first (by the first flag, then the
 * longest since a session), with the number of rows and pages, and the flags the rows can carry, in
 * order of urgency. Plain data; the browser escapes all text.
 */
public final class CaseloadView {

    private final CaseloadReader reader;
    private final CaseloadFlags flags;
    private final ClinicalRules rules;
    private final Clock clock;

    private final Displays displays;

    public CaseloadView(CaseloadReader reader, ClinicalRules rules, Clock clock, Displays displays) {
        this.displays = displays;
        this.reader = reader;
        this.flags = new CaseloadFlags(rules);
        this.rules = rules;
        this.clock = clock;
    }

    /** @param practitionerId a checked FHIR id: the signed-in clinician */
    public Map<String, Object> of(String practitionerId, CaseloadPage page) {
        Instant now = clock.instant();
        List<Map<String, Object>> rows = reader.courses(practitionerId, now.minus(rules.safety().lookback())).stream()
                .map(c -> row(c, now)).sorted(Comparator.comparing((Map<String, Object> r) -> (Integer) r.get("urgency"))
                        .thenComparing(r -> (String) r.get("lastSessionAt"), Comparator.nullsFirst(Comparator.naturalOrder())))
                .toList();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("clinician", "Practitioner/" + practitionerId);
        out.put("generated", now.toString());
        out.put("flags", Arrays.stream(CaseloadFlag.values()).map(CaseloadView::flag).toList());
        out.putAll(page.of(rows));
        return out;
    }

    private Map<String, Object> row(CourseChart chart, Instant now) {
        CaseloadFlags.Assessment assessment = flags.assess(chart, now);
        IptCarePlan course = IptCarePlan.of(chart.plan());
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("patient", Map.of("id", chart.patientId(),
                "name", chart.patient().getName().stream().findFirst().map(ChartView::name).orElse("")));
        out.put("carePlan", chart.plan().getIdElement().getIdPart());
        out.put("status", chart.plan().getStatus() == null ? null : chart.plan().getStatus().toCode());
        out.put("phase", course.phase().map(IptPhase::code).orElse(null));
        out.put("session", course.completedSessions());
        out.put("sessions", course.contractedSessions());
        out.put("problemAreas", course.problemAreas().stream().map(displays::of).toList());
        out.put("lastSession", assessment.lastSession().map(ChartTimes::day).orElse(null));
        out.put("lastSessionAt", assessment.lastSession().map(Instant::toString).orElse(null));
        for (Instrument instrument : Instrument.values()) {
            out.put(instrument == Instrument.PHQ9 ? "phq9" : "gad7", latest(chart, course.start(), instrument));
        }
        out.put("item9", assessment.item9().status().code());
        out.put("flags", assessment.flags().stream().map(CaseloadView::flag).toList());
        out.put("urgency", assessment.flags().stream().findFirst().map(Enum::ordinal).orElse(CaseloadFlag.values().length));
        return out;
    }

    /** The latest total of the course and its direction since the one before ("up" is worse on both measures). */
    private static Map<String, Object> latest(CourseChart chart, Optional<Instant> start, Instrument instrument) {
        List<ScoreReading> readings = ScoreSeries.of(chart.observations(), instrument, start, Optional.empty()).readings();
        if (readings.isEmpty()) {
            return null;
        }
        ScoreReading last = readings.get(readings.size() - 1);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("value", last.value());
        out.put("date", ChartTimes.day(last.when()));
        if (readings.size() > 1) {
            int previous = readings.get(readings.size() - 2).value();
            out.put("trend", last.value() > previous ? "up" : last.value() < previous ? "down" : "same");
        }
        return out;
    }

    private static Map<String, Object> flag(CaseloadFlag flag) {
        return Map.of("code", flag.code(), "label", flag.label());
    }
}
