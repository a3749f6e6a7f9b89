// The panel's private area: alliance ruptures and repairs and the clinician's process notes (PSYTHPN).
// They are read from the chart view's `process` part and written through Rapport's Encounter operations;
// corrected or withdrawn (recorded in error) through the operations on the Observation or DocumentReference,
// under If-Match on the version shown. They appear nowhere else on the page. Text reaches the page through
// textContent only.
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
  // The rupture or note being corrected ({ id, version }), or null while the forms record new ones.
  const editing = { rupture: null, note: null };

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
      item.id = 'rupture-' + r.id;
      item.append(el('strong', (r.marker || 'Rupture') + ' → ' + (r.resolution || '')), ' ',
        el('span', '(' + when(r.encounter, r.when) + (r.amended ? ', corrected' : '') + ')', 'status'));
      if ((r.strategies || []).length) item.append(el('p', 'Repair: ' + r.strategies.join('; ')));
      if (r.note) item.append(el('p', r.note));
      item.append(actions('rupture', r, () => correctRupture(r)));
      ruptures.append(item);
    });

    const notes = $('session-note-list');
    notes.replaceChildren();
    if (!(data.notes || []).length) notes.append(el('li', 'No session notes written.'));
    (data.notes || []).forEach((n) => {
      const item = el('li');
      item.id = 'note-' + n.id;
      item.append(el('span', when(n.encounter, n.when) + (n.amended ? ' · corrected' : ''), 'status'), el('p', n.text));
      item.append(actions('note', n, () => correctNote(n)));
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

  /** "Correct" and "Withdraw" for one recorded rupture or note. */
  function actions(kind, recorded, correct) {
    const row = el('div', null, 'actions');
    const fix = el('button', 'Correct');
    fix.type = 'button';
    fix.id = kind + '-correct-' + recorded.id;
    fix.addEventListener('click', correct);
    const withdraw = el('button', 'Withdraw (recorded in error)');
    withdraw.type = 'button';
    withdraw.id = kind + '-withdraw-' + recorded.id;
    withdraw.addEventListener('click', () => withdrawEvent(kind, recorded, withdraw));
    row.append(fix, ' ', withdraw);
    return row;
  }

  function correctRupture(r) {
    editing.rupture = { id: r.id, version: r.version };
    const codes = r.codes || {};
    $('rupture-session').value = r.encounter;
    $('rupture-session').disabled = true;
    if ((codes.marker || [])[0]) $('rupture-marker').value = codes.marker[0];
    if ((codes.resolution || [])[0]) $('rupture-resolution').value = codes.resolution[0];
    document.querySelectorAll('#rupture-strategies input').forEach((box) => {
      box.checked = (codes.strategies || []).includes(box.value);
    });
    $('rupture-note').value = r.note || '';
    $('rupture-save').textContent = 'Save correction (private)';
    $('rupture-record').open = true;
    $('rupture-form').scrollIntoView();
  }

  function correctNote(n) {
    editing.note = { id: n.id, version: n.version };
    $('note-session').value = n.encounter;
    $('note-session').disabled = true;
    $('note-text').value = n.text || '';
    $('note-save').textContent = 'Save correction (private)';
    $('note-record').open = true;
    $('note-form').scrollIntoView();
  }

  /** Back to recording new ones, once a correction is saved. */
  function stopEditing(kind) {
    editing[kind] = null;
    $(kind + '-session').disabled = false;
    $(kind + '-save').textContent = kind === 'rupture' ? 'Save rupture (private)' : 'Save note (private)';
  }

  async function withdrawEvent(kind, recorded, button) {
    const what = kind === 'rupture' ? 'this rupture and repair' : 'this process note';
    const ok = await window.RapportPanel.confirm('Withdraw ' + what + '?', 'Withdraw ' + what
      + ' as recorded in error? It disappears from this list; the record keeps it marked entered-in-error.');
    if (!ok) return;
    const type = kind === 'rupture' ? 'Observation' : 'DocumentReference';
    await ctx.run(button, async () => {
      await post(type + '/' + encodeURIComponent(recorded.id) + '/$ipt-withdraw-process-event', [], recorded.version);
      if (editing[kind] && editing[kind].id === recorded.id) {
        $(kind + '-form').reset();
        stopEditing(kind);
      }
    }, (kind === 'rupture' ? 'Rupture' : 'Process note') + ' withdrawn (recorded in error).');
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

  async function post(path, parameters, version) {
    const headers = ctx.headers({ 'Content-Type': 'application/fhir+json', Accept: 'application/fhir+json' });
    if (version) headers['If-Match'] = 'W/"' + version + '"';
    const response = await fetch(new URL('../fhir/' + path, window.location.href), {
      method: 'POST', credentials: 'same-origin', headers,
      body: JSON.stringify(parameters.length ? { resourceType: 'Parameters', parameter: parameters } : { resourceType: 'Parameters' }),
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
    const amending = editing.rupture;
    await ctx.run($('rupture-save'), async () => {
      if (amending) {
        await post('Observation/' + encodeURIComponent(amending.id) + '/$ipt-amend-rupture', parameters, amending.version);
        stopEditing('rupture');
      } else {
        await post('Encounter/' + encodeURIComponent(encounter) + '/$ipt-record-rupture',
          parameters.concat(requestId('rupture')));
        delete requestIds.rupture;
      }
      $('rupture-form').reset();
    }, amending ? 'Rupture and repair corrected (private, never shared).'
      : 'Rupture and repair recorded (private, never shared).');
  }

  async function saveNote(event) {
    event.preventDefault();
    const text = $('note-text').value.trim();
    if (!text) {
      ctx.setStatus('Write the note first.', 'error');
      return;
    }
    const amending = editing.note;
    await ctx.run($('note-save'), async () => {
      if (amending) {
        await post('DocumentReference/' + encodeURIComponent(amending.id) + '/$ipt-amend-process-note',
          [{ name: 'text', valueString: text }], amending.version);
        stopEditing('note');
      } else {
        await post('Encounter/' + encodeURIComponent($('note-session').value) + '/$ipt-record-process-note',
          [{ name: 'text', valueString: text }].concat(requestId('note')));
        delete requestIds.note;
      }
      $('note-form').reset();
    }, amending ? 'Process note corrected (private, never shared).' : 'Process note saved (private, never shared).');
  }

  document.addEventListener('DOMContentLoaded', () => {
    fillChoices();
    $('rupture-form').addEventListener('submit', saveRupture);
    $('note-form').addEventListener('submit', saveNote);
    // Closing a form left in correction gives it back to recording new ones.
    ['rupture', 'note'].forEach((kind) => $(kind + '-record').addEventListener('toggle', () => {
      if (!$(kind + '-record').open && editing[kind]) {
        $(kind + '-form').reset();
        stopEditing(kind);
      }
    }));
  });

  return { render };
})();
