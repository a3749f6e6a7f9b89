#!/usr/bin/env python3
"""Writes the fuzz targets' seed corpora (run from the repository root; the output is committed).
Each target's seeds: a few well-formed bodies, then the malformed families every parser must survive:
broken JSON, deep nesting, huge numbers, wrong resource types, wrong value[x] types, missing fields, unicode."""
import json, os, shutil

ROOT = "plugin/src/test/resources/health/rapport/plugin"

def target(pkg, cls, method, seeds):
    d = os.path.join(ROOT, pkg, cls + "Inputs", method)
    if os.path.isdir(d):
        for f in os.listdir(d):
            if f.startswith("seed-") and not f.startswith("seed-finding-"):
                os.remove(os.path.join(d, f))
    os.makedirs(d, exist_ok=True)
    for name, body in seeds.items():
        data = body if isinstance(body, bytes) else (body if isinstance(body, str) else json.dumps(body)).encode("utf-8")
        with open(os.path.join(d, "seed-" + name), "wb") as f:
            f.write(data)

GENERIC = {
    "empty": b"",
    "null": "null",
    "array": "[]",
    "number": "12",
    "string": '"x"',
    "truncated": '{"resourceType":"Parameters","parameter":[{"name":"x"',
    "not-json": "<Parameters xmlns=\"http://hl7.org/fhir\"><parameter><name value=\"x\"/></parameter></Parameters>",
    "xml-broken": "<Bundle xmlns=\"http://hl7.org/fhir\"><type value=",
    "deep-arrays": "[" * 150 + "]" * 150,
    "deep-objects": '{"a":' * 120 + "1" + "}" * 120,
    "deep-in-string": json.dumps({"resourceType": "Parameters", "id": "[" * 300}),
    "escaped-quote": '{"a":"\\"[[[[","b":[[]]}',
    "huge-number": '{"resourceType":"Parameters","parameter":[{"name":"sessions","valueInteger":' + "9" * 400 + "}]}",
    "big-decimal": '{"resourceType":"Observation","status":"final","valueQuantity":{"value":1e999999}}',
    "bad-utf8": b'{"resourceType":"Parameters","id":"\xff\xfe\xc3"}',
    "unicode": json.dumps({"resourceType": "Parameters", "parameter": [{"name": "practitioner", "valueString": "Pr\u00e4ctitioner/\u202e\U0001F600"}]}, ensure_ascii=False),
    "lone-surrogate": '{"resourceType":"Parameters","id":"\\ud800"}',
    "nul-bytes": b'{"resourceType":"Parameters\x00","parameter":[]}',
    "bom": b"\xef\xbb\xbf{\"resourceType\":\"Parameters\"}",
    "duplicate-keys": '{"resourceType":"Parameters","resourceType":"Bundle"}',
    "unknown-type": '{"resourceType":"NoSuchType","x":1}',
    "no-type": '{"parameter":[{"name":"sessions","valueInteger":3}]}',
    "type-number": '{"resourceType":7}',
}

def params(*ps):
    return {"resourceType": "Parameters", "parameter": list(ps)}

OPERATIONS = dict(GENERIC)
OPERATIONS.update({
    "enroll": params({"name": "sessions", "valueInteger": 12}, {"name": "start", "valueDate": "2026-03-01"},
                     {"name": "practitioner", "valueString": "Practitioner/pr1"},
                     {"name": "integrationRoute", "valueCoding": {"system": "https://rapport-ipt.org/fhir/CodeSystem/integration-route", "code": "assimilative"}},
                     {"name": "planDefinition", "valueCanonical": "https://rapport-ipt.org/fhir/PlanDefinition/ipt-acute-course"}),
    "apply": params({"name": "subject", "valueString": "Patient/p1"}, {"name": "problemArea", "valueCoding": {"system": "x", "code": "grief"}},
                    {"name": "disputeStage", "valueCoding": {"code": "impasse"}}),
    "advance": params({"name": "phase", "valueCode": "middle"}),
    "advance-ended": params({"name": "phase", "valueCode": "ended"},
                            {"name": "reason", "valueCoding": {"system": "https://rapport-ipt.org/fhir/CodeSystem/course-ending-reason", "code": "ended-without-agreement"}}),
    "evaluate-measure": params({"name": "periodStart", "valueDate": "2026-01-01"}, {"name": "periodEnd", "valueDate": "2026-03"},
                               {"name": "reportType", "valueCode": "subject-list"}, {"name": "subject", "valueString": "Group/g1"},
                               {"name": "practitioner", "valueString": "Practitioner/pr1"}),
    "evaluate-measure-odd": params({"name": "periodStart", "valueDate": "2026"}, {"name": "periodEnd", "valueDateTime": "2026-03-31T23:59:59Z"},
                                   {"name": "reportType", "valueCode": "individual"}, {"name": "subject", "valueString": "Patient/p1"}),
    "adapt": params({"name": "intervention", "valueCoding": {"system": "https://rapport-ipt.org/fhir/CodeSystem/intervention", "code": "x"}}),
    "process": params({"name": "practitioner", "valueString": "pr1"}),
    "record-session": params({"name": "date", "valueDateTime": "2026-02-03T10:00:00Z"},
                             {"name": "attendance", "valueCoding": {"system": "https://rapport-ipt.org/fhir/CodeSystem/session-attendance", "code": "attended"}},
                             {"name": "minutes", "valueInteger": 50}, {"name": "key", "valueString": "s1"},
                             {"name": "delivered", "valueCoding": {"system": "https://rapport-ipt.org/fhir/CodeSystem/intervention", "code": "x"}}),
    "record-session-day-only": params({"name": "date", "valueDateTime": "2026-02-03"}, {"name": "attendance", "valueCoding": {"code": "nope"}},
                                      {"name": "minutes", "valueInteger": -5}, {"name": "modality", "valueCoding": {}}),
    "enrol-format": params({"name": "format", "valueCode": "conjoint"}, {"name": "partner", "valueString": "RelatedPerson/../x"},
                           {"name": "group", "valueString": "Group/1"}),
    "conjoint-session": params({"name": "date", "valueDateTime": "2026-11-09T17:00:00Z"},
                               {"name": "attendance", "valueCoding": {"system": "https://rapport-ipt.org/fhir/CodeSystem/session-attendance", "code": "attended"}},
                               {"name": "partnerPresent", "valueBoolean": True}),
    "create-group": params({"name": "key", "valueString": "g"}, {"name": "name", "valueString": "Group"},
                           {"name": "therapist", "valueString": "Practitioner/1"}, {"name": "therapist", "valueString": "not a ref"}),
    "group-session": params({"name": "date", "valueDateTime": "2026-11-09T17:00:00Z"}, {"name": "attended", "valueString": "Patient/a"},
                            {"name": "didNotAttend", "valueString": "Patient/a"}, {"name": "cancelledByPatient", "valueString": "Group/x"},
                            {"name": "minutes", "valueInteger": 90}),
    "populate": params({"name": "questionnaire", "valueCanonical": "https://rapport-ipt.org/fhir/Questionnaire/phq-9"},
                       {"name": "subject", "valueReference": {"reference": "Patient/p1"}},
                       {"name": "context", "part": [{"name": "name", "valueString": "patient"}, {"name": "content", "valueReference": {"reference": "Patient/p1"}}]},
                       {"name": "local", "valueBoolean": False}),
    "populate-resource": params({"name": "questionnaire", "resource": {"resourceType": "Questionnaire", "item": [{"linkId": "1", "type": "integer"}]}},
                                {"name": "subject", "resource": {"resourceType": "Patient", "id": "p1"}}),
    "populate-context-no-parts": params({"name": "subject", "valueString": "p1"}, {"name": "context"}),
    "populate-context-bool": params({"name": "context", "part": [{"name": "name", "valueBoolean": True}, {"name": "content", "valueBoolean": True}]}),
    "extract": params({"name": "questionnaire-response", "resource": {
        "resourceType": "QuestionnaireResponse", "status": "completed", "questionnaire": "https://rapport-ipt.org/fhir/Questionnaire/phq-9",
        "subject": {"reference": "Patient/p1"}, "authored": "2026-02-01T10:00:00Z",
        "item": [{"linkId": "phq9-item-%d" % i, "answer": [{"valueCoding": {"system": "http://loinc.org", "code": "LA6568-5"}}]} for i in range(1, 10)]}}),
    "extract-odd-answers": params({"name": "questionnaire-response", "resource": {
        "resourceType": "QuestionnaireResponse", "status": "completed", "questionnaire": "https://rapport-ipt.org/fhir/Questionnaire/phq-9|9.9",
        "item": [{"linkId": "phq9-item-1", "answer": [{"valueInteger": -99999}, {"valueString": "x"}, {}]},
                 {"linkId": "phq9-item-9", "item": [{"linkId": "nested", "answer": [{"valueDecimal": 1e308}]}]}]}}),
    "extract-no-questionnaire": params({"name": "questionnaire-response", "resource": {"resourceType": "QuestionnaireResponse", "status": "in-progress"}}),
    "extract-wrong-resource": params({"name": "questionnaire-response", "resource": {"resourceType": "Patient", "id": "p1"}}),
    "wrong-value-type": params({"name": "sessions", "valueString": "twelve"}, {"name": "phase", "valueInteger": 2},
                               {"name": "start", "valueDateTime": "2026"}, {"name": "subject", "valueBoolean": True}),
    "negative-sessions": params({"name": "sessions", "valueInteger": -2147483648}),
    "date-extremes": params({"name": "start", "valueDate": "0001-01-01"}),
    "date-far": params({"name": "start", "valueDate": "9999-12-31"}),
    "unknown-param": params({"name": "nope", "valueString": "x"}),
    "repeated": params({"name": "sessions", "valueInteger": 1}, {"name": "sessions", "valueInteger": 2}),
    "no-name": params({"valueString": "x"}),
    "empty-values": params({"name": "practitioner", "valueString": ""}, {"name": "phase", "valueCode": " "}),
    "reference-junk": params({"name": "practitioner", "valueString": "Practitioner/../../Patient/1?x=y"}, {"name": "subject", "valueString": "Patient/"}),
    "id-too-long": params({"name": "subject", "valueString": "Patient/" + "a" * 65}),
    "bundle-not-params": {"resourceType": "Bundle", "type": "collection"},
    "contained-loop": {"resourceType": "Parameters", "contained": [{"resourceType": "Patient", "id": "a"}], "parameter": [{"name": "subject", "valueReference": {"reference": "#a"}}]},
})

def document():
    pid = "urn:uuid:00000000-0000-4000-8000-000000000002"
    return {"resourceType": "Bundle", "type": "document", "timestamp": "2026-02-01T10:00:00Z",
            "identifier": {"system": "urn:ietf:rfc:3986", "value": "urn:uuid:00000000-0000-4000-8000-000000000009"},
            "entry": [
                {"fullUrl": "urn:uuid:00000000-0000-4000-8000-000000000001", "resource": {
                    "resourceType": "Composition", "status": "final", "type": {"text": "IPT care summary"},
                    "date": "2026-02-01", "title": "IPT care summary", "author": [{"display": "Dr A"}],
                    "subject": {"reference": pid}, "section": [{"entry": [{"reference": "urn:uuid:00000000-0000-4000-8000-000000000003"}]}]}},
                {"fullUrl": pid, "resource": {"resourceType": "Patient", "identifier": [{"system": "urn:example:mrn", "value": "123"}]}},
                {"fullUrl": "urn:uuid:00000000-0000-4000-8000-000000000003", "resource": {
                    "resourceType": "CarePlan", "status": "active", "intent": "plan", "subject": {"reference": pid},
                    "meta": {"profile": ["https://rapport-ipt.org/fhir/StructureDefinition/rapport-careplan-shareable"],
                             "security": [{"system": "http://terminology.hl7.org/CodeSystem/v3-ActCode", "code": "PSYTHPN"}]},
                    "identifier": [{"system": "urn:example:plan", "value": "p"}],
                    "goal": [{"reference": "urn:uuid:00000000-0000-4000-8000-000000000004"}]}},
                {"fullUrl": "urn:uuid:00000000-0000-4000-8000-000000000004", "resource": {"resourceType": "Goal", "lifecycleStatus": "active",
                    "description": {"text": "x"}, "subject": {"reference": pid}}},
            ]}

def variant(f):
    d = document(); f(d); return d

IMPORTS = dict(GENERIC)
IMPORTS.update({
    "document": document(),
    "document-in-parameters": params({"name": "document", "resource": document()}),
    "parameters-no-document": params({"name": "document", "valueString": "x"}),
    "collection": variant(lambda d: d.update(type="collection")),
    "no-entries": variant(lambda d: d.update(entry=[])),
    "entry-without-resource": variant(lambda d: d["entry"].append({"fullUrl": "urn:uuid:x"})),
    "entry-without-fullurl": variant(lambda d: d["entry"][1].pop("fullUrl")),
    "duplicate-fullurl": variant(lambda d: d["entry"].append(dict(d["entry"][1]))),
    "composition-not-first": variant(lambda d: d["entry"].reverse()),
    "two-compositions": variant(lambda d: d["entry"].append(dict(d["entry"][0], fullUrl="urn:uuid:c2"))),
    "subject-missing": variant(lambda d: d["entry"][0]["resource"].pop("subject")),
    "subject-elsewhere": variant(lambda d: d["entry"][0]["resource"].update(subject={"reference": "http://elsewhere/Patient/1"})),
    "subject-contained": variant(lambda d: d["entry"][0]["resource"].update(subject={"reference": "#p"})),
    "subject-identifier-only": variant(lambda d: d["entry"][0]["resource"].update(subject={"identifier": {"value": "1"}})),
    "reference-relative": variant(lambda d: d["entry"][2]["resource"].update(subject={"reference": "Patient/7"})),
    "reference-junk": variant(lambda d: d["entry"][2]["resource"].update(subject={"reference": "::::/_history/"})),
    "reference-fragment-only": variant(lambda d: d["entry"][2]["resource"].update(goal=[{"reference": "#"}])),
    "fullurl-junk": variant(lambda d: d["entry"][1].update(fullUrl="http://")),
    "fullurl-relative": variant(lambda d: [e.update(fullUrl="Patient/1") for e in d["entry"]]),
    "patient-no-identifier": variant(lambda d: d["entry"][1]["resource"].pop("identifier")),
    "two-plans": variant(lambda d: d["entry"].append(dict(d["entry"][2], fullUrl="urn:uuid:cp2"))),
    "foreign-type": variant(lambda d: d["entry"].append({"fullUrl": "urn:uuid:m", "resource": {"resourceType": "Medication"}})),
    "plan-no-label": variant(lambda d: d["entry"][2]["resource"].pop("meta")),
    "plan-activities": variant(lambda d: d["entry"][2]["resource"].update(activity=[{"detail": {"code": {"coding": [{"system": "https://rapport-ipt.org/fhir/CodeSystem/intervention", "code": "countertransference-reflection"}]}}}, {}, {"reference": {"reference": "urn:uuid:nowhere"}}])),
    "timestamp-junk": variant(lambda d: d.update(timestamp="not a time")),
    "composition-date-year": variant(lambda d: d["entry"][0]["resource"].update(date="2026")),
    "observation-odd": variant(lambda d: d["entry"].append({"fullUrl": "urn:uuid:o", "resource": {"resourceType": "Observation", "status": "final", "code": {}, "subject": {"reference": "urn:uuid:00000000-0000-4000-8000-000000000002"}, "valueQuantity": {"value": 1e308}}})),
    "qr-odd": variant(lambda d: d["entry"].append({"fullUrl": "urn:uuid:q", "resource": {"resourceType": "QuestionnaireResponse", "status": "completed", "questionnaire": "|", "item": [{"linkId": ""}]}})),
    "xml-document": '<Bundle xmlns="http://hl7.org/fhir"><type value="document"/><entry><fullUrl value="urn:uuid:1"/><resource><Composition><status value="final"/></Composition></resource></entry></Bundle>',
    "xml-entity": '<?xml version="1.0"?><!DOCTYPE b [<!ENTITY x SYSTEM "file:///etc/passwd">]><Bundle xmlns="http://hl7.org/fhir"><id value="&x;"/></Bundle>',
    "xml-billion-laughs": '<?xml version="1.0"?><!DOCTYPE l [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]><Bundle xmlns="http://hl7.org/fhir"><id value="&c;"/></Bundle>',
})

def hook(prefetch, **extra):
    h = {"hook": "patient-view", "hookInstance": "d1577c69-dfbe-44ad-ba6d-3e05e953b2ea",
         "context": {"userId": "Practitioner/pr1", "patientId": "p1"}, "prefetch": prefetch}
    h.update(extra)
    return h

def searchset(*resources):
    return {"resourceType": "Bundle", "type": "searchset", "entry": [{"resource": r} for r in resources]}

QR = {"resourceType": "QuestionnaireResponse", "id": "q1", "status": "completed", "subject": {"reference": "Patient/p1"},
      "questionnaire": "https://rapport-ipt.org/fhir/Questionnaire/phq-9", "authored": "2026-02-20T10:00:00Z",
      "item": [{"linkId": "phq9-item-9", "answer": [{"valueCoding": {"system": "http://loinc.org", "code": "LA6569-3"}}]}]}
OBS = {"resourceType": "Observation", "id": "o1", "status": "final", "subject": {"reference": "Patient/p1"},
       "code": {"coding": [{"system": "http://loinc.org", "code": "44261-6"}]}, "effectiveDateTime": "2026-02-20", "valueInteger": 19}
PLAN = {"resourceType": "CarePlan", "id": "cp1", "status": "active", "intent": "plan", "subject": {"reference": "Patient/p1"},
        "identifier": [{"system": "https://rapport-ipt.org/fhir/identifier/open-course", "value": "p1"}],
        "period": {"start": "2026-01-01"}, "activity": [{"detail": {"status": "completed", "scheduledPeriod": {"start": "2026-01-08"}}}, {}]}

HOOKS = dict(GENERIC)
HOOKS.update({
    "minimal": hook({}),
    "full": hook({"patient": {"resourceType": "Patient", "id": "p1"}, "phq9Responses": searchset(QR), "scoreObservations": searchset(OBS),
                  "openIptCarePlan": searchset(PLAN), "requestedTasks": searchset({"resourceType": "Task", "id": "t1", "status": "requested", "intent": "order", "for": {"reference": "Patient/p1"}}),
                  "eligibleConditions": searchset({"resourceType": "Condition", "id": "c1", "subject": {"reference": "Patient/p1"}, "code": {"coding": [{"system": "urn:example:site-diagnoses", "code": "MDD"}]}})},
                 fhirAuthorization={"access_token": "x", "token_type": "Bearer"}, fhirServer="http://elsewhere/fhir"),
    "prefetch-null": hook({"phq9Responses": None, "scoreObservations": None, "openIptCarePlan": None}),
    "prefetch-wrong-type": hook({"phq9Responses": {"resourceType": "Patient"}, "scoreObservations": [1, 2], "openIptCarePlan": "x", "patient": 5}),
    "prefetch-other-patient": hook({"phq9Responses": searchset(dict(QR, subject={"reference": "Patient/p2"}))}),
    "prefetch-qr-odd": hook({"phq9Responses": searchset(dict(QR, authored="2026", item=[{"linkId": "phq9-item-9", "answer": [{"valueInteger": 99}, {"valueString": "x"}]}]),
                                                        dict(QR, id="q2", authored=None, subject=None), {"resourceType": "QuestionnaireResponse"})}),
    "prefetch-obs-odd": hook({"scoreObservations": searchset(dict(OBS, valueInteger=None, valueString="x"), dict(OBS, id="o2", effectiveDateTime=None),
                                                             dict(OBS, id="o3", valueInteger=-2147483648), dict(OBS, id="o4", code={}))}),
    "prefetch-plan-odd": hook({"openIptCarePlan": searchset(dict(PLAN, period=None, activity=[{"detail": {}}] * 3, extension=[{"url": "https://rapport-ipt.org/fhir/StructureDefinition/ipt-phase", "valueCode": "nope"}]),
                                                            dict(PLAN, id="cp2"))}),
    "prefetch-entry-no-resource": hook({"phq9Responses": {"resourceType": "Bundle", "type": "searchset", "entry": [{}, {"search": {"mode": "outcome"}}]}}),
    "prefetch-deep": hook({"phq9Responses": json.loads('{"a":' * 60 + "1" + "}" * 60)}),
    "wrong-hook": dict(hook({}), hook="order-sign"),
    "no-instance": {k: v for k, v in hook({}).items() if k != "hookInstance"},
    "bad-patient-id": dict(hook({}), context={"patientId": "../Patient/1?x"}),
    "patient-id-number": dict(hook({}), context={"patientId": 12}),
    "context-array": dict(hook({}), context=[]),
    "prefetch-array": dict(hook({}), prefetch=[]),
    "auth-odd": hook({}, fhirAuthorization={"access_token": 1, "token_type": None}),
})

FEEDBACK = dict(GENERIC)
CARD = "4b3a1c2e-1111-4a2b-8c3d-123456789abc"
FEEDBACK.update({
    "accepted": {"feedback": [{"card": CARD, "outcome": "accepted", "acceptedSuggestions": [{"id": "s1"}], "outcomeTimestamp": "2026-02-21T10:00:00Z"}]},
    "overridden": {"feedback": [{"card": CARD, "outcome": "overridden", "overrideReason": {"reason": {"code": "not-now", "system": "https://rapport-ipt.org/fhir/CodeSystem/override-reason"}, "userComment": "later"}}]},
    "too-many": {"feedback": [{"card": CARD, "outcome": "accepted"}] * 51},
    "empty-list": {"feedback": []},
    "not-uuid": {"feedback": [{"card": "nope", "outcome": "accepted"}]},
    "bad-outcome": {"feedback": [{"card": CARD, "outcome": "maybe"}]},
    "bad-time": {"feedback": [{"card": CARD, "outcome": "accepted", "outcomeTimestamp": "yesterday"}]},
    "long-comment": {"feedback": [{"card": CARD, "outcome": "overridden", "overrideReason": {"userComment": "x" * 2001}}]},
    "wrong-types": {"feedback": [{"card": 1, "outcome": True, "acceptedSuggestions": "x", "overrideReason": [], "outcomeTimestamp": 5}]},
    "suggestions-odd": {"feedback": [{"card": CARD, "outcome": "accepted", "acceptedSuggestions": [1, None, {"id": {"x": 1}}]}]},
    "reason-odd": {"feedback": [{"card": CARD, "outcome": "overridden", "overrideReason": {"reason": {"code": [1], "system": None}}}]},
    "items-not-objects": {"feedback": [1, "x", None]},
    "feedback-object": {"feedback": {"card": CARD}},
})

DEPTH = {
    "flat": '{"a":[1,2,{"b":null}]}',
    "at-limit": "[" * 100 + "]" * 100,
    "over-limit": "[" * 101 + "]" * 101,
    "mixed-over": '{"a":' * 50 + "[" * 51 + "]" * 51 + "}" * 50,
    "brackets-in-strings": json.dumps({"a": "[[[[{{{{" * 40}),
    "escaped-backslash": '{"a":"\\\\","b":' + "[" * 101 + "]" * 101 + "}",
    "escaped-quote": '{"a":"\\"' + "[" * 200 + '"}',
    "unbalanced-closers": "]]]]}}}}" + "[" * 101,
    "unterminated-string": '"' + "[" * 200,
    "two-roots": "[[]] " + "[" * 101 + "]" * 101,
    "bad-utf8-in-string": b'["\xff\xfe' + b"[" * 200 + b'"]',
    "empty": b"",
}

NOTIFY = {
    "put-response": b"/QuestionnaireResponse/abc\x00\x00\x00\x01",
    "put-versioned": b"/QuestionnaireResponse/abc/_history/2\x00\x00\x00\x01",
    "post-empty": b"\x00\x00\x00\x00",
    "post-type": b"/QuestionnaireResponse\x00\x00\x00\x00",
    "delete": b"/QuestionnaireResponse/abc\x00\x00\x00\x02",
    "other-type": b"/Patient/1\x00\x00\x00\x01",
    "traversal": b"/QuestionnaireResponse/../../Patient\x00\x00\x00\x01",
    "slashes": b"//////\x00\x00\x00\x00",
    "unicode": "/QuestionnaireResponse/\u00e9\u202e".encode("utf-8") + b"\x00\x00\x00\x01",
    "long-id": b"/QuestionnaireResponse/" + b"a" * 65 + b"\x00\x00\x00\x01",
}

target("cds", "HookRequestFuzzTest", "patientView", HOOKS)
target("cds", "FeedbackFuzzTest", "feedback", FEEDBACK)
target("http", "JsonDepthFuzzTest", "nesting", DEPTH)
target("exchange/imports", "ImportDocumentFuzzTest", "importDocument", IMPORTS)
target("operations", "OperationInputFuzzTest", "operationBody", OPERATIONS)
target("notify", "DeliveryFuzzTest", "delivery", NOTIFY)
