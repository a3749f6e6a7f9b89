package health.rapport.plugin.operations;

import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.annotation.OperationParam;
import health.rapport.plugin.careplan.CarePlanEngine;
import health.rapport.plugin.http.OperationFailure;
import health.rapport.plugin.sessions.Attendance;
import health.rapport.plugin.sessions.CourseFormatChanges;
import health.rapport.plugin.sessions.GroupSessionOutcome;
import health.rapport.plugin.sessions.GroupSessionRecord;
import health.rapport.plugin.sessions.Modality;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.TreeMap;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Group;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.StringType;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

/**
 * Group IPT: {@code Group/$ipt-create-group} creates an IPT group; {@code Group/[id]/$ipt-record-group-session}
 * records one of its sessions with each member's attendance, named by four lists of Patient references (one per
 * attendance code, so no member's attendance depends on the order of two lists), every active member in exactly one;
 * {@code Group/[id]/$ipt-remove-member} ends a member's membership on a date, their own course going on individually
 * ({@code course=continue}) or ending early ({@code course=end} with a course-ending {@code reason}).
 */
@Component(service = RapportOperations.class)
public final class GroupOperations implements RapportOperations {

    private final CarePlanEngine engine;

    @Activate
    public GroupOperations(@org.osgi.service.component.annotations.Reference CarePlanEngine engine) {
        this.engine = engine;
    }

    @Operation(name = "$ipt-create-group", type = Group.class)
    public Group create(@OperationParam(name = "key", min = 1, max = 1) StringType key,
            @OperationParam(name = "name", min = 1, max = 1) StringType name,
            @OperationParam(name = "therapist", min = 1, max = 2) List<StringType> therapists,
            @OperationParam(name = "practitioner", max = 1) StringType practitioner) {
        List<String> ids = new ArrayList<>();
        for (StringType therapist : therapists == null ? List.<StringType>of() : therapists) {
            String id = OperationParams.id(therapist, "Practitioner");
            if (id == null) {
                throw OperationFailure.invalid("therapist must be a Practitioner reference.");
            }
            ids.add(id);
        }
        String clinician = OperationParams.practitioner(practitioner);
        return engine.groups().create(key == null ? null : key.getValue(), name == null ? null : name.getValue(), ids,
                clinician == null ? null : new Reference("Practitioner/" + clinician));
    }

    @Operation(name = "$ipt-record-group-session", type = Group.class)
    public Parameters record(@IdParam IdType group,
            @OperationParam(name = "date", min = 1, max = 1) DateTimeType date,
            @OperationParam(name = "attended", max = OperationParam.MAX_UNLIMITED) List<StringType> attended,
            @OperationParam(name = "cancelledByPatient", max = OperationParam.MAX_UNLIMITED) List<StringType> cancelledByPatient,
            @OperationParam(name = "cancelledByService", max = OperationParam.MAX_UNLIMITED) List<StringType> cancelledByService,
            @OperationParam(name = "didNotAttend", max = OperationParam.MAX_UNLIMITED) List<StringType> didNotAttend,
            @OperationParam(name = "minutes", max = 1) IntegerType minutes,
            @OperationParam(name = "modality", max = 1) Coding modality,
            @OperationParam(name = "delivered", max = OperationParam.MAX_UNLIMITED) List<Coding> delivered,
            @OperationParam(name = "key", max = 1) StringType key,
            @OperationParam(name = "practitioner", max = 1) StringType practitioner) {
        if (date == null || date.getValue() == null) {
            throw OperationFailure.invalid("date (the session's start, a dateTime with a time of day) is required.");
        }
        if (date.getPrecision().compareTo(ca.uhn.fhir.model.api.TemporalPrecisionEnum.MINUTE) < 0) {
            throw OperationFailure.invalid("date needs a time of day, not only a day.");
        }
        Map<String, Attendance> attendance = new LinkedHashMap<>();
        put(attendance, attended, Attendance.ATTENDED);
        put(attendance, cancelledByPatient, Attendance.CANCELLED_BY_PATIENT);
        put(attendance, cancelledByService, Attendance.CANCELLED_BY_SERVICE);
        put(attendance, didNotAttend, Attendance.DID_NOT_ATTEND);
        if (attendance.isEmpty()) {
            throw OperationFailure.invalid("Name each member under attended, cancelledByPatient, cancelledByService or didNotAttend.");
        }
        String recordKey = key != null && key.hasValue() ? key.getValue() : "at/" + date.getValue().toInstant();
        GroupSessionRecord record = new GroupSessionRecord(recordKey, date.getValue().toInstant(),
                minutes == null || minutes.getValue() == null ? OptionalInt.empty() : OptionalInt.of(minutes.getValue()),
                Modality.of(modality), delivered == null ? List.of() : delivered, attendance);
        String clinician = OperationParams.practitioner(practitioner);
        GroupSessionOutcome outcome = engine.groupSessions().record(group.getIdPart(), record,
                clinician == null ? null : new Reference("Practitioner/" + clinician),
                "group-session/" + group.getIdPart() + "/" + recordKey + "/" + record.fingerprint());
        Parameters out = new Parameters();
        out.addParameter().setName("groupSession").setResource(outcome.groupSession());
        new TreeMap<>(outcome.members()).forEach((member, session) -> {
            Parameters.ParametersParameterComponent part = out.addParameter().setName("member");
            part.addPart().setName("patient").setValue(new Reference("Patient/" + member));
            part.addPart().setName("session").setResource(session.session());
            part.addPart().setName("carePlan").setValue(new Reference("CarePlan/" + session.carePlan().getIdElement().getIdPart()));
            part.addPart().setName("note").setValue(new StringType(session.summary()));
        });
        return out;
    }

    @Operation(name = "$ipt-remove-member", type = Group.class)
    public Parameters removeMember(@IdParam IdType group,
            @OperationParam(name = "patient", min = 1, max = 1) StringType patient,
            @OperationParam(name = "course", min = 1, max = 1) org.hl7.fhir.r4.model.CodeType course,
            @OperationParam(name = "date", max = 1) org.hl7.fhir.r4.model.DateType date,
            @OperationParam(name = "reason", max = 1) Coding reason,
            @OperationParam(name = "practitioner", max = 1) StringType practitioner) {
        String member = OperationParams.id(patient, "Patient");
        if (member == null) {
            throw OperationFailure.invalid("patient (Patient/[id], the member who leaves) is required.");
        }
        CourseFormatChanges.AfterLeaving after = switch (course == null || course.getValue() == null ? "" : course.getValue()) {
            case "continue" -> CourseFormatChanges.AfterLeaving.CONTINUE;
            case "end" -> CourseFormatChanges.AfterLeaving.END;
            default -> throw OperationFailure.invalid("course is 'continue' (the member's course goes on individually)"
                    + " or 'end' (it ends early, with a reason).");
        };
        String clinician = OperationParams.practitioner(practitioner);
        CourseFormatChanges.Left left = engine.formatChanges().leave(group.getIdPart(), member, OperationParams.date(date),
                after, reason, clinician == null ? null : new Reference("Practitioner/" + clinician));
        Parameters out = new Parameters();
        out.addParameter().setName("group").setResource(left.group());
        out.addParameter().setName("carePlan").setResource(left.carePlan());
        out.addParameter().setName("episodeOfCare").setResource(left.episode());
        return out;
    }

    private static void put(Map<String, Attendance> into, List<StringType> members, Attendance attendance) {
        for (StringType member : members == null ? List.<StringType>of() : members) {
            String id = OperationParams.id(member, "Patient");
            if (id == null) {
                continue;
            }
            Attendance before = into.put(id, attendance);
            if (before != null) {
                throw OperationFailure.invalid("Patient/" + id + " is named twice (" + before.code() + " and "
                        + attendance.code() + "); give each member one attendance.");
            }
        }
    }
}
