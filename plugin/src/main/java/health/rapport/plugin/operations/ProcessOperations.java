package health.rapport.plugin.operations;

import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.annotation.OperationParam;
import health.rapport.plugin.process.ProcessRecords;
import health.rapport.plugin.process.RuptureRecord;
import java.util.List;
import java.util.Optional;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.DocumentReference;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.StringType;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

/**
 * The private record of a session's process (docs/clinical-basis.md §2): a rupture and its repair, and the
 * clinician's process note, each on the session's Encounter. Both answer with what was written: the
 * caller is the clinician who wrote it. A {@code requestId} chosen by the caller makes a retry safe: the
 * same id on the same session records once and answers with what was recorded. A recorded rupture or note is
 * corrected ({@code Observation/[id]/$ipt-amend-rupture}, {@code DocumentReference/[id]/$ipt-amend-process-note}) or
 * withdrawn when recorded in error ({@code $ipt-withdraw-process-event} on either), under the If-Match the caller
 * sends, if any.
 */
@Component(service = RapportOperations.class)
public final class ProcessOperations implements RapportOperations {

    private final ProcessRecords records;

    @Activate
    public ProcessOperations(@org.osgi.service.component.annotations.Reference ProcessRecords records) {
        this.records = records;
    }

    @Operation(name = "$ipt-record-rupture", type = Encounter.class)
    public Observation recordRupture(@IdParam IdType encounter,
            @OperationParam(name = "marker", min = 1, max = 1) Coding marker,
            @OperationParam(name = "strategy", max = OperationParam.MAX_UNLIMITED) List<Coding> strategies,
            @OperationParam(name = "resolution", min = 1, max = 1) Coding resolution,
            @OperationParam(name = "occurred", max = 1) DateTimeType occurred,
            @OperationParam(name = "note", max = 1) StringType note,
            @OperationParam(name = "practitioner", max = 1) StringType practitioner,
            @OperationParam(name = "requestId", max = 1) StringType requestId) {
        RuptureRecord rupture = new RuptureRecord(marker, strategies,  resolution,
                Optional.ofNullable(occurred).filter(DateTimeType::hasValue).map(DateTimeType::getValue),
                Optional.ofNullable(note).map(StringType::getValue));
        return records.recorder().recordRupture(encounter.getIdPart(), rupture, clinician(practitioner), value(requestId));
    }

    @Operation(name = "$ipt-record-process-note", type = Encounter.class)
    public DocumentReference recordNote(@IdParam IdType encounter,
            @OperationParam(name = "text", min = 1, max = 1) StringType text,
            @OperationParam(name = "practitioner", max = 1) StringType practitioner,
            @OperationParam(name = "requestId", max = 1) StringType requestId) {
        return records.recorder().writeNote(encounter.getIdPart(), text == null ? null : text.getValue(),
                clinician(practitioner), value(requestId));
    }

    @Operation(name = "$ipt-amend-rupture", type = Observation.class)
    public Observation amendRupture(@IdParam IdType observation,
            @OperationParam(name = "marker", min = 1, max = 1) Coding marker,
            @OperationParam(name = "strategy", max = OperationParam.MAX_UNLIMITED) List<Coding> strategies,
            @OperationParam(name = "resolution", min = 1, max = 1) Coding resolution,
            @OperationParam(name = "occurred", max = 1) DateTimeType occurred,
            @OperationParam(name = "note", max = 1) StringType note,
            @OperationParam(name = "practitioner", max = 1) StringType practitioner,
            ca.uhn.fhir.rest.api.server.RequestDetails request) {
        RuptureRecord rupture = new RuptureRecord(marker, strategies, resolution,
                Optional.ofNullable(occurred).filter(DateTimeType::hasValue).map(DateTimeType::getValue),
                Optional.ofNullable(note).map(StringType::getValue));
        return records.recorder().amendRupture(observation.getIdPart(), rupture, clinician(practitioner), OperationParams.expectedVersion(request));
    }

    @Operation(name = "$ipt-amend-process-note", type = DocumentReference.class)
    public DocumentReference amendNote(@IdParam IdType document,
            @OperationParam(name = "text", min = 1, max = 1) StringType text,
            @OperationParam(name = "practitioner", max = 1) StringType practitioner,
            ca.uhn.fhir.rest.api.server.RequestDetails request) {
        return records.recorder().amendNote(document.getIdPart(), text == null ? null : text.getValue(),
                clinician(practitioner), OperationParams.expectedVersion(request));
    }

    @Operation(name = "$ipt-withdraw-process-event", type = Observation.class)
    public Observation withdrawRupture(@IdParam IdType observation,
            @OperationParam(name = "practitioner", max = 1) StringType practitioner,
            ca.uhn.fhir.rest.api.server.RequestDetails request) {
        return (Observation) records.recorder().withdraw(Observation.class, observation.getIdPart(), clinician(practitioner),
                OperationParams.expectedVersion(request));
    }

    @Operation(name = "$ipt-withdraw-process-event", type = DocumentReference.class)
    public DocumentReference withdrawNote(@IdParam IdType document,
            @OperationParam(name = "practitioner", max = 1) StringType practitioner,
            ca.uhn.fhir.rest.api.server.RequestDetails request) {
        return (DocumentReference) records.recorder().withdraw(DocumentReference.class, document.getIdPart(),
                clinician(practitioner), OperationParams.expectedVersion(request));
    }

    private static Optional<String> value(StringType requestId) {
        return Optional.ofNullable(requestId).map(StringType::getValue);
    }

    private static Reference clinician(StringType practitioner) {
        String id = OperationParams.practitioner(practitioner);
        return id == null ? null : new Reference("Practitioner/" + id);
    }
}
