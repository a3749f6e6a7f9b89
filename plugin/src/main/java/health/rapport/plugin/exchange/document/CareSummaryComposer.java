package health.rapport.plugin.exchange.document;

import health.rapport.plugin.careplan.IptCarePlan;
import health.rapport.plugin.content.ContentLibrary;
import health.rapport.plugin.content.Displays;
import health.rapport.plugin.fhir.Canonicals;
import health.rapport.plugin.fhir.ChartTimes;
import health.rapport.plugin.safety.Item9State;
import health.rapport.plugin.safety.Item9Words;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.hl7.fhir.r4.model.CanonicalType;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Composition.SectionComponent;
import org.hl7.fhir.r4.model.Composition;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.Goal;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Narrative;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;

/**
 * The Composition of the exported document: the IPT care summary, one section per topic
 * (course, problem area, goals, interventions, measures with their trend, relapse-prevention
 * plan, definitions used), each with a narrative built from already-filtered resources, so
 * nothing held back from the document can appear in its text.
 */
public final class CareSummaryComposer {

    static final String TITLE = "Interpersonal psychotherapy (IPT) care summary";

    private final RelapsePlanSummary relapse;
    private final Displays displays;
    private final String rapportVersion;

    /** The composer with the displays and relapse-plan reading of the shipped content. */
    public static CareSummaryComposer create(ContentLibrary library, String rapportVersion) {
        return new CareSummaryComposer(new RelapsePlanSummary(library), new Displays(library), rapportVersion);
    }

    CareSummaryComposer(RelapsePlanSummary relapse, Displays displays, String rapportVersion) {
        this.relapse = relapse;
        this.displays = displays;
        this.rapportVersion = rapportVersion;
    }

    /**
     * @param shared   the resources travelling (already prepared for sharing)
     * @param fullUrls each shared resource's fullUrl in the document
     */
    public Composition compose(SharedRecord shared, Map<Resource, String> fullUrls, Date date, String confidentiality,
            Item9State safety) {
        Composition composition = new Composition();
        composition.setStatus(Composition.CompositionStatus.FINAL);
        composition.setType(new CodeableConcept(new Coding(Canonicals.LOINC, Canonicals.LOINC_PLAN_OF_CARE_NOTE,
                "Plan of care note")).setText(TITLE));
        composition.setSubject(ref(fullUrls, shared.patient()));
        composition.setDate(date);
        composition.addAuthor(new Reference().setType("Device")
                .setIdentifier(new Identifier().setSystem(Canonicals.DEVICE_IDENTIFIER_SYSTEM).setValue("rapport"))
                .setDisplay("Rapport " + rapportVersion));
        composition.setTitle(TITLE);
        composition.setConfidentiality(Composition.DocumentConfidentiality.fromCode(confidentiality));
        CarePlan plan = shared.plan();
        composition.setText(narrative(new Xhtml().paragraph(TITLE + (plan.hasTitle() ? ": " + plan.getTitle() : "")
                + " (" + plan.getStatus().getDisplay().toLowerCase() + ").")));

        course(composition.addSection(), plan, fullUrls);
        problemArea(composition.addSection(), plan, shared.conditions(), fullUrls);
        goals(composition.addSection(), shared.goals(), fullUrls);
        interventions(composition.addSection(), plan, fullUrls);
        measures(composition.addSection(), shared.scores(), fullUrls);
        safety(composition.addSection(), safety);
        shared.relapsePlan().ifPresent(r -> relapsePlan(composition.addSection(), r, fullUrls));
        definitions(composition.addSection(), shared);
        return composition;
    }

    private void course(SectionComponent section, CarePlan plan, Map<Resource, String> fullUrls) {
        IptCarePlan ipt = IptCarePlan.of(plan);
        List<String> facts = new ArrayList<>();
        facts.add("Plan: " + (plan.hasTitle() ? plan.getTitle() : "IPT course"));
        facts.add("Status: " + plan.getStatus().getDisplay());
        ipt.phase().ifPresent(p -> facts.add("Phase: " + displays.of(p.coding())));
        if (plan.getPeriod().hasStart()) {
            facts.add("Started: " + ChartTimes.day(plan.getPeriod().getStartElement()));
        }
        if (ipt.contractedSessions() > 0) {
            facts.add("Sessions: " + ipt.completedSessions() + " of " + ipt.contractedSessions() + " completed");
        }
        ipt.integrationRoute().ifPresent(r -> facts.add("Integration route: " + displays.of(r)));
        section.setTitle("IPT course").setText(narrative(new Xhtml().list(facts)));
        section.addEntry(ref(fullUrls, plan));
    }

    private void problemArea(SectionComponent section, CarePlan plan, List<Condition> conditions,
            Map<Resource, String> fullUrls) {
        IptCarePlan ipt = IptCarePlan.of(plan);
        List<String> areas = new ArrayList<>();
        for (Coding area : ipt.problemAreas()) {
            String line = displays.of(area);
            if ("role-dispute".equals(area.getCode()) && ipt.disputeStage().isPresent()) {
                line += " (stage: " + displays.of(ipt.disputeStage().get()) + ")";
            }
            areas.add(line);
        }
        Xhtml text = new Xhtml();
        if (areas.isEmpty()) {
            text.paragraph("No problem area has been chosen yet.");
        } else {
            text.list(areas);
        }
        section.setTitle("Problem area").setText(narrative(text));
        conditions.forEach(c -> section.addEntry(ref(fullUrls, c)));
    }

    private void goals(SectionComponent section, List<Goal> goals, Map<Resource, String> fullUrls) {
        Xhtml text = new Xhtml();
        if (goals.isEmpty()) {
            text.paragraph("No goals recorded yet.");
        } else {
            text.list(goals.stream().map(g -> displays.of(g.getDescription())
                    + (g.hasLifecycleStatus() ? " (" + g.getLifecycleStatus().getDisplay().toLowerCase() + ")" : ""))
                    .toList());
        }
        section.setTitle("Goals").setText(narrative(text));
        goals.forEach(g -> section.addEntry(ref(fullUrls, g)));
    }

    private void interventions(SectionComponent section, CarePlan plan, Map<Resource, String> fullUrls) {
        List<List<String>> rows = new ArrayList<>();
        for (CarePlan.CarePlanActivityComponent activity : plan.getActivity()) {
            Extension phase = activity.getExtensionByUrl(Canonicals.EXT_PHASE);
            CarePlan.CarePlanActivityDetailComponent detail = activity.getDetail();
            rows.add(List.of(phase != null && phase.getValue() instanceof Coding c ? displays.of(c) : "",
                    detail.hasDescription() ? detail.getDescription() : displays.of(detail.getCode()),
                    detail.getScheduled() != null && detail.getScheduled().isPrimitive()
                            ? detail.getScheduled().primitiveValue() : "",
                    detail.hasStatus() ? detail.getStatus().getDisplay() : ""));
        }
        Xhtml text = rows.isEmpty() ? new Xhtml().paragraph("No interventions planned.")
                : new Xhtml().table(List.of("Phase", "Intervention", "When", "Status"), rows);
        section.setTitle("Interventions").setText(narrative(text));
        section.addEntry(ref(fullUrls, plan));
    }

    private void measures(SectionComponent section, List<Observation> scores, Map<Resource, String> fullUrls) {
        Xhtml text = new Xhtml();
        if (scores.isEmpty()) {
            text.paragraph("No measures recorded in this course yet.");
        } else {
            text.list(MeasureTrend.trends(scores)).table(MeasureTrend.headers(), MeasureTrend.rows(scores, displays));
        }
        section.setTitle("Measures").setText(narrative(text));
        scores.forEach(o -> section.addEntry(ref(fullUrls, o)));
    }

    /** PHQ-9 item 9 at the time of export, in the words of the CDS card and the panel. */
    private static void safety(SectionComponent section, Item9State state) {
        Xhtml text = new Xhtml().paragraph(Item9Words.headline(state) + ".");
        List<String> details = Item9Words.details(state);
        if (!details.isEmpty()) {
            text.list(details);
        }
        section.setTitle("Safety: PHQ-9 item 9").setText(narrative(text));
    }

    private void relapsePlan(SectionComponent section, QuestionnaireResponse response, Map<Resource, String> fullUrls) {
        List<String> lines = relapse.lines(response);
        Xhtml text = new Xhtml().paragraph("Agreed on " + ChartTimes.day(response.getAuthoredElement()) + ".");
        text.list(lines);
        section.setTitle("Relapse-prevention plan").setText(narrative(text));
        section.addEntry(ref(fullUrls, response));
    }

    /** The versioned canonicals of the definitions the course and its measures rest on. */
    private static void definitions(SectionComponent section, SharedRecord shared) {
        Set<String> canonicals = new LinkedHashSet<>();
        shared.plan().getInstantiatesCanonical().forEach(c -> canonicals.add(c.getValue()));
        shared.scores().forEach(o -> o.getExtensionsByUrl(Canonicals.EXT_WORKFLOW_INSTANTIATES_CANONICAL)
                .forEach(e -> canonicals.add(((CanonicalType) e.getValue()).getValue())));
        shared.relapsePlan().map(QuestionnaireResponse::getQuestionnaire).ifPresent(canonicals::add);
        Xhtml text = canonicals.isEmpty() ? new Xhtml().paragraph("None.") : new Xhtml().list(List.copyOf(canonicals));
        section.setTitle("Definitions used").setText(narrative(text));
    }

    private static Reference ref(Map<Resource, String> fullUrls, Resource resource) {
        return new Reference(Optional.ofNullable(fullUrls.get(resource)).orElseThrow());
    }

    private static Narrative narrative(Xhtml text) {
        Narrative narrative = new Narrative().setStatus(Narrative.NarrativeStatus.GENERATED);
        narrative.setDivAsString(text.div());
        return narrative;
    }
}
