package health.rapport.plugin.fhir;

/**
 * Every system URI and canonical URL Rapport's code uses, in one place. Rapport's own ones
 * are built on {@link #BASE}, the canonical base of the {@code rapport.ipt} package; they
 * must match the shipped content (the content modules' tests check the content side).
 */
public final class Canonicals {

    /** The canonical base of everything Rapport publishes. */
    public static final String BASE = "https://rapport-ipt.org/fhir";

    // Rapport's CodeSystems
    public static final String CS_IPT_PHASE = BASE + "/CodeSystem/ipt-phase";
    public static final String CS_PROBLEM_AREA = BASE + "/CodeSystem/ipt-problem-area";
    public static final String CS_DISPUTE_STAGE = BASE + "/CodeSystem/role-dispute-stage";
    public static final String CS_INTEGRATION_ROUTE = BASE + "/CodeSystem/integration-route";
    public static final String CS_INTERVENTION = BASE + "/CodeSystem/integrative-intervention";
    public static final String CS_TRADITION = BASE + "/CodeSystem/therapy-tradition";
    public static final String CS_IPT_TASK = BASE + "/CodeSystem/ipt-task";
    public static final String CS_CARE_PLAN_CATEGORY = BASE + "/CodeSystem/care-plan-category";
    public static final String CS_RESPONSE_STATUS = BASE + "/CodeSystem/measure-response-status";
    public static final String CS_SCORE_SEVERITY = BASE + "/CodeSystem/score-severity";
    public static final String CS_OBSERVATION = BASE + "/CodeSystem/rapport-observation";
    public static final String CS_RELATIONSHIP_ROLE = BASE + "/CodeSystem/relationship-role";
    public static final String CS_IPT_TECHNIQUE = BASE + "/CodeSystem/ipt-technique";
    public static final String CS_SESSION_ATTENDANCE = BASE + "/CodeSystem/session-attendance";
    public static final String CS_SESSION_MODALITY = BASE + "/CodeSystem/session-modality";
    public static final String CS_SESSION_FORMAT = BASE + "/CodeSystem/session-format";
    /** Psychotherapy process events and notes (private, PSYTHPN): category, event and part codes. */
    public static final String CS_PROCESS_EVENT = BASE + "/CodeSystem/process-event";
    public static final String CS_RUPTURE_MARKER = BASE + "/CodeSystem/rupture-marker";
    public static final String CS_REPAIR_STRATEGY = BASE + "/CodeSystem/repair-strategy";
    public static final String CS_RUPTURE_RESOLUTION = BASE + "/CodeSystem/rupture-resolution";
    /** Why a course ended before termination (dropout or by agreement). */
    public static final String CS_COURSE_ENDING_REASON = BASE + "/CodeSystem/course-ending-reason";
    /** Why a clinician overrode a CDS card (CDS Hooks feedback); not yet shipped as content. */
    public static final String CS_CDS_OVERRIDE_REASON = BASE + "/CodeSystem/cds-override-reason";

    // Rapport's extensions
    public static final String EXT_PHASE = BASE + "/StructureDefinition/ipt-phase";
    public static final String EXT_PROBLEM_AREA = BASE + "/StructureDefinition/problem-area";
    public static final String EXT_DISPUTE_STAGE = BASE + "/StructureDefinition/dispute-stage";
    public static final String EXT_INTEGRATION_ROUTE = BASE + "/StructureDefinition/integration-route";
    public static final String EXT_CONTRACTED_SESSIONS = BASE + "/StructureDefinition/contracted-sessions";
    public static final String EXT_COMPLETED_SESSIONS = BASE + "/StructureDefinition/completed-sessions";
    public static final String EXT_TRADITION = BASE + "/StructureDefinition/therapy-tradition";
    public static final String EXT_SECURITY_LABEL = BASE + "/StructureDefinition/inline-security-label";
    /** On an ActivityDefinition: the measure recurs every n sessions. */
    public static final String EXT_SESSION_INTERVAL = BASE + "/StructureDefinition/session-interval";
    public static final String EXT_SESSION_NUMBER = BASE + "/StructureDefinition/session-number";
    public static final String EXT_SESSION_ATTENDANCE = BASE + "/StructureDefinition/session-attendance";
    public static final String EXT_SESSION_MODALITY = BASE + "/StructureDefinition/session-modality";
    /** The course's format (session-format) on its EpisodeOfCare; with the partner or the group it names. */
    public static final String EXT_COURSE_FORMAT = BASE + "/StructureDefinition/course-format";
    public static final String EXT_CONJOINT_PARTNER = BASE + "/StructureDefinition/conjoint-partner";
    public static final String EXT_THERAPY_GROUP = BASE + "/StructureDefinition/therapy-group";
    /** A group's second clinician; the first is its managingEntity. */
    public static final String EXT_CO_THERAPIST = BASE + "/StructureDefinition/co-therapist";
    /** Core workflow extension: the EpisodeOfCare (the IPT course) a CarePlan belongs to. */
    public static final String EXT_WORKFLOW_EPISODE_OF_CARE = "http://hl7.org/fhir/StructureDefinition/workflow-episodeOfCare";

    /** On a CarePlan ended before termination (status revoked): why it ended. */
    public static final String EXT_COURSE_ENDING_REASON = BASE + "/StructureDefinition/course-ending-reason";

    // Rapport's profiles
    public static final String PROFILE_CAREPLAN = BASE + "/StructureDefinition/ipt-careplan";
    public static final String PROFILE_CAREPLAN_SHAREABLE = BASE + "/StructureDefinition/ipt-careplan-shareable";
    public static final String PROFILE_GOAL = BASE + "/StructureDefinition/ipt-goal";
    public static final String PROFILE_PROBLEM_AREA_CONDITION = BASE + "/StructureDefinition/ipt-problem-area-condition";
    public static final String PROFILE_RELATIONSHIP_OBSERVATION = BASE + "/StructureDefinition/ipt-inventory-relationship-observation";
    public static final String PROFILE_SCORE_OBSERVATION = BASE + "/StructureDefinition/ipt-score-observation";
    public static final String PROFILE_SESSION_ENCOUNTER = BASE + "/StructureDefinition/ipt-session-encounter";
    public static final String PROFILE_COURSE_EPISODE = BASE + "/StructureDefinition/ipt-course-episode";
    public static final String PROFILE_THERAPY_GROUP = BASE + "/StructureDefinition/ipt-therapy-group";
    public static final String PROFILE_GROUP_SESSION_ENCOUNTER = BASE + "/StructureDefinition/ipt-group-session-encounter";
    public static final String PROFILE_DELIVERED_PROCEDURE = BASE + "/StructureDefinition/ipt-delivered-procedure";
    public static final String PROFILE_ALLIANCE_RUPTURE = BASE + "/StructureDefinition/ipt-alliance-rupture";
    public static final String PROFILE_PROCESS_NOTE = BASE + "/StructureDefinition/ipt-process-note";

    // Rapport's definitions
    public static final String PLAN_ACUTE_COURSE = BASE + "/PlanDefinition/ipt-acute-course";
    public static final String PLAN_MAINTENANCE = BASE + "/PlanDefinition/ipt-maintenance";
    public static final String PLAN_CONJOINT_COURSE = BASE + "/PlanDefinition/ipt-conjoint-course";
    public static final String PLAN_GROUP_COURSE = BASE + "/PlanDefinition/ipt-group-course";
    /** Every outcome Measure Rapport ships has a canonical URL under this prefix. */
    public static final String MEASURE_BASE = BASE + "/Measure/";
    /** Every Questionnaire Rapport ships has a canonical URL under this prefix. */
    public static final String QUESTIONNAIRE_BASE = BASE + "/Questionnaire/";
    public static final String QUESTIONNAIRE_INVENTORY = BASE + "/Questionnaire/interpersonal-inventory";
    public static final String QUESTIONNAIRE_PHQ9 = BASE + "/Questionnaire/phq-9";
    public static final String QUESTIONNAIRE_GAD7 = BASE + "/Questionnaire/gad-7";
    public static final String QUESTIONNAIRE_SESSION_FEEDBACK = BASE + "/Questionnaire/session-feedback";
    public static final String QUESTIONNAIRE_RELAPSE_PLAN = BASE + "/Questionnaire/relapse-prevention-plan";
    public static final String QUESTIONNAIRE_SESSION_RECORD = BASE + "/Questionnaire/session-record";

    /** Identifier system of the resources Rapport creates, for conditional (idempotent) writes. */
    public static final String IDENTIFIER_SYSTEM = BASE + "/identifier";
    /** Held by a patient's open IPT course only (value: the patient's id): one open course each. */
    public static final String IDENTIFIER_OPEN_COURSE = BASE + "/identifier/open-ipt-course";
    /** Every IPT course (value: patient id / ordinal): the course's permanent name. */
    public static final String IDENTIFIER_COURSE = BASE + "/identifier/ipt-course";
    /** A therapy session of a course (value: course / the record's key). */
    public static final String IDENTIFIER_SESSION = BASE + "/identifier/ipt-session";
    /** An IPT group ({@code Group}), named by the key its creator gave. */
    public static final String IDENTIFIER_GROUP = BASE + "/identifier/ipt-group";
    /** One session of an IPT group as a whole: {@code <group key>/<session key>}. */
    public static final String IDENTIFIER_GROUP_SESSION = BASE + "/identifier/ipt-group-session";
    /** An intervention delivered in a session (value: session / code system name / code). */
    public static final String IDENTIFIER_DELIVERED = BASE + "/identifier/delivered";
    /** Questionnaire Tasks (value: course / action / session). */
    public static final String IDENTIFIER_TASK = BASE + "/identifier/task";
    /**
     * A resource's identity at the system where it was first written (value: a name-based UUID of
     * its absolute URL there). Exported resources carry it instead of Rapport's server-local
     * identifiers, and imports key their conditional creates on it.
     */
    public static final String IDENTIFIER_ORIGIN = BASE + "/identifier/origin";
    /** meta.tag naming the write a Provenance records, so a repeated write records it once. */
    public static final String TAG_WRITE = BASE + "/CodeSystem/write";

    /** Rapport as the software device in Provenance. */
    public static final String DEVICE_IDENTIFIER_SYSTEM = BASE + "/device";
    /** Identifier system of OAuth client ids (SMART Backend Services clients named as Provenance agents). */
    public static final String SMART_CLIENT_SYSTEM = BASE + "/smart-client";

    // External, verified systems (see docs/clinical-basis.md §3)
    public static final String LOINC = "http://loinc.org";
    public static final String V3_ACT_CODE = "http://terminology.hl7.org/CodeSystem/v3-ActCode";
    public static final String V3_CONFIDENTIALITY = "http://terminology.hl7.org/CodeSystem/v3-Confidentiality";
    public static final String V3_PARTICIPATION_TYPE = "http://terminology.hl7.org/CodeSystem/v3-ParticipationType";
    public static final String PROVENANCE_PARTICIPANT_TYPE = "http://terminology.hl7.org/CodeSystem/provenance-participant-type";
    public static final String V3_DATA_OPERATION = "http://terminology.hl7.org/CodeSystem/v3-DataOperation";
    public static final String OBSERVATION_CATEGORY = "http://terminology.hl7.org/CodeSystem/observation-category";
    public static final String CONDITION_CATEGORY = "http://terminology.hl7.org/CodeSystem/condition-category";
    /** R4's condition-category lacks {@code health-concern}; Rapport's problem-area Condition takes it from US Core. */
    public static final String US_CORE_CONDITION_CATEGORY = "http://hl7.org/fhir/us/core/CodeSystem/condition-category";
    public static final String CONDITION_CLINICAL = "http://terminology.hl7.org/CodeSystem/condition-clinical";
    public static final String CONDITION_VERIFICATION = "http://terminology.hl7.org/CodeSystem/condition-ver-status";
    public static final String V3_ROLE_CODE = "http://terminology.hl7.org/CodeSystem/v3-RoleCode";

    /** Core workflow extension: the Questionnaire (url|version) an exported score Observation was scored from. */
    public static final String EXT_WORKFLOW_INSTANTIATES_CANONICAL = "http://hl7.org/fhir/StructureDefinition/workflow-instantiatesCanonical";
    /** LOINC document type of the exported care summary (verified: "Plan of care note", C-CDA Care Plan Document Type). */
    public static final String LOINC_PLAN_OF_CARE_NOTE = "18776-5";

    // Core and SDC extensions read from Questionnaires and their responses
    public static final String EXT_ORDINAL_VALUE = "http://hl7.org/fhir/StructureDefinition/ordinalValue";
    /** The R5 name of ordinalValue, also used by R4 forms built with newer tooling. */
    public static final String EXT_ITEM_WEIGHT = "http://hl7.org/fhir/StructureDefinition/itemWeight";
    public static final String EXT_SDC_ITEM_EXTRACTION_CONTEXT = "http://hl7.org/fhir/uv/sdc/StructureDefinition/sdc-questionnaire-itemExtractionContext";
    /** SDC 4's successor of itemExtractionContext; the Inventory carries both (see docs/conformance.md). */
    public static final String EXT_SDC_DEFINITION_EXTRACT = "http://hl7.org/fhir/uv/sdc/StructureDefinition/sdc-questionnaire-definitionExtract";
    public static final String EXT_SDC_OBSERVATION_EXTRACT = "http://hl7.org/fhir/uv/sdc/StructureDefinition/sdc-questionnaire-observationExtract";

    /** The URL of a canonical reference without its {@code |version}; "" for none. */
    public static String url(String canonical) {
        if (canonical == null) {
            return "";
        }
        int bar = canonical.indexOf('|');
        return bar < 0 ? canonical : canonical.substring(0, bar);
    }

    private Canonicals() {
    }
}
