// Rapport form page: one of Rapport's questionnaires, rendered by LHC-Forms, prefilled through
// SDC $populate (the session record's choices ordered for the patient, the plan's work first), saved and
// processed by Rapport as the clinician. Patient and clinician text is
// only ever set with textContent here; LHC-Forms renders answers through Angular's escaping.
'use strict';

(() => {
  const FORMS = {
    'session-record': 'Session record',
    'phq-9': 'PHQ-9',
    'gad-7': 'GAD-7',
    'interpersonal-inventory': 'Interpersonal Inventory',
    'session-feedback': 'Session feedback',
    'relapse-prevention-plan': 'Relapse-prevention plan',
    'risk-review': 'Risk review (after a positive PHQ-9 item 9)',
  };
  const $ = (id) => document.getElementById(id);
  let session = null;
  let patientId = null;
  let formId = null;
  let populated = null;
  // One identifier per filling: saving twice (a retry, a double click) stores the response once.
  const fillingId = 'urn:uuid:' + crypto.randomUUID();

  function setStatus(text, kind) {
    $('status').className = 'banner ' + (kind || 'info');
    $('status').textContent = text || '';
  }

  const headers = (extra) => window.RapportPanel.headers(session, extra);

  const problemOf = (response) => window.RapportPanel.problemOf(response);

  /** Waits for LHC-Forms' scripts (modules, run after this one is parsed). */
  function lformsReady() {
    return new Promise((resolve, reject) => {
      const started = Date.now();
      (function check() {
        if (window.LForms && window.LForms.Util && window.LForms.Util.addFormToPage && window.LForms.FHIR) resolve();
        else if (Date.now() - started > 30000) reject(new Error('The form renderer did not load.'));
        else setTimeout(check, 50);
      }());
    });
  }

  async function load() {
    // For this patient: the session record lists the work their plan still has to do first.
    const response = await fetch('api/forms/' + encodeURIComponent(formId) + '?patient=' + encodeURIComponent(patientId),
      { headers: headers({ Accept: 'application/fhir+json' }), cache: 'no-store', credentials: 'same-origin' });
    if (!response.ok) throw new Error(await problemOf(response));
    const questionnaire = await response.json();
    const prefill = await fetch(new URL('../fhir/Questionnaire/' + encodeURIComponent(formId) + '/$populate', window.location.href), {
      method: 'POST',
      headers: headers({ 'Content-Type': 'application/fhir+json', Accept: 'application/fhir+json' }),
      credentials: 'same-origin',
      body: JSON.stringify({ resourceType: 'Parameters', parameter: [{ name: 'subject', valueReference: { reference: 'Patient/' + patientId } }] }),
    });
    if (!prefill.ok) throw new Error(await problemOf(prefill));
    // SDC: Parameters with the started response (and, optionally, issues).
    const outcome = await prefill.json();
    populated = (outcome.parameter || []).find((p) => p.name === 'response').resource;
    $('form-patient').textContent = (populated.subject && populated.subject.display ? populated.subject.display + ' · ' : '')
      + 'Patient/' + patientId;
    await lformsReady();
    let form = window.LForms.Util.convertFHIRQuestionnaireToLForms(questionnaire, 'R4');
    if (populated.item && populated.item.length) {
      form = window.LForms.Util.mergeFHIRDataIntoLForms('QuestionnaireResponse', populated, form, 'R4');
    }
    await window.LForms.Util.addFormToPage(form, $('form-container'), { hideTreeLine: true });
    $('form-actions').hidden = false;
    setStatus('');
  }

  const confirmSave = () => window.RapportPanel.confirm(null,
    'Rapport will save the ' + FORMS[formId] + ' in the patient’s record and update the IPT course.');

  function showResult(result) {
    const facts = $('result-facts');
    facts.replaceChildren();
    const add = (term, value) => {
      const dt = document.createElement('dt');
      dt.textContent = term;
      const dd = document.createElement('dd');
      dd.textContent = value;
      facts.append(dt, dd);
    };
    add('Saved as', 'QuestionnaireResponse/' + result.responseId);
    if (result.score) {
      add(result.score.instrument + ' total', result.score.total !== undefined
        ? result.score.total + (result.score.severity ? ' (' + result.score.severity + ')' : '')
        : 'not scored: ' + (result.score.missingItems || []).length + ' item(s) unanswered');
    }
    if (result.treatmentResponse) add('Treatment response', result.treatmentResponse.status);
    const reasons = $('result-reasons');
    reasons.replaceChildren();
    ((result.treatmentResponse && result.treatmentResponse.reasons) || []).forEach((r) => {
      const li = document.createElement('li');
      li.textContent = r;
      reasons.append(li);
    });
    // The patient's item-9 state after this form, by the rule the CDS card and the course page use.
    const banner = $('safety-banner');
    const s = result.safety;
    if (s && (s.critical || s.status === 'not-answered')) {
      banner.textContent = 'Safety: ' + s.headline;
      banner.className = 'banner ' + (s.critical ? 'critical' : 'warning');
      banner.hidden = false;
    }
    (result.notes || []).forEach((n) => {
      const li = document.createElement('li');
      li.textContent = n;
      reasons.append(li);
    });
    $('result').hidden = false;
    setStatus(result.outcome === 'saved' ? result.message : 'Saved and processed. The course is up to date.',
      result.outcome === 'saved' ? 'error' : 'info');
  }

  async function save() {
    // Rapport checks the required answers on the server (and names what is missing): LHC-Forms'
    // own check also demands the required items of optional groups left empty, which FHIR does not.
    if (!(await confirmSave())) return;
    const button = $('save-button');
    button.disabled = true;
    setStatus('Saving…');
    try {
      const answers = window.LForms.Util.getFormFHIRData('QuestionnaireResponse', 'R4', $('form-container'));
      answers.status = 'completed';
      answers.questionnaire = populated.questionnaire;
      answers.subject = populated.subject;
      answers.identifier = { system: 'urn:ietf:rfc:3986', value: fillingId };
      answers.authored = new Date().toISOString();
      const response = await fetch('api/forms/' + encodeURIComponent(formId) + '?patient=' + encodeURIComponent(patientId), {
        method: 'POST',
        headers: headers({ 'Content-Type': 'application/json', Accept: 'application/json' }),
        credentials: 'same-origin',
        body: JSON.stringify(answers),
      });
      if (!response.ok) throw new Error(await problemOf(response));
      showResult(await response.json());
      $('form-actions').hidden = true;
    } catch (e) {
      setStatus('Not saved: ' + (e instanceof TypeError ? 'Rapport could not be reached.' : e.message), 'error');
      button.disabled = false;
    }
  }

  document.addEventListener('DOMContentLoaded', () => {
    const query = new URLSearchParams(window.location.search);
    formId = query.get('form');
    $('save-button').addEventListener('click', save);
    if (!Object.prototype.hasOwnProperty.call(FORMS, formId)) {
      setStatus('Unknown form. Open forms from the IPT course page.', 'error');
      return;
    }
    $('form-title').textContent = FORMS[formId];
    document.title = 'Rapport — ' + FORMS[formId];
    session = window.RapportPanel.current();
    patientId = session ? session.patient : query.get('patient');
    if (!patientId || !/^[A-Za-z0-9\-.]{1,64}$/.test(patientId)) {
      setStatus('Open the form from the IPT course page, launched from the patient’s chart.', 'error');
      return;
    }
    if (!session) $('back-link').href = 'index.html?patient=' + encodeURIComponent(patientId);
    setStatus('Loading the form…');
    load().catch((e) => setStatus(e instanceof TypeError ? 'Rapport could not be reached.' : e.message, 'error'));
  });
})();
