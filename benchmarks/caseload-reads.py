#!/usr/bin/env python3
# The caseload's searches (CaseloadReader, after the Encounter fix) for the sandbox clinician, timed against
# the sandbox FHIR server directly (internal access, no token), following next links as Rapport does.
import json,urllib.request,time,urllib.parse
import sys
B=sys.argv[1] if len(sys.argv) > 1 else "http://localhost:18180/fhir"
e=lambda s: urllib.parse.quote(s,safe='')
def get(u):
    t=time.time(); d=json.load(urllib.request.urlopen(urllib.request.Request(u,headers={'Cache-Control':'no-cache'}),timeout=300)); return d,time.time()-t
def all(u):
    tot=0;res=[];pages=0
    while u:
        d,dt=get(u);pages+=1;tot+=dt;res+= [x['resource'] for x in d.get('entry',[])]
        u=next((l['url'] for l in d.get('link',[]) if l['relation']=='next'),None)
    return res,pages,tot
start=time.time()
found,pages,t=all(B+"/EpisodeOfCare?care-manager=Practitioner/sandbox-clinician&status=active&identifier="+e("https://rapport-ipt.org/fhir/identifier/ipt-course|")+"&_include=EpisodeOfCare:patient&_count=500")
ids=[r['id'] for r in found if r['resourceType']=='Patient']
print('EpisodeOfCare+patients: %d patients, %d pages, %.1f s'%(len(ids),pages,t))
totals={}
for i in range(0,len(ids),40):
    chunk=",".join("Patient/"+p for p in ids[i:i+40])
    for name,q in [("CarePlan","CarePlan?subject={chunk}&status=active,on-hold,draft&_count=500"),
                   ("Observation","Observation?subject={chunk}&code="+e("http://loinc.org|44261-6,http://loinc.org|70274-6,http://loinc.org|44260-8,https://rapport-ipt.org/fhir/CodeSystem/rapport-observation|session-alliance-score")+"&_count=500"),
                   ("QuestionnaireResponse","QuestionnaireResponse?subject={chunk}&questionnaire="+e("https://rapport-ipt.org/fhir/Questionnaire/phq-9,http://loinc.org/q/44249-1,https://rapport-ipt.org/fhir/Questionnaire/risk-review")+"&authored="+e("ge2026-10-28T00:00:00Z")+"&_count=500"),
                   ("Encounter","Encounter?subject={chunk}&_count=500"),
                   ("Task","Task?patient={chunk}&status=requested&_count=500")]:
        res,pages,t=all(B+"/"+q.replace("{chunk}", chunk))
        a=totals.setdefault(name,[0,0,0.0]); a[0]+=len(res); a[1]+=pages; a[2]+=t
for k,(n,p,t) in totals.items(): print('%s: %d resources, %d pages, %.1f s'%(k,n,p,t))
print('all reads: %.1f s'%(time.time()-start))
