// The panel's private area: alliance ruptures and repairs and the clinician's process notes (PSYTHPN).
// They are read from the chart view's `process` part and written through Rapport's Encounter operations;
// they appear nowhere else on the page. Text reaches the page through textContent only.
'use strict';

window.RapportProcess = (() => {
  const $ = (id) => document.getElementById(id);
  const MARKERS = [['withdrawal', 'Withdrawal (moving away: silence, deferring, changing the subject)'],
    ['confrontation', 'Confrontation (moving against: complaints, anger, pressure)']];
  const STRATEGIES = [
    ['clarify-misunderstanding', 'Clarify a misunderstanding', 'Immediate'],
    ['illustrate-rationale', 'Illustrate the rationale', 'Immediate'],
    ['change-tasks-or-goals', 'Change tasks or goals', 'Immediate'],
    ['validate-defensive-posture', 'Validate the patient’s defensive posture', 'Immediate'],
    ['explore-rupture-experience', 'Explore the rupture experience', 'Exploratory'],
    ['link-to-interpersonal-patterns', 'Link to interpersonal patterns', 'Exploratory'],
    ['acknowledge-own-contribution', 'Acknowledge own contribution (metacommunication)', 'Exploratory'],
    ['new-relational-experience', 'Allow a new relational experience', 'Exploratory']];
  const RESOLUTIONS = [['resolved', 'Resolved'], ['partly-resolved', 'Partly resolved'], ['unresolved', 'Unresolved']];
  const CS = 'https://rapport-ipt.org/fhir/CodeSystem/';

  let ctx = null;

  const { el } = window.RapportPanel;

  function option(value, label) {
    const o = el('option', label);
    o.value = value;
    return o;
  }

  function sessionLabel(s) {
    return (s.start ? s.start.substring(0, 16).replace('T', ' ') : 'no date') + (s.label ? ' · ' + s.label : '')
      + ' · Encounter/' + s.id;
  }

  function render(process, context) {
    ctx = context;
    const data = process || {};
    const sessions = data.sessions || [];
    const byId = {};
    sessions.forEach((s) => { byId[s.id] = s; });
    const when = (id, fallback) => (byId[id] ? sessionLabel(byId[id]) : (fallback || '').substring(0, 10) + ' · Encounter/' + id);

    const ruptures = $('rupture-list');
    ruptures.replaceChildren();
    if (!(data.ruptures || []).length) ruptures.append(el('li', 'No ruptures recorded.'));
    (data.ruptures || []).forEach((r) => {
      const item = el('li');
      item.append(el('strong', (r.marker || 'Rupture') + ' → ' + (r.resolution || '')), ' ',
        el('span', '(' + when(r.encounter, r.when) + ')', 'status'));
      if ((r.strategies || []).length) item.append(el('p', 'Repair: ' + r.strategies.join('; ')));
      if (r.note) item.append(el('p', r.note));
      ruptures.append(item);
    });

    const notes = $('session-note-list');
    notes.replaceChildren();
    if (!(data.notes || []).length) notes.append(el('li', 'No session notes written.'));
    (data.notes || []).forEach((n) => {
      const item = el('li');
      item.append(el('span', when(n.encounter, n.when), 'status'), el('p', n.text));
      notes.append(item);
    });

    ['rupture-session', 'note-session'].forEach((id) => {
      const select = $(id);
      const chosen = select.value;
      select.replaceChildren();
      sessions.forEach((s) => select.append(option(s.id, sessionLabel(s))));
      if (chosen && byId[chosen]) select.value = chosen;
    });
    const none = !sessions.length;
    $('process-no-session').hidden = !none;
    $('rupture-save').disabled = none;
    $('note-save').disabled = none;
  }

  function fillChoices() {
    const marker = $('rupture-marker');
    MARKERS.forEach(([code, label]) => marker.append(option(code, label)));
    const resolution = $('rupture-resolution');
    RESOLUTIONS.forEach(([code, label]) => resolution.append(option(code, label)));
    const box = $('rupture-strategies');
    STRATEGIES.forEach(([code, label, approach]) => {
      const id = 'strategy-' + code;
      const input = el('input');
      input.type = 'checkbox';
      input.id = id;
      input.value = code;
      const label_ = el('label', approach + ': ' + label);
      label_.htmlFor = id;
      const row = el('div');
      row.append(input, ' ', label_);
      box.append(row);
    });
  }

  async function post(path, parameters) {
    const response = await fetch(new URL('../fhir/' + path, window.location.href), {
      method: 'POST', credentials: 'same-origin',
      headers: ctx.headers({ 'Content-Type': 'application/fhir+json', Accept: 'application/fhir+json' }),
      body: JSON.stringify({ resourceType: 'Parameters', parameter: parameters }),
    });
    if (!response.ok) throw new Error(await ctx.problemOf(response));
  }

  // One id per filled form: a retried save (a timeout, a second click) records once; a new form, a new id.
  const requestIds = {};
  function requestId(form) {
    if (!requestIds[form] && window.crypto && window.crypto.randomUUID) requestIds[form] = window.crypto.randomUUID();
    return requestIds[form] ? [{ name: 'requestId', valueString: requestIds[form] }] : [];
  }

  async function saveRupture(event) {
    event.preventDefault();
    const encounter = $('rupture-session').value;
    const parameters = [
      { name: 'marker', valueCoding: { system: CS + 'rupture-marker', code: $('rupture-marker').value } },
      { name: 'resolution', valueCoding: { system: CS + 'rupture-resolution', code: $('rupture-resolution').value } }];
    document.querySelectorAll('#rupture-strategies input:checked').forEach((box) => {
      parameters.push({ name: 'strategy', valueCoding: { system: CS + 'repair-strategy', code: box.value } });
    });
    const note = $('rupture-note').value.trim();
    if (note) parameters.push({ name: 'note', valueString: note });
    await ctx.run($('rupture-save'), async () => {
      await post('Encounter/' + encodeURIComponent(encounter) + '/$ipt-record-rupture',
        parameters.concat(requestId('rupture')));
      $('rupture-form').reset();
      delete requestIds.rupture;
    }, 'Rupture and repair recorded (private, never shared).');
  }

  async function saveNote(event) {
    event.preventDefault();
    const text = $('note-text').value.trim();
    if (!text) {
      ctx.setStatus('Write the note first.', 'error');
      return;
    }
    await ctx.run($('note-save'), async () => {
      await post('Encounter/' + encodeURIComponent($('note-session').value) + '/$ipt-record-process-note',
        [{ name: 'text', valueString: text }].concat(requestId('note')));
      $('note-form').reset();
      delete requestIds.note;
    }, 'Process note saved (private, never shared).');
  }

  document.addEventListener('DOMContentLoaded', () => {
    fillChoices();
    $('rupture-form').addEventListener('submit', saveRupture);
    $('note-form').addEventListener('submit', saveNote);
  });

  return { render };
})();
