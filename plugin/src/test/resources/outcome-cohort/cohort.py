#!/usr/bin/env python3
"""Writes Bundle-outcome-cohort.json: the hand-checked cohort of the outcome Measures (README.md lists each
course and expected-counts.json the counts worked out by hand from that list). Run it after changing COURSES."""
import json, datetime as dt, os

BASE = 'https://rapport-ipt.org/fhir'
LOINC = 'http://loinc.org'
TOTAL = {'phq9': ('44261-6', 'Patient Health Questionnaire 9 item (PHQ-9) total score [Reported]'),
         'gad7': ('70274-6', 'Generalized anxiety disorder 7 item (GAD-7) total score [Reported.PHQ]')}
TECHNIQUES = {'grief': ['clarification', 'encouragement-of-affect', 'exploratory'],
              'role-dispute': ['communication-analysis', 'decision-analysis', 'role-play', 'clarification'],
              'role-transition': ['clarification', 'encouragement-of-affect', 'work-at-home'],
              'interpersonal-deficits': ['use-of-therapeutic-relationship', 'communication-analysis', 'role-play']}
LABELS = [{'system': 'http://terminology.hl7.org/CodeSystem/v3-Confidentiality', 'code': 'R'},
          {'system': 'http://terminology.hl7.org/CodeSystem/v3-ActCode', 'code': 'MH'}]

# id, practitioner, status (completed | active | ended-without-agreement | ended-early-by-agreement), end day,
# attended sessions, did-not-attend sessions, PHQ-9 totals, GAD-7 totals, sessions followed by feedback,
# problem area, techniques not delivered (their activity cancelled)
COURSES = [
    ('c1', 'pr-a', 'completed', '2026-02-20', 12, 1, [18, 12, 7], [12, 6], 10, 'grief', 0),
    ('c2', 'pr-a', 'completed', '2026-03-15', 14, 0, [15, 4], [], 14, 'role-dispute', 1),
    ('c3', 'pr-a', 'completed', '2026-01-30', 10, 0, [8, 3], [9, 4], 0, 'role-transition', 0),
    ('c4', 'pr-a', 'completed', '2026-03-31', 8, 0, [12, 19], [], 4, 'interpersonal-deficits', 3),
    ('c5', 'pr-a', 'completed', '2026-02-10', 6, 0, [16], [], 6, None, 0),
    ('c6', 'pr-a', 'ended-without-agreement', '2026-02-05', 3, 2, [17, 15], [], 1, 'grief', 3),
    ('c7', 'pr-a', 'ended-early-by-agreement', '2026-03-01', 5, 0, [], [], 0, 'role-transition', 3),
    ('c8', 'pr-a', 'completed', '2026-04-02', 12, 0, [20, 4], [], 12, 'grief', 0),
    ('c9', 'pr-a', 'active', None, 4, 0, [14, 12], [], 4, 'grief', 3),
    ('c10', 'pr-b', 'completed', '2026-02-25', 16, 0, [20, 9], [], 8, 'grief', 0),
]


def put(resource):
    return {'fullUrl': f"{resource['resourceType']}/{resource['id']}", 'resource': resource,
            'request': {'method': 'PUT', 'url': f"{resource['resourceType']}/{resource['id']}"}}


def instant(t):
    return t.strftime('%Y-%m-%dT%H:%M:%SZ')


def course(c):
    cid, practitioner, status, end, attended, missed, phq, gad, feedback, area, undelivered = c
    patient = f'oc-p{cid[1:]}'
    last = dt.datetime.fromisoformat((end or '2026-03-20') + 'T10:00:00')
    count = attended + missed
    # weekly sessions ending a week before the course's last day; missed ones come first
    times = [last - dt.timedelta(days=7 * (count - i)) for i in range(count)]
    start = times[0].date() - dt.timedelta(days=3)
    out = [{'resourceType': 'Patient', 'id': patient, 'name': [{'family': 'Cohort', 'given': [cid.upper()]}]}]
    episode = {'resourceType': 'EpisodeOfCare', 'id': f'oc-{cid}', 'meta': {'security': LABELS},
               'identifier': [{'system': BASE + '/identifier/ipt-course', 'value': f'{patient}/1'}],
               'status': 'active' if status == 'active' else 'finished', 'patient': {'reference': f'Patient/{patient}'},
               'period': {'start': start.isoformat(), **({'end': end} if end else {})},
               'careManager': {'reference': f'Practitioner/{practitioner}'}}
    out.append(episode)
    activities = []
    for i, code in enumerate(TECHNIQUES.get(area, [])):
        delivered = i >= undelivered
        activities.append({'detail': {'kind': 'ServiceRequest', 'code': {'coding': [
            {'system': BASE + '/CodeSystem/ipt-technique', 'code': code}]},
            'status': ('in-progress' if i % 2 else 'completed') if delivered else ('not-started' if status == 'active' else 'cancelled')}})
    plan = {'resourceType': 'CarePlan', 'id': f'oc-{cid}', 'meta': {'security': LABELS},
            'extension': [{'url': BASE + '/StructureDefinition/ipt-phase', 'valueCoding': {
                'system': BASE + '/CodeSystem/ipt-phase', 'code': 'middle' if status != 'completed' else 'termination'}},
                {'url': BASE + '/StructureDefinition/integration-route', 'valueCoding': {
                    'system': BASE + '/CodeSystem/integration-route', 'code': 'assimilative'}},
                {'url': BASE + '/StructureDefinition/contracted-sessions', 'valuePositiveInt': 16},
                {'url': 'http://hl7.org/fhir/StructureDefinition/workflow-episodeOfCare',
                 'valueReference': {'reference': f'EpisodeOfCare/oc-{cid}'}}]
            + ([{'url': BASE + '/StructureDefinition/problem-area', 'valueCodeableConcept': {'coding': [
                {'system': BASE + '/CodeSystem/ipt-problem-area', 'code': area}]}}] if area else [])
            + ([{'url': BASE + '/StructureDefinition/course-ending-reason', 'valueCoding': {
                'system': BASE + '/CodeSystem/course-ending-reason', 'code': status}}] if status.startswith('ended') else []),
            'identifier': [{'system': BASE + '/identifier/ipt-course', 'value': f'{patient}/1'}],
            'status': {'completed': 'completed', 'active': 'active'}.get(status, 'revoked'), 'intent': 'plan',
            'category': [{'coding': [{'system': BASE + '/CodeSystem/care-plan-category', 'code': 'ipt-acute'}]}],
            'title': 'IPT acute course', 'subject': {'reference': f'Patient/{patient}'},
            'period': {'start': start.isoformat(), **({'end': end} if end else {})},
            'author': {'reference': f'Practitioner/{practitioner}'}, 'activity': activities}
    out.append(plan)
    for i, t in enumerate(times):
        came = i >= missed
        out.append({'resourceType': 'Encounter', 'id': f'oc-{cid}-s{i + 1}', 'meta': {'security': LABELS},
                    'extension': [{'url': BASE + '/StructureDefinition/session-attendance', 'valueCoding': {
                        'system': BASE + '/CodeSystem/session-attendance', 'code': 'attended' if came else 'did-not-attend'}}],
                    'identifier': [{'system': BASE + '/identifier/ipt-session', 'value': f'{patient}/1/s{i + 1}'}],
                    'status': 'finished' if came else 'cancelled',
                    'class': {'system': 'http://terminology.hl7.org/CodeSystem/v3-ActCode', 'code': 'AMB'},
                    'subject': {'reference': f'Patient/{patient}'},
                    'episodeOfCare': [{'reference': f'EpisodeOfCare/oc-{cid}'}],
                    'period': {'start': instant(t), 'end': instant(t + dt.timedelta(minutes=50))}})
    sessions = times[missed:]
    for name, totals in (('phq9', phq), ('gad7', gad)):
        for k, total in enumerate(totals):
            # baseline at the first attended session, the last total at the last one, others between
            at = sessions[0] if k == 0 else sessions[-1] if k == len(totals) - 1 else sessions[len(sessions) // 2]
            code, display = TOTAL[name]
            out.append({'resourceType': 'Observation', 'id': f'oc-{cid}-{name}-{k + 1}', 'meta': {'security': LABELS},
                        'status': 'final', 'category': [{'coding': [{
                            'system': 'http://terminology.hl7.org/CodeSystem/observation-category', 'code': 'survey'}]}],
                        'code': {'coding': [{'system': LOINC, 'code': code, 'display': display}]},
                        'subject': {'reference': f'Patient/{patient}'},
                        'effectiveDateTime': instant(at + dt.timedelta(minutes=5)), 'valueInteger': total})
    for k in range(feedback):
        out.append({'resourceType': 'QuestionnaireResponse', 'id': f'oc-{cid}-feedback-{k + 1}', 'meta': {'security': LABELS},
                    'questionnaire': BASE + '/Questionnaire/session-feedback|0.1.0', 'status': 'completed',
                    'subject': {'reference': f'Patient/{patient}'},
                    'authored': instant(sessions[k] + dt.timedelta(minutes=55))})
    return out


resources = [{'resourceType': 'Practitioner', 'id': p, 'name': [{'family': 'Clinician', 'given': [p.upper()]}]}
             for p in ('pr-a', 'pr-b')]
for c in COURSES:
    resources += course(c)
resources.append({'resourceType': 'Group', 'id': 'oc-cohort', 'type': 'person', 'actual': True,
                  'member': [{'entity': {'reference': f'Patient/oc-p{c[0][1:]}'}} for c in COURSES]})
bundle = {'resourceType': 'Bundle', 'id': 'outcome-cohort', 'type': 'transaction', 'entry': [put(r) for r in resources]}
here = os.path.dirname(os.path.abspath(__file__))
with open(os.path.join(here, 'Bundle-outcome-cohort.json'), 'w') as f:
    f.write(json.dumps(bundle, indent=2) + '\n')
