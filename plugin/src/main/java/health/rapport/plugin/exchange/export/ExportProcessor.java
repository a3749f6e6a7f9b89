package health.rapport.plugin.exchange.export;

import health.rapport.plugin.http.OperationFailure;
import ca.uhn.fhir.context.FhirContext;
import health.rapport.plugin.content.ContentLibrary;
import health.rapport.plugin.exchange.ProcessNotes;
import health.rapport.plugin.exchange.document.CareSummaryComposer;
import health.rapport.plugin.exchange.document.SharedRecord;
import health.rapport.plugin.http.Urls;
import health.rapport.plugin.safety.ChartSafety;
import health.rapport.plugin.store.ChartStore;
import java.util.Date;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.Composition;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.DomainResource;
import org.hl7.fhir.r4.model.Goal;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.hl7.fhir.r4.model.Resource;

/**
 * {@code Patient/[id]/$ipt-export}: the patient's IPT course as a FHIR document. Process notes
 * are held back at every level (whole resources, plan activities, notes); references to what
 * does not travel are cut; the document carries the labels of what it holds. Reads only.
 */
public final class ExportProcessor {

    private final ChartStore store;
    private final CareRecordLoader loader;
    private final ProcessNotes processNotes;
    private final ShareableCarePlan shareable;
    private final ExportPreparer preparer;
    private final QuestionnaireCanonicals questionnaires;
    private final ReferencePruner pruner;
    private final CareSummaryComposer composer;
    private final ChartSafety safety;

    ExportProcessor(ChartStore store, ProcessNotes processNotes, QuestionnaireCanonicals questionnaires,
            ReferencePruner pruner, CareSummaryComposer composer, ChartSafety safety) {
        this.safety = safety;
        this.store = store;
        this.loader = new CareRecordLoader(store);
        this.processNotes = processNotes;
        this.shareable = new ShareableCarePlan(processNotes);
        this.preparer = new ExportPreparer(processNotes);
        this.questionnaires = questionnaires;
        this.pruner = pruner;
        this.composer = composer;
    }

    /** The exporter with its parts, as the {@code $ipt-export} provider uses it. */
    public static ExportProcessor create(ChartStore store, ContentLibrary library, FhirContext fhir, ChartSafety safety,
            String rapportVersion) {
        ProcessNotes processNotes = ProcessNotes.from(library);
        return new ExportProcessor(store, processNotes, new QuestionnaireCanonicals(library), new ReferencePruner(fhir),
                CareSummaryComposer.create(library, rapportVersion), safety);
    }

    public Bundle export(String patientId) {
        CareRecord record = loader.load(patientId);
        if (processNotes.isProcessNote(record.plan())) {
            throw OperationFailure.businessRule("The patient's IPT plan is labelled as a psychotherapy process note "
                    + "and is never shared.");
        }
        String base = trim(store.baseUrl());
        CarePlan plan = prepare(shareable.of(record.plan()), base);
        List<Condition> conditions = shareable(record.conditions()).stream().map(c -> prepare(c.copy(), base)).toList();
        List<Goal> goals = shareable(record.goals()).stream().map(g -> prepare(g.copy(), base)).toList();
        List<Observation> scores = shareable(record.scores()).stream().map(o -> {
            Observation copy = o.copy();
            questionnaires.annotate(copy, record.questionnaires());
            return prepare(copy, base);
        }).toList();
        Optional<QuestionnaireResponse> relapse = record.relapsePlan().filter(r -> !processNotes.isProcessNote(r))
                .map(r -> prepare(r.copy(), base));
        SharedRecord shared = new SharedRecord(preparer.patient(record.patient()), plan, conditions, goals, scores,
                relapse);

        Set<String> travelling = new HashSet<>();
        shared.all().forEach(r -> travelling.add(CareRecordLoader.key(r)));
        shared.all().forEach(r -> pruner.prune(r, travelling));
        Map<Resource, String> fullUrls = new IdentityHashMap<>();
        shared.all().forEach(r -> fullUrls.put(r, base + "/" + CareRecordLoader.key(r)));

        DocumentLabels labels = DocumentLabels.of(shared.all());
        Date now = new Date();
        // The receiving clinician learns the item-9 state by the rule the CDS card and the panel use.
        Composition composition = composer.compose(shared, fullUrls, now, labels.confidentiality(),
                safety.of(patientId, now.toInstant()));
        labels.all().forEach(l -> composition.getMeta().addSecurity(l.copy()));

        Bundle document = new Bundle().setType(Bundle.BundleType.DOCUMENT).setTimestamp(now);
        // The identifier's system names the sender: the FHIR server the document was made from.
        document.getIdentifier().setSystem(base).setValue("urn:uuid:" + UUID.randomUUID());
        labels.all().forEach(l -> document.getMeta().addSecurity(l));
        document.addEntry().setFullUrl("urn:uuid:" + UUID.randomUUID()).setResource(composition);
        shared.all().forEach(r -> document.addEntry().setFullUrl(fullUrls.get(r)).setResource(r));
        return document;
    }

    private <T extends DomainResource> T prepare(T resource, String base) {
        resource.setId(resource.getIdElement().getIdPart());
        return preparer.prepare(resource, base + "/" + CareRecordLoader.key(resource));
    }

    private <T extends Resource> List<T> shareable(List<T> resources) {
        return resources.stream().filter(r -> !processNotes.isProcessNote(r)).toList();
    }

    private static String trim(String base) {
        return Urls.withoutTrailingSlash(base);
    }
}
