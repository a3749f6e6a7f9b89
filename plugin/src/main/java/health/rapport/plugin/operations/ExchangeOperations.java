package health.rapport.plugin.operations;

import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import health.rapport.plugin.content.ContentLibrary;
import health.rapport.plugin.exchange.export.ExportProcessor;
import health.rapport.plugin.exchange.imports.DocumentReader;
import health.rapport.plugin.exchange.imports.ImportProcessor;
import health.rapport.plugin.fhir.FhirRuntime;
import health.rapport.plugin.safety.ChartSafety;
import health.rapport.plugin.safety.ClinicalRules;
import health.rapport.plugin.store.ChartStore;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

/** {@code Patient/[id]/$ipt-export} and {@code $ipt-import}: parse, delegate, answer. */
@Component(service = RapportOperations.class)
public final class ExchangeOperations implements RapportOperations {

    private final ExportProcessor exporter;
    private final ImportProcessor importer;
    private final DocumentReader reader;

    @Activate
    public ExchangeOperations(@org.osgi.service.component.annotations.Reference ChartStore store,
            @org.osgi.service.component.annotations.Reference ContentLibrary library,
            @org.osgi.service.component.annotations.Reference FhirRuntime runtime,
            @org.osgi.service.component.annotations.Reference ClinicalRules rules, BundleContext context) {
        String version = context.getBundle().getVersion().toString();
        this.exporter = ExportProcessor.create(store, library, runtime.context(), new ChartSafety(store, rules.safety()),
                version);
        this.importer = ImportProcessor.create(store, library, runtime.context(), version);
        this.reader = new DocumentReader(runtime.context());
    }

    @Operation(name = "$ipt-export", type = Patient.class, idempotent = true)
    public Bundle export(@IdParam IdType patient) {
        return exporter.export(patient.getIdPart());
    }

    /** The document comes as the body itself or as the {@code document} parameter, hence manual parsing. */
    @Operation(name = "$ipt-import", manualRequest = true)
    public Parameters importDocument(RequestDetails request) {
        ImportProcessor.ImportResult result = importer.importDocument(reader.read(request.loadRequestContents()));
        Parameters out = new Parameters();
        out.addParameter("outcome", new CodeType(result.created() == 0 ? "already-imported" : "imported"));
        out.addParameter().setName("patient").setValue(new Reference("Patient/" + result.patientId()));
        if (result.carePlan() != null) {
            out.addParameter().setName("carePlan").setValue(new Reference(result.carePlan()));
        }
        out.addParameter("created", new IntegerType(result.created()));
        result.placement().superseded().ifPresent(old -> out.addParameter().setName("superseded")
                .setValue(new Reference(old.getIdElement().toUnqualifiedVersionless().getValue())));
        return out;
    }
}
