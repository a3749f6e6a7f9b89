// The group-session form of a group course: one session of the patient's IPT group, with each member's
// attendance, recorded in ONE call to Group/{id}/$ipt-record-group-session (one transaction on the FHIR
// server: the group's Encounter and every member's own session). The choices of modality and of the
// work done are the session record's, ordered for this patient (the plan's work first). Text reaches
// the page through textContent only. A member's leaving (their course going on individually or ending early)
// goes to Group/{id}/$ipt-remove-member. The same form serves a launch for the group itself (no patient:
// the choices in the shipped order, and the group's sessions listed), with that launch's token.
'use strict';

window.RapportGroup = (() => {
  const $ = (id) => document.getElementById(id);
  const { el } = window.RapportPanel;
  const ATTENDANCE = [['attended', 'Attended'], ['cancelledByPatient', 'Cancelled by the patient'],
    ['cancelledByService', 'Cancelled by the service'], ['didNotAttend', 'Did not attend']];
  const WORK = [['tasks', 'IPT tasks'], ['techniques', 'IPT techniques'], ['interventions', 'Integrative interventions']];

  let ctx = null;
  let course = null;
  let choicesFor = null;
  // One key per filled form: a retried save (a timeout, a second click) records the session once.
  let key = null;

  function option(value, label) {
    const o = el('option', label);
    o.value = value;
    return o;
  }

  // Shows the form for a group course (c from the chart view) or a group launch (c from the group view, patient null).
  function render(c, context, patient) {
    const patientId = patient ? patient.id : null;
    // The panel's token may reach no other member's name: the launched patient is named from the chart.
    const nameOf = (m) => (patientId && m.id === patientId ? (patient.name || m.name) + ' (this patient)' : m.name);
    ctx = context;
    course = c;
    const section = $('group-session');
    const isGroup = !!(c && c.format === 'group' && c.groupId);
    section.hidden = !isGroup;
    if (!isGroup) return;
    $('group-session-name').textContent = c.group || ('Group/' + c.groupId);
    const rows = $('group-members');
    const chosen = {};
    rows.querySelectorAll('select').forEach((s) => { chosen[s.dataset.member] = s.value; });
    rows.replaceChildren();
    (c.members || []).forEach((m) => {
      const id = 'attendance-' + m.id;
      const label = el('label', nameOf(m));
      label.htmlFor = id;
      const select = el('select');
      select.id = id;
      select.dataset.member = m.id;
      ATTENDANCE.forEach(([code, text]) => select.append(option(code, text)));
      if (chosen[m.id]) select.value = chosen[m.id];
      const row = el('div', null, 'member');
      row.append(label, ' ', select);
      rows.append(row);
    });
    const leaving = $('leave-member');
    const before = leaving.value;
    leaving.replaceChildren();
    (c.members || []).forEach((m) => leaving.append(option(m.id, nameOf(m))));
    if (before && (c.members || []).some((m) => m.id === before)) leaving.value = before;
    renderSessions(c.sessions);
    if (choicesFor !== (patientId || '')) {
      choicesFor = patientId || '';
      loadChoices(patientId).catch((e) => ctx.setStatus('The group session’s choices did not load: ' + e.message, 'error'));
    }
  }

  /** The group's recorded sessions, newest first (a group launch's view has them; a patient's chart does not). */
  function renderSessions(sessions) {
    $('group-sessions').hidden = !Array.isArray(sessions);
    const list = $('group-session-list');
    list.replaceChildren();
    if (!Array.isArray(sessions)) return;
    if (!sessions.length) list.append(el('li', 'No group session recorded yet.', 'empty'));
    sessions.forEach((s) => {
      const when = (s.date || '').substring(0, 16).replace('T', ' ');
      const item = el('li', (s.held ? 'Held' : 'Not held') + ' · ' + when, s.held ? 'attended' : 'not-held');
      if (s.minutes) item.append(' ', el('span', '(' + s.minutes + ' min)', 'status'));
      list.append(item);
    });
  }

  /** Modality and work choices from the session record prepared for this patient (shipped order for a group). */
  async function loadChoices(patientId) {
    const response = await fetch('api/forms/session-record' + (patientId ? '?patient=' + encodeURIComponent(patientId) : ''),
      { headers: ctx.headers({ Accept: 'application/fhir+json' }), credentials: 'same-origin', cache: 'no-store' });
    if (!response.ok) throw new Error(await ctx.problemOf(response));
    const form = await response.json();
    const options = (linkId) => ((form.item || []).find((i) => i.linkId === linkId) || {}).answerOption || [];
    const modality = $('group-modality');
    modality.replaceChildren(option('', '—'));
    options('modality').forEach((o) => {
      const c = o.valueCoding;
      const entry = option(c.code, c.display || c.code);
      entry.dataset.system = c.system;
      modality.append(entry);
    });
    const box = $('group-work');
    box.replaceChildren();
    WORK.forEach(([linkId, title]) => {
      const set = el('fieldset');
      set.append(el('legend', title));
      options(linkId).forEach((o) => {
        const c = o.valueCoding;
        const input = el('input');
        input.type = 'checkbox';
        input.id = 'group-work-' + c.code;
        input.value = c.code;
        input.dataset.system = c.system;
        const label = el('label', c.display || c.code);
        label.htmlFor = input.id;
        const row = el('div');
        row.append(input, ' ', label);
        set.append(row);
      });
      box.append(set);
    });
  }

  async function save(event) {
    event.preventDefault();
    const when = $('group-date').value;
    if (!when) {
      ctx.setStatus('Say when the group session was held.', 'error');
      return;
    }
    const members = Array.from(document.querySelectorAll('#group-members select'));
    const ok = await window.RapportPanel.confirm('Record the group session?', 'Rapport will record the session of '
      + (course.group || 'the group') + ' and each of its ' + members.length + ' members’ own session, all at once.');
    if (!ok) return;
    if (!key && window.crypto && window.crypto.randomUUID) key = window.crypto.randomUUID();
    const parameters = [{ name: 'date', valueDateTime: new Date(when).toISOString() }];
    members.forEach((s) => parameters.push({ name: s.value, valueString: 'Patient/' + s.dataset.member }));
    const minutes = $('group-minutes').value;
    if (minutes) parameters.push({ name: 'minutes', valueInteger: Number.parseInt(minutes, 10) });
    const modality = $('group-modality').selectedOptions[0];
    if (modality && modality.value) {
      parameters.push({ name: 'modality', valueCoding: { system: modality.dataset.system, code: modality.value } });
    }
    document.querySelectorAll('#group-work input:checked').forEach((box) => {
      parameters.push({ name: 'delivered', valueCoding: { system: box.dataset.system, code: box.value } });
    });
    if (key) parameters.push({ name: 'key', valueString: key });
    await ctx.run($('group-save'), async () => {
      const response = await fetch(new URL('../fhir/Group/' + encodeURIComponent(course.groupId)
        + '/$ipt-record-group-session', window.location.href), {
        method: 'POST', credentials: 'same-origin',
        headers: ctx.headers({ 'Content-Type': 'application/fhir+json', Accept: 'application/fhir+json' }),
        body: JSON.stringify({ resourceType: 'Parameters', parameter: parameters }),
      });
      if (!response.ok) throw new Error(await ctx.problemOf(response));
      $('group-form').reset();
      key = null;
    }, 'Group session recorded, with each member’s own session.');
  }

  async function leave(event) {
    event.preventDefault();
    const member = $('leave-member').selectedOptions[0];
    if (!member) return;
    const after = $('leave-course').value;
    const ok = await window.RapportPanel.confirm('Record that ' + member.textContent + ' left the group?',
      'Their membership of ' + (course.group || 'the group') + ' ends'
      + ($('leave-date').value ? ' on ' + $('leave-date').value : ' today') + '; their own course '
      + (after === 'continue' ? 'goes on as an individual course.' : 'ends early.')
      + ' Sessions already recorded stay as they are.');
    if (!ok) return;
    const parameters = [{ name: 'patient', valueString: 'Patient/' + member.value },
      { name: 'course', valueCode: after === 'continue' ? 'continue' : 'end' }];
    if (after !== 'continue') {
      parameters.push({ name: 'reason',
        valueCoding: { system: 'https://rapport-ipt.org/fhir/CodeSystem/course-ending-reason', code: after } });
    }
    if ($('leave-date').value) parameters.push({ name: 'date', valueDate: $('leave-date').value });
    const groupId = course.groupId;
    await ctx.run($('leave-save'), async () => {
      const response = await fetch(new URL('../fhir/Group/' + encodeURIComponent(groupId) + '/$ipt-remove-member',
        window.location.href), {
        method: 'POST', credentials: 'same-origin',
        headers: ctx.headers({ 'Content-Type': 'application/fhir+json', Accept: 'application/fhir+json' }),
        body: JSON.stringify({ resourceType: 'Parameters', parameter: parameters }),
      });
      if (!response.ok) throw new Error(await ctx.problemOf(response));
      $('leave-form').reset();
    }, 'The member has left the group.');
  }

  document.addEventListener('DOMContentLoaded', () => {
    $('group-form').addEventListener('submit', save);
    $('leave-form').addEventListener('submit', leave);
  });

  return { render };
})();
