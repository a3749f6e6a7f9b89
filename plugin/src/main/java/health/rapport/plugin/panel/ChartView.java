package health.rapport.plugin.panel;

import health.rapport.plugin.alliance.AllianceReading;
import health.rapport.plugin.alliance.AllianceRule;
import health.rapport.plugin.alliance.AllianceScore;
import health.rapport.plugin.alliance.AllianceSeries;
import health.rapport.plugin.alliance.AllianceWarning;
import health.rapport.plugin.careplan.IptCarePlan;
import health.rapport.plugin.careplan.IptPhase;
import health.rapport.plugin.content.Displays;
import health.rapport.plugin.fhir.Canonicals;
import health.rapport.plugin.fhir.ChartTimes;
import health.rapport.plugin.measures.Instrument;
import health.rapport.plugin.measures.ScoreReading;
import health.rapport.plugin.measures.ScoreSeries;
import health.rapport.plugin.process.ProcessChart;
import health.rapport.plugin.safety.ChartSafety;
import health.rapport.plugin.sessions.CourseEpisode;
import health.rapport.plugin.sessions.CourseFormat;
import health.rapport.plugin.sessions.CourseSessions;
import health.rapport.plugin.sessions.SessionFormat;
import health.rapport.plugin.store.ChartStore;
import health.rapport.plugin.store.ParallelReads;
import health.rapport.plugin.store.SearchPages;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import org.hl7.fhir.r4.model.Annotation;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CarePlan.CarePlanActivityComponent;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Element;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.EpisodeOfCare;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.Goal;
import org.hl7.fhir.r4.model.Group;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Procedure;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;

/**
 * What the panel shows for one patient, read from the EHR's FHIR server: the patient header,
 * the open IPT course, goals, interventions by tradition, process notes kept apart, PHQ-9 and
 * GAD-7 totals and the latest PHQ-9 item 9. Plain data for JSON; the browser escapes all text.
 */
public final class ChartView {

    static final String LOINC_PHQ9_TOTAL = "44261-6";
    static final String LOINC_GAD7_TOTAL = "70274-6";
    private static final String PSYTHPN = "PSYTHPN";
    private static final int PAGE = 200;
    /** A long course has a few hundred scores; ten pages bound one view's reads. */
    private static final int MAX_PAGES = 10;

    private final ChartStore store;
    private final ChartSafety safety;
    private final Clock clock;
    private final AllianceRule alliance;
    private final ParallelReads reads;
    private final Displays displays;

    public ChartView(ChartStore store, ChartSafety safety, Clock clock, Displays displays) {
        this(store, safety, clock, new AllianceRule(AllianceRule.DEFAULT_LOW_SCORE, AllianceRule.DEFAULT_DROP),
                ParallelReads.SAME_THREAD, displays);
    }

    /**
     * With {@code reads} running the view's independent FHIR reads at the same time; codes are named by
     * {@code displays} (the shipped CodeSystems' wording).
     */
    public ChartView(ChartStore store, ChartSafety safety, Clock clock, AllianceRule alliance, ParallelReads reads,
            Displays displays) {
        this.displays = displays;
        this.alliance = alliance;
        this.store = store;
        this.safety = safety;
        this.clock = clock;
        this.reads = reads;
    }

    /**
     * The view of {@code patientId}; store failures (e.g. NOT_FOUND for the patient) propagate.
     * The reads that do not depend on the open course start together, then those of the course
     * (its sessions, what they delivered, the alliance scores): two rounds of FHIR calls, not ten.
     */
    public Map<String, Object> of(String patientId) {
        CompletableFuture<Patient> patient = reads.start(() -> store.read(Patient.class, patientId));
        // Safety on its own, by the rule the CDS card and the export use: a failure elsewhere must
        // never hide item 9, and a failure to read item 9 is itself shown.
        CompletableFuture<Map<String, Object>> item9 = reads.start(() -> safety(patientId));
        CompletableFuture<Optional<CarePlan>> course = reads.start(() -> openCourse(patientId));
        CompletableFuture<List<Goal>> goals = reads.start(() -> all("Goal?patient=Patient/" + patientId
                + "&_count=" + PAGE, Goal.class));
        // The private area's ruptures, repairs and session notes: shown in the panel's process-notes box only.
        CompletableFuture<Map<String, Object>> process = reads.start(() -> new ProcessChart(store).of(patientId));
        CompletableFuture<Map<String, Coding>> responses = reads.start(() -> responseStatuses(patientId));
        CompletableFuture<List<Observation>> totals = reads.start(() -> observations("Observation?subject=Patient/"
                + patientId + "&code=" + Canonicals.LOINC + "|" + LOINC_PHQ9_TOTAL + "," + Canonicals.LOINC + "|"
                + LOINC_GAD7_TOTAL + "&_count=" + PAGE));

        Map<String, Object> view = new LinkedHashMap<>();
        view.put("patient", patient(ParallelReads.result(patient), patientId));
        view.put("safety", ParallelReads.result(item9));
        Optional<CarePlan> plan = ParallelReads.result(course);
        CompletableFuture<List<Procedure>> delivered = plan.isEmpty() ? CompletableFuture.completedFuture(List.of())
                : reads.start(() -> delivered(plan.get()));
        CompletableFuture<List<Encounter>> held = plan.isEmpty() ? CompletableFuture.completedFuture(List.of())
                : reads.start(() -> CourseSessions.of(store, plan.get()).sessions());
        CompletableFuture<Map<String, Object>> allianceView = plan.isEmpty() ? CompletableFuture.completedFuture(null)
                : reads.start(() -> alliance(patientId));
        CompletableFuture<FormatView> formatView = plan.isEmpty()
                ? CompletableFuture.completedFuture(new FormatView(Map.of(), RelatedPeople.unread(store)))
                : reads.start(() -> format(plan.get(), patientId));
        Map<String, Object> courseView = plan.map(this::course).orElse(null);
        FormatView format = ParallelReads.result(formatView);
        if (courseView != null) {
            courseView.putAll(format.view());
        }
        view.put("course", courseView);
        view.put("goals", goals(ParallelReads.result(goals), plan));
        List<Procedure> procedures = ParallelReads.result(delivered);
        List<Encounter> sessions = ParallelReads.result(held);
        view.put("sessions", plan.map(p -> sessions(sessions, procedures, format.people())).orElse(List.of()));
        view.put("interventions", plan.map(p -> interventions(p, procedures)).orElse(List.of()));
        view.put("processNotes", plan.map(this::processNotes).orElse(List.of()));
        view.put("process", ParallelReads.result(process));
        view.put("scores", scores(ParallelReads.result(totals), ParallelReads.result(responses)));
        view.put("alliance", ParallelReads.result(allianceView));
        return view;
    }

    private Map<String, Object> patient(Patient p, String id) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", id);
        out.put("name", p.getName().stream().findFirst().map(ChartView::name).orElse(""));
        out.put("gender", p.hasGender() ? p.getGender().getDisplay() : null);
        out.put("birthDate", p.hasBirthDate() ? p.getBirthDateElement().getValueAsString() : null);
        return out;
    }

    static String name(HumanName name) {
        if (name.hasText()) {
            return name.getText();
        }
        String given = name.getGiven().stream().map(g -> g.getValue()).collect(Collectors.joining(" "));
        return (given + " " + (name.hasFamily() ? name.getFamily() : "")).trim();
    }

    Map<String, Object> safety(String patientId) {
        return SafetyView.of(safety.of(patientId, clock.instant()));
    }

    private Optional<CarePlan> openCourse(String patientId) {
        return resources(store.search("CarePlan?subject=Patient/" + patientId + "&status=active,on-hold,draft&_count=50"),
                CarePlan.class).stream()
                .filter(p -> p.getExtensionByUrl(Canonicals.EXT_PHASE) != null)
                .max(Comparator.comparing(p -> p.getMeta().getLastUpdated(), Comparator.nullsFirst(Comparator.naturalOrder())));
    }

    private Map<String, Object> course(CarePlan plan) {
        IptCarePlan ipt = IptCarePlan.of(plan);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", plan.getIdElement().getIdPart());
        out.put("versionId", plan.getMeta().getVersionId());
        out.put("status", plan.getStatus() == null ? null : plan.getStatus().toCode());
        out.put("phase", ipt.phase().map(IptPhase::code).orElse(null));
        out.put("contractedSessions", ipt.contractedSessions());
        out.put("completedSessions", ipt.completedSessions());
        out.put("problemAreas", ipt.problemAreas().stream().map(displays::of).toList());
        out.put("disputeStage", ipt.disputeStage().map(displays::of).orElse(null));
        out.put("integrationRoute", ipt.integrationRoute().map(displays::of).orElse(null));
        out.put("start", plan.getPeriod().hasStart() ? plan.getPeriod().getStartElement().getValueAsString() : null);
        return out;
    }

    private List<Map<String, Object>> goals(List<Goal> ofPatient, Optional<CarePlan> plan) {
        Set<String> ofPlan = plan.map(p -> p.getGoal().stream().map(Reference::getReference)
                .map(r -> r.substring(r.lastIndexOf('/') + 1)).collect(Collectors.toSet())).orElse(Set.of());
        return ofPatient.stream()
                .filter(g -> ofPlan.isEmpty() || ofPlan.contains(g.getIdElement().getIdPart()))
                .map(g -> {
                    Map<String, Object> out = new LinkedHashMap<>();
                    out.put("description", displays.of(g.getDescription()));
                    out.put("status", g.hasLifecycleStatus() ? g.getLifecycleStatus().toCode() : "unknown");
                    return out;
                }).toList();
    }

    /**
     * The session alliance scores and, by the same rule as the CDS card, a possible rupture with the
     * repair options of the model.
     */
    private Map<String, Object> alliance(String patientId) {
        List<AllianceReading> series = AllianceSeries.of(observations("Observation?subject=Patient/" + patientId
                + "&code=" + Canonicals.CS_OBSERVATION + "|" + AllianceScore.CODE + "&_sort=date&_count=" + PAGE));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("max", AllianceScore.MAX);
        out.put("scores", series.stream().map(r -> {
            Map<String, Object> point = new LinkedHashMap<>();
            point.put("date", ChartTimes.day(r.when()));
            point.put("score", r.score());
            return point;
        }).toList());
        out.put("warning", alliance.check(series).map(w -> {
            Map<String, Object> warning = new LinkedHashMap<>();
            warning.put("headline", AllianceWarning.HEADLINE);
            warning.put("reason", w.reason());
            warning.put("repairs", AllianceWarning.REPAIR_OPTIONS);
            return warning;
        }).orElse(null));
        return out;
    }

    /** What the course's sessions delivered (withdrawn records left out). */
    private List<Procedure> delivered(CarePlan plan) {
        return all("Procedure?based-on=CarePlan/" + plan.getIdElement().getIdPart() + "&status=completed&_count=" + PAGE,
                Procedure.class);
    }

    /** The course's format part of the view, and the people whose names the sessions show. */
    private record FormatView(Map<String, Object> view, RelatedPeople people) {
    }

    /**
     * The course's format, with the conjoint partner's or the group's name. A conjoint course also gets its partner's
     * id and the patient's RelatedPersons (one search), from which the panel's "Change partner" chooses.
     */
    private FormatView format(CarePlan plan, String patientId) {
        CourseFormat format = CourseEpisode.of(plan).filter(r -> r.startsWith("EpisodeOfCare/"))
                .map(r -> CourseFormat.of(store.read(EpisodeOfCare.class, r.substring(r.indexOf('/') + 1))))
                .orElse(CourseFormat.INDIVIDUAL);
        RelatedPeople people = format.format() == SessionFormat.CONJOINT ? RelatedPeople.of(store, patientId)
                : RelatedPeople.unread(store);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("format", format.format().code());
        out.put("formatText", displays.of(format.format().coding()).replace(" session", ""));
        out.put("partner", format.partner() == null ? null : people.name(format.partner()));
        if (format.format() == SessionFormat.CONJOINT) {
            out.put("partnerId", format.partner() == null ? null : format.partner().substring(format.partner().indexOf('/') + 1));
            out.put("relatedPersons", people.choices(displays));
        }
        if (format.group() != null) {
            String groupId = format.group().substring(format.group().indexOf('/') + 1);
            Optional<Group> group = group(groupId);
            out.put("group", group.map(Group::getName).orElse(format.group()));
            // What the panel's group-session form needs: the group and who is in it now (none when the token does
            // not reach the Group: a patient-scoped launch may reach only the patient's own records).
            out.put("groupId", groupId);
            out.put("members", group.map(GroupView::members).orElse(List.of()));
        } else {
            out.put("group", null);
        }
        return new FormatView(out, people);
    }

    /** The course's Group, or empty when the caller's token may not read it (the chart is shown without it). */
    private Optional<Group> group(String groupId) {
        try {
            return Optional.of(store.read(Group.class, groupId));
        } catch (health.rapport.plugin.store.ChartStoreException e) {
            if (e.failure() != health.rapport.plugin.store.StoreFailure.CALLER_FORBIDDEN) {
                throw e;
            }
            return Optional.empty();
        }
    }

    /**
     * The course's sessions in time order: when, whether held, its number, how, what was done, and the partner who
     * took part as the session itself records it (after a change of partner, earlier sessions keep who was there).
     */
    private List<Map<String, Object>> sessions(List<Encounter> held, List<Procedure> delivered, RelatedPeople people) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Encounter e : held) {
            Map<String, Object> row = new LinkedHashMap<>();
            String id = "Encounter/" + e.getIdElement().getIdPart();
            row.put("date", e.getPeriod().hasStart() ? e.getPeriod().getStartElement().getValueAsString() : null);
            row.put("number", CourseSessions.number(e).orElse(null));
            Extension attendance = e.getExtensionByUrl(Canonicals.EXT_SESSION_ATTENDANCE);
            row.put("attendance", attendance != null && attendance.getValue() instanceof Coding c ? c.getCode() : null);
            row.put("attendanceText", attendance != null && attendance.getValue() instanceof Coding c ? displays.of(c) : null);
            Extension modality = e.getExtensionByUrl(Canonicals.EXT_SESSION_MODALITY);
            row.put("modality", modality != null && modality.getValue() instanceof Coding c ? displays.of(c) : null);
            row.put("minutes", e.hasLength() && e.getLength().hasValue() ? e.getLength().getValue().intValue() : null);
            row.put("format", e.getTypeFirstRep().getCoding().stream()
                    .filter(c -> Canonicals.CS_SESSION_FORMAT.equals(c.getSystem())).map(Coding::getCode).findFirst().orElse(null));
            row.put("partner", e.getParticipant().stream().map(p -> p.getIndividual().getReference())
                    .filter(r -> r != null && r.startsWith("RelatedPerson/")).findFirst().map(people::name).orElse(null));
            row.put("delivered", delivered.stream().filter(p -> id.equals(p.getEncounter().getReference()))
                    .map(p -> displays.of(p.getCode())).toList());
            out.add(row);
        }
        return out;
    }

    private List<Map<String, Object>> interventions(CarePlan plan, List<Procedure> delivered) {
        Map<String, List<Map<String, Object>>> groups = new LinkedHashMap<>();
        for (CarePlanActivityComponent activity : plan.getActivity()) {
            if (processNote(activity)) {
                continue;
            }
            Extension tradition = activity.getExtensionByUrl(Canonicals.EXT_TRADITION);
            String group = tradition != null && tradition.getValue() instanceof Coding c ? displays.of(c)
                    : tradition != null && tradition.getValue() instanceof CodeableConcept cc ? displays.of(cc)
                    : "IPT course tasks";
            Map<String, Object> item = activity(activity);
            // In how many sessions the activity's work was delivered, counted from the Procedures.
            item.put("deliveredIn", delivered.stream().filter(p -> p.getCode().getCoding().stream().anyMatch(c ->
                    activity.getDetail().getCode().getCoding().stream().anyMatch(a -> a.getSystem() != null
                            && a.getSystem().equals(c.getSystem()) && a.getCode() != null && a.getCode().equals(c.getCode()))))
                    .map(p -> p.getEncounter().getReference()).distinct().count());
            groups.computeIfAbsent(group, k -> new ArrayList<>()).add(item);
        }
        return groups.entrySet().stream().map(e -> {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("tradition", e.getKey());
            out.put("items", e.getValue());
            return out;
        }).toList();
    }

    private List<Map<String, Object>> processNotes(CarePlan plan) {
        List<Map<String, Object>> notes = new ArrayList<>();
        for (CarePlanActivityComponent activity : plan.getActivity()) {
            if (processNote(activity)) {
                Map<String, Object> out = activity(activity);
                out.put("notes", activity.getProgress().stream().map(Annotation::getText).toList());
                notes.add(out);
            }
        }
        return notes;
    }

    private Map<String, Object> activity(CarePlanActivityComponent activity) {
        Map<String, Object> out = new LinkedHashMap<>();
        String title = activity.getDetail().hasDescription() ? activity.getDetail().getDescription()
                : displays.of(activity.getDetail().getCode());
        out.put("title", title);
        out.put("status", activity.getDetail().hasStatus() ? activity.getDetail().getStatus().getDisplay() : null);
        out.put("scheduled", activity.getDetail().hasScheduledStringType()
                ? activity.getDetail().getScheduledStringType().getValue() : null);
        return out;
    }

    /** An activity labelled PSYTHPN inline (docs/clinical-basis.md §4), or whose progress notes are. */
    static boolean processNote(CarePlanActivityComponent activity) {
        return labelled(activity) || activity.getProgress().stream().anyMatch(ChartView::labelled);
    }

    private static boolean labelled(Element element) {
        return element.getExtensionsByUrl(Canonicals.EXT_SECURITY_LABEL).stream()
                .anyMatch(e -> e.getValue() instanceof Coding c && PSYTHPN.equals(c.getCode()));
    }

    /**
     * The trend: totals of any source read by the same rules as processing ({@link ScoreSeries}:
     * unusable ones left out, one value per response), in time order.
     */
    private List<Map<String, Object>> scores(List<Observation> totals, Map<String, Coding> responses) {
        List<Map<String, Object>> points = new ArrayList<>();
        for (Instrument instrument : Instrument.values()) {
            for (ScoreReading reading : ScoreSeries.of(totals, instrument, Optional.empty(), Optional.empty()).readings()) {
                Map<String, Object> out = new LinkedHashMap<>();
                out.put("instrument", instrument.title());
                out.put("date", ChartTimes.day(reading.when()));
                out.put("when", reading.when().toString());
                out.put("value", reading.value());
                Coding response = responses.get(reading.source().substring(reading.source().indexOf('/') + 1));
                if (response != null) {
                    out.put("response", Map.of("code", response.getCode(), "display", displays.of(response)));
                }
                points.add(out);
            }
        }
        points.sort(Comparator.comparing(p -> (String) p.get("when")));
        return points;
    }

    /**
     * The response status Rapport recorded for each score (response, remission, non-response…),
     * by the id of the score Observation it derives from.
     */
    private Map<String, Coding> responseStatuses(String patientId) {
        Map<String, Coding> out = new LinkedHashMap<>();
        observations("Observation?subject=Patient/" + patientId + "&code=" + Canonicals.CS_OBSERVATION
                + "|measure-response-status&_count=" + PAGE).stream()
                .filter(o -> o.getStatus() != Observation.ObservationStatus.ENTEREDINERROR)
                .filter(o -> o.getValue() instanceof CodeableConcept)
                .forEach(o -> o.getDerivedFrom().forEach(ref -> {
                    String id = ref.getReferenceElement().getIdPart();
                    ((CodeableConcept) o.getValue()).getCoding().stream()
                            .filter(c -> Canonicals.CS_RESPONSE_STATUS.equals(c.getSystem())).findFirst()
                            .ifPresent(c -> out.put(id, c));
                }));
        return out;
    }

    private List<Observation> observations(String search) {
        return all(search, Observation.class);
    }

    /** Every match of {@code search}, following the server's next links up to {@link #MAX_PAGES} pages. */
    private <T extends Resource> List<T> all(String search, Class<T> type) {
        return SearchPages.all(store, search, type, MAX_PAGES);
    }

    private <T extends Resource> List<T> resources(Bundle bundle, Class<T> type) {
        return bundle.getEntry().stream().map(Bundle.BundleEntryComponent::getResource)
                .filter(type::isInstance).map(type::cast).toList();
    }

}
