#!/usr/bin/env python3
# The caseload's searches (CaseloadReader) for the sandbox clinician, timed against the sandbox FHIR server
# directly (internal access, no token), following next links as Rapport does: the bare-FHIR baseline of the
# caseload endpoint. Prints the deterministic counts (searches, pages = round trips, resources) per search
# type, then the wall time with the searches one after another and with THREADS of them at a time (as
# Rapport runs them: every chunk's five searches started together).
#   benchmarks/caseload-reads.py [FHIR base] [threads] [clinician]
import json, sys, time, urllib.parse, urllib.request
from concurrent.futures import ThreadPoolExecutor

B = sys.argv[1] if len(sys.argv) > 1 else "http://localhost:18180/fhir"
THREADS = int(sys.argv[2]) if len(sys.argv) > 2 else 8
CLINICIAN = sys.argv[3] if len(sys.argv) > 3 else "sandbox-clinician"
CHUNK = 40
e = lambda s: urllib.parse.quote(s, safe='')
since = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(time.time() - 30 * 86400))

def get(u):
    t = time.time()
    d = json.load(urllib.request.urlopen(urllib.request.Request(u, headers={'Cache-Control': 'no-cache'}), timeout=600))
    return d, time.time() - t

def every(u):
    res, pages, spent = [], 0, 0.0
    while u:
        d, dt = get(u)
        pages += 1
        spent += dt
        res += [x['resource'] for x in d.get('entry', [])]
        u = next((l['url'] for l in d.get('link', []) if l['relation'] == 'next'), None)
    return res, pages, spent

def searches(ids, episodes):
    out = []
    for i in range(0, len(ids), CHUNK):
        chunk = ",".join("Patient/" + p for p in ids[i:i + CHUNK])
        courses = ",".join("EpisodeOfCare/" + e for p in ids[i:i + CHUNK] for e in episodes.get(p, []))
        out += [("CarePlan", "CarePlan?subject=%s&_count=500" % chunk),
                ("Observation", "Observation?subject=%s&_count=500" % chunk),  # codes picked by Rapport
                ("QuestionnaireResponse", "QuestionnaireResponse?subject=%s&questionnaire=%s&authored=%s&_count=500" % (chunk, e("https://rapport-ipt.org/fhir/Questionnaire/phq-9,http://loinc.org/q/44249-1,https://rapport-ipt.org/fhir/Questionnaire/risk-review"), e("ge" + since))),
                ("Encounter", "Encounter?episode-of-care=%s&_count=500" % courses),
                ("Task", "Task?patient=%s&_count=500" % chunk)]
    return out

start = time.time()
CATEGORY = "https://rapport-ipt.org/fhir/CodeSystem/care-plan-category|"
found, pages, t = every(B + "/EpisodeOfCare?care-manager=Practitioner/" + CLINICIAN + "&status=active&type="
                        + e(CATEGORY + "ipt-acute," + CATEGORY + "ipt-maintenance") + "&_include=EpisodeOfCare:patient&_count=500")
ids = [r['id'] for r in found if r['resourceType'] == 'Patient']
episodes = {}
for r in found:
    if r['resourceType'] == 'EpisodeOfCare':
        episodes.setdefault(r['patient']['reference'].split('/')[-1], []).append(r['id'])
print('EpisodeOfCare+patients: %d patients, %d pages, %.2f s' % (len(ids), pages, t))
first = time.time() - start
for threads in (1, THREADS):
    totals = {}
    began = time.time()
    with ThreadPoolExecutor(threads) as pool:
        results = list(pool.map(lambda s: (s[0], every(B + "/" + s[1])), searches(ids, episodes)))
    wall = time.time() - began
    for name, (res, p, spent) in results:
        a = totals.setdefault(name, [0, 0, 0, 0.0])
        a[0] += 1; a[1] += len(res); a[2] += p; a[3] += spent
    print('-- %d at a time --' % threads)
    for k, (n, r, p, spent) in totals.items():
        print('%s: %d searches, %d resources, %d pages, %.2f s summed' % (k, n, r, p, spent))
    print('round trips %d; wall time of the chunks\' searches %.2f s (+ %.2f s EpisodeOfCare)'
          % (sum(v[2] for v in totals.values()) + pages, wall, first))
