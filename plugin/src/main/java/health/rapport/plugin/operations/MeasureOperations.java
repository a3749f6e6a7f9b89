package health.rapport.plugin.operations;

import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.annotation.OperationParam;
import health.rapport.plugin.http.OperationFailure;
import health.rapport.plugin.outcomes.OutcomeMeasures;
import java.time.LocalDate;
import java.util.Optional;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Measure;
import org.hl7.fhir.r4.model.MeasureReport;
import org.hl7.fhir.r4.model.StringType;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * {@code Measure/[id]/$evaluate-measure} (FHIR R4) for Rapport's own outcome Measures, without a CQL
 * engine: the period, an optional clinician and an optional Group of patients; a summary, or a subject list
 * of the calling clinician's own patients.
 */
@Component(service = RapportOperations.class)
public final class MeasureOperations implements RapportOperations {

    private final OutcomeMeasures measures;

    @Activate
    public MeasureOperations(@Reference OutcomeMeasures measures) {
        this.measures = measures;
    }

    @Operation(name = "$evaluate-measure", type = Measure.class, idempotent = true)
    public MeasureReport evaluate(@IdParam IdType measure,
            @OperationParam(name = "periodStart", min = 1, max = 1) DateType periodStart,
            @OperationParam(name = "periodEnd", min = 1, max = 1) DateType periodEnd,
            @OperationParam(name = "reportType", max = 1) CodeType reportType,
            @OperationParam(name = "subject", max = 1) StringType subject,
            @OperationParam(name = "practitioner", max = 1) StringType practitioner) {
        boolean subjectList = subjectList(reportType);
        return measures.evaluate(new OutcomeMeasures.Request(measure.getIdPart(), day(periodStart, "periodStart", false),
                day(periodEnd, "periodEnd", true), subjectList, Optional.ofNullable(OperationParams.id(practitioner, "Practitioner")),
                Optional.ofNullable(group(subject))));
    }

    private static boolean subjectList(CodeType reportType) {
        String type = reportType == null || !reportType.hasValue() ? "summary" : reportType.getValue();
        return switch (type) {
            case "summary", "population" -> false;
            case "subject-list" -> true;
            default -> throw OperationFailure.invalid("reportType must be summary or subject-list, not '" + type + "'.");
        };
    }

    /**
     * The day a date parameter names. A year or a month given as the period's end means its last day, as the
     * start its first: {@code periodStart=2026&periodEnd=2026} is the whole year.
     */
    private static LocalDate day(DateType value, String name, boolean end) {
        if (value == null || !value.hasValue()) {
            throw OperationFailure.invalid(name + " (a date) is required.");
        }
        LocalDate first = LocalDate.of(value.getYear(), value.getMonth() + 1, value.getDay());
        return switch (value.getPrecision()) {
            case YEAR -> end ? first.withDayOfYear(first.lengthOfYear()) : first.withDayOfYear(1);
            case MONTH -> end ? first.withDayOfMonth(first.lengthOfMonth()) : first.withDayOfMonth(1);
            default -> first;
        };
    }

    /** Only a Group is a subject here: an outcome measure counts a service's courses, not one patient's. */
    private static String group(StringType subject) {
        if (subject == null || !subject.hasValue()) {
            return null;
        }
        if (!subject.getValue().startsWith("Group/")) {
            throw OperationFailure.invalid("subject must be a Group (Group/[id]), not '" + subject.getValue() + "'.");
        }
        return OperationParams.id(subject, "Group");
    }
}
