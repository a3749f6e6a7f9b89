// Rapport clinician panel. Every piece of patient or clinician text reaches the page through
// textContent (the el() helper below); nothing built from data is ever parsed as HTML.
'use strict';

(() => {
  const PHASES = [
    { code: 'initial', label: 'Initial' },
    { code: 'middle', label: 'Middle' },
    { code: 'termination', label: 'Termination' },
    { code: 'maintenance', label: 'Maintenance' },
  ];
  const NEXT = { initial: ['middle'], middle: ['termination'], termination: ['maintenance', 'completed'], maintenance: ['completed'] };
  const PHASE_LABEL = { initial: 'Initial', middle: 'Middle', termination: 'Termination', maintenance: 'Maintenance', completed: 'Completed (close the course)' };
  const $ = (id) => document.getElementById(id);

  let patientId = null;
  // A launch for an IPT group (the Group in the launch's fhirContext, no patient) shows that group only.
  let groupId = null;
  let session = null;
  let view = null;
  let chart = null;

  /** Request headers, with the clinician's tokens when the panel was launched by the EHR. */
  const headers = (extra) => window.RapportPanel.headers(session, extra);

  /** Creates an element whose text is set with textContent only. */
  const { el } = window.RapportPanel;

  function setStatus(text, kind) {
    const status = $('status');
    status.className = 'banner ' + (kind || 'info');
    status.textContent = text || '';
  }

  const problemOf = (response) => window.RapportPanel.problemOf(response);

  async function load() {
    const group = groupId !== null;
    setStatus(group ? 'Loading the group…' : 'Loading the chart…');
    let response;
    try {
      response = await fetch(group ? 'api/group?group=' + encodeURIComponent(groupId)
        : 'api/chart?patient=' + encodeURIComponent(patientId),
      { headers: headers({ Accept: 'application/json' }), credentials: 'same-origin', cache: 'no-store' });
    } catch (e) {
      setStatus('Rapport could not be reached. Check the network and reload the page.', 'error');
      return;
    }
    if (!response.ok) {
      setStatus(await problemOf(response), 'error');
      return;
    }
    view = await response.json();
    if (group) renderGroup(); else render();
    setStatus('');
  }

  // The group's name in the header, and only the group's part of the page, its session form open.
  function renderGroup() {
    $('patient-name').textContent = view.group;
    $('patient-details').textContent = 'IPT group · Group/' + view.groupId + ' · ' + (view.members || []).length
      + ' members';
    document.title = 'Rapport — ' + view.group;
    $('main').querySelectorAll(':scope > section').forEach((s) => { s.hidden = s.id !== 'group-session'; });
    window.RapportGroup.render(view, { headers, problemOf, setStatus, run }, null);
    $('main').hidden = false;
  }

  function render() {
    renderPatient(view.patient);
    renderSafety(view.safety);
    renderCourse(view.course);
    renderScores(view.scores || []);
    renderAlliance(view.alliance);
    renderGoals(view.goals || []);
    renderSessions(view.sessions || []);
    renderInterventions(view.interventions || []);
    renderNotes(view.processNotes || []);
    window.RapportProcess.render(view.process, { headers, problemOf, setStatus, run });
    window.RapportGroup.render(view.course, { headers, problemOf, setStatus, run }, view.patient || {});
    window.RapportPartner.render(view.course, { setStatus, run, operation });
    $('main').hidden = false;
  }

  function renderPatient(p) {
    $('patient-name').textContent = p.name || 'Unnamed patient';
    const parts = [];
    if (p.birthDate) parts.push('Born ' + p.birthDate);
    if (p.gender) parts.push(p.gender);
    parts.push('Patient/' + p.id);
    $('patient-details').textContent = parts.join(' · ');
    document.title = 'Rapport — ' + (p.name || p.id);
  }

  // The item-9 state comes from the rule the CDS card and the export use; the panel shows its words.
  function renderSafety(s) {
    const banner = $('safety-banner');
    const notice = $('safety-notice');
    banner.replaceChildren();
    notice.replaceChildren();
    banner.hidden = true;
    notice.hidden = true;
    if (!s) return;
    const target = s.critical ? banner : (s.status === 'not-answered' || s.status === 'reviewed') ? notice : null;
    if (!target) return;
    target.append(el('strong', 'Safety: '), el('span', s.headline || ''));
    if (s.status === 'positive') {
      // The review that clears the alert is one click away.
      const link = el('a', 'Record the risk review');
      link.href = 'form.html?form=risk-review';
      link.id = 'safety-review-link';
      target.append(' ', link);
    }
    const details = (s.details || []).filter(Boolean);
    if (details.length) {
      const list = el('ul');
      details.forEach(d => list.append(el('li', d)));
      target.append(list);
    }
    target.hidden = false;
  }

  function renderCourse(c) {
    $('not-enrolled').hidden = !!c;
    $('course-details').hidden = !c;
    if (!c) return;
    const timeline = $('timeline');
    timeline.replaceChildren();
    const at = PHASES.findIndex((p) => p.code === c.phase);
    PHASES.forEach((p, i) => {
      const item = el('li', p.label);
      if (i === at) { item.className = 'current'; item.setAttribute('aria-current', 'step'); }
      else if (i < at || c.status === 'completed') item.className = 'done';
      timeline.append(item);
    });
    const total = c.contractedSessions || 0;
    const done = c.completedSessions || 0;
    const current = Math.min(done + 1, Math.max(total, 1));
    $('session-progress').textContent = total
      ? 'Session ' + current + ' of ' + total + ' · ' + Math.max(total - done, 0) + ' sessions left'
        + ' · phase: ' + (PHASE_LABEL[c.phase] || c.phase || 'unknown')
      : 'Phase: ' + (PHASE_LABEL[c.phase] || c.phase || 'unknown');
    $('session-bar').max = Math.max(total, 1);
    $('session-bar').value = done;
    $('problem-area').textContent = c.problemAreas && c.problemAreas.length ? c.problemAreas.join(', ') : 'Not chosen yet';
    $('dispute-stage').textContent = c.disputeStage || '—';
    $('integration-route').textContent = c.integrationRoute || '—';
    $('course-format').textContent = (c.formatText || 'Individual')
      + (c.partner ? ' with ' + c.partner : '') + (c.group ? ' · ' + c.group : '');
    const select = $('advance-phase');
    select.replaceChildren();
    (NEXT[c.phase] || []).forEach((code) => {
      const option = el('option', PHASE_LABEL[code]);
      option.value = code;
      select.append(option);
    });
    const canAdvance = select.options.length > 0 && c.status === 'active';
    select.disabled = !canAdvance;
    $('advance-button').disabled = !canAdvance;
  }

  function severity(instrument, total) {
    if (total < 5) return 'minimal';
    if (total < 10) return 'mild';
    if (total < 15) return 'moderate';
    if (instrument === 'GAD-7') return 'severe';
    return total < 20 ? 'moderately severe' : 'severe';
  }

  const BANDS = [
    { from: 0, to: 5, color: 'rgba(46,160,67,0.10)', label: 'minimal' },
    { from: 5, to: 10, color: 'rgba(210,180,0,0.12)', label: 'mild' },
    { from: 10, to: 15, color: 'rgba(230,120,0,0.13)', label: 'moderate' },
    { from: 15, to: 20, color: 'rgba(200,60,40,0.14)', label: 'mod. severe (PHQ-9) / severe (GAD-7)' },
    { from: 20, to: 27, color: 'rgba(160,20,30,0.16)', label: 'severe (PHQ-9)' },
  ];

  const MARKERS = {
    response: { style: 'triangle' },
    remission: { style: 'star' },
    'non-response': { style: 'crossRot' },
  };

  const severityBands = {
    id: 'severityBands',
    beforeDatasetsDraw(c) {
      const { ctx, chartArea: area, scales: { y } } = c;
      ctx.save();
      BANDS.forEach((b) => {
        const top = y.getPixelForValue(b.to);
        const bottom = y.getPixelForValue(b.from);
        ctx.fillStyle = b.color;
        ctx.fillRect(area.left, top, area.right - area.left, bottom - top);
        ctx.fillStyle = '#5b6675';
        ctx.font = '11px system-ui, sans-serif';
        ctx.textAlign = 'right';
        ctx.fillText(b.label, area.right - 4, top + 12);
      });
      ctx.restore();
    },
  };

  function renderScores(scores) {
    const body = $('score-table').querySelector('tbody');
    body.replaceChildren();
    scores.forEach((s) => {
      const row = el('tr');
      row.append(el('td', s.date), el('td', s.instrument), el('td', s.value), el('td', severity(s.instrument, s.value)),
        el('td', s.response ? s.response.display : ''));
      body.append(row);
    });
    if (!scores.length) {
      const row = el('tr');
      const cell = el('td', 'No scores yet.');
      cell.colSpan = 5;
      row.append(cell);
      body.append(row);
    }
    if (typeof window.Chart !== 'function') return;
    const times = [...new Set(scores.map((s) => s.when || s.date))].sort();
    const points = (name) => times.map((t) => {
      const found = scores.filter((s) => s.instrument === name && (s.when || s.date) === t);
      return found.length ? found[found.length - 1] : null;
    });
    // Response, remission and non-response as Rapport recorded them, drawn as marked points.
    const marker = (p) => (p && p.response && MARKERS[p.response.code]) || null;
    const dataset = (name, color, extra) => {
      const ps = points(name);
      return Object.assign({
        label: name,
        data: ps.map((p) => (p ? p.value : null)),
        borderColor: color,
        backgroundColor: color,
        spanGaps: true,
        pointStyle: ps.map((p) => (marker(p) ? marker(p).style : 'circle')),
        pointRadius: ps.map((p) => (marker(p) ? 9 : 3)),
      }, extra || {});
    };
    const data = {
      labels: times.map((t) => t.substring(0, 16).replace('T', ' ')),
      datasets: [dataset('PHQ-9', '#1f5fa8'), dataset('GAD-7', '#7a3fb0', { borderDash: [6, 4] })],
    };
    if (chart) chart.destroy();
    chart = new window.Chart($('trend'), {
      type: 'line',
      data,
      options: {
        animation: false,
        maintainAspectRatio: false,
        scales: { y: { min: 0, max: 27, ticks: { stepSize: 5 }, title: { display: true, text: 'Total score' } } },
        plugins: { legend: { position: 'bottom' } },
      },
      plugins: [severityBands],
    });
  }

  function renderGoals(goals) {
    const list = $('goal-list');
    list.replaceChildren();
    if (!goals.length) list.append(el('li', 'No goals recorded yet.'));
    goals.forEach((g) => {
      const item = el('li', g.description);
      item.append(' ', el('span', '(' + g.status + ')', 'status'));
      list.append(item);
    });
  }

  // The alliance beside the symptom measures: the scores with a bar each, and a possible rupture
  // (decided on the server by the rule the CDS card uses) with the repair options.
  function renderAlliance(a) {
    $('alliance').hidden = !a;
    if (!a) return;
    const warning = $('alliance-warning');
    warning.replaceChildren();
    warning.hidden = !a.warning;
    if (a.warning) {
      warning.append(el('strong', a.warning.headline), el('p', a.warning.reason));
      const list = el('ul');
      a.warning.repairs.forEach((r) => list.append(el('li', r)));
      // Checking in may find a rupture: its record is one step away, in the private area.
      const record = el('a', 'Record a rupture and its repair (private area)');
      record.href = '#rupture-form';
      record.id = 'alliance-record-rupture';
      // Not every browser opens a closed <details> for a fragment link.
      record.addEventListener('click', () => { $('rupture-record').open = true; });
      warning.append(list, record);
    }
    const body = $('alliance-table').querySelector('tbody');
    body.replaceChildren();
    if (!a.scores.length) {
      const row = el('tr');
      const cell = el('td', 'No session feedback yet.');
      cell.colSpan = 3;
      row.append(cell);
      body.append(row);
    }
    a.scores.forEach((p) => {
      const row = el('tr');
      const bar = el('meter');
      bar.min = 0; bar.max = a.max; bar.value = p.score;
      bar.setAttribute('aria-label', p.score + ' of ' + a.max);
      const trend = el('td');
      trend.append(bar);
      row.append(el('td', p.date), el('td', p.score + ' / ' + a.max), trend);
      body.append(row);
    });
  }

  // The course timeline of sessions: each held one with its number, the others marked as such.
  function renderSessions(sessions) {
    const list = $('session-list');
    list.replaceChildren();
    if (!sessions.length) list.append(el('li', 'No sessions recorded yet (use the Session record form).', 'empty'));
    sessions.forEach((s) => {
      const held = s.attendance === 'attended';
      const when = (s.date || '').substring(0, 10);
      const item = el('li', (held ? 'Session ' + s.number : 'Not held') + ' · ' + when, held ? 'attended' : 'not-held');
      item.dataset.attendance = s.attendance || '';
      const who = s.format === 'conjoint' ? 'conjoint' + (s.partner ? ' with ' + s.partner : '')
        : s.format === 'group' ? 'group session' : null;
      const details = [s.attendanceText, who, s.modality, s.minutes ? s.minutes + ' min' : null].filter(Boolean).join(', ');
      item.append(' ', el('span', '(' + details + ')', 'status'));
      if (s.delivered && s.delivered.length) item.append(el('p', 'Done: ' + s.delivered.join('; ')));
      list.append(item);
    });
  }

  function renderInterventions(groups) {
    const box = $('intervention-groups');
    box.replaceChildren();
    if (!groups.length) box.append(el('p', 'No interventions planned.'));
    groups.forEach((g) => {
      const group = el('div', undefined, 'group');
      group.append(el('h3', g.tradition));
      const list = el('ul');
      g.items.forEach((i) => {
        const item = el('li', i.title);
        const delivered = i.deliveredIn ? 'delivered in ' + i.deliveredIn + (i.deliveredIn === 1 ? ' session' : ' sessions') : null;
        item.append(' ', el('span', '(' + [i.status, delivered, i.scheduled].filter(Boolean).join(', ') + ')', 'status'));
        list.append(item);
      });
      group.append(list);
      box.append(group);
    });
  }

  function renderNotes(notes) {
    const list = $('note-list');
    list.replaceChildren();
    if (!notes.length) list.append(el('li', 'No process notes.'));
    notes.forEach((n) => {
      const item = el('li', n.title);
      if (n.status) item.append(' ', el('span', '(' + n.status + ')', 'status'));
      (n.notes || []).forEach((t) => item.append(el('p', t)));
      list.append(item);
    });
  }

  const confirmAction = (title, text) => window.RapportPanel.confirm(title, text);

  async function operation(path, parameters, ifMatch) {
    const sent = headers({ 'Content-Type': 'application/fhir+json', Accept: 'application/fhir+json' });
    if (ifMatch) sent['If-Match'] = ifMatch;
    const response = await fetch(new URL('../fhir/' + path, window.location.href), {
      method: 'POST', headers: sent, credentials: 'same-origin',
      body: JSON.stringify(parameters.length ? { resourceType: 'Parameters', parameter: parameters } : { resourceType: 'Parameters' }),
    });
    if (!response.ok) throw new Error(await problemOf(response));
    return response;
  }

  async function run(button, work, done) {
    button.disabled = true;
    setStatus('Working…');
    try {
      await work();
      await load();
      setStatus(done, 'info');
    } catch (e) {
      setStatus('Not done: ' + (e instanceof TypeError ? 'Rapport could not be reached.' : e.message), 'error');
    } finally {
      button.disabled = false;
    }
  }

  async function enroll() {
    const ok = await confirmAction('Enrol in an IPT course?',
      'Rapport will start a 16-session acute IPT course (assimilative integration) for '
      + $('patient-name').textContent + ' and schedule the first session’s measures.');
    if (!ok) return;
    await run($('enroll-button'), () => operation('Patient/' + encodeURIComponent(patientId) + '/$ipt-enroll', []),
      'Enrolled: the course has started in the initial phase.');
  }

  async function advance() {
    const target = $('advance-phase').value;
    if (!target || !view || !view.course) return;
    const ok = await confirmAction('Advance the phase?', 'Move the course from the '
      + (PHASE_LABEL[view.course.phase] || view.course.phase) + ' phase to: ' + PHASE_LABEL[target] + '.');
    if (!ok) return;
    const c = view.course;
    await run($('advance-button'), () => operation('CarePlan/' + encodeURIComponent(c.id) + '/$ipt-advance',
      [{ name: 'phase', valueCode: target }], c.versionId ? 'W/"' + c.versionId + '"' : null),
    'The course is now in the ' + (PHASE_LABEL[target] || target) + ' phase.');
  }

  /**
   * What to show: the patient of the SMART launch, the group of a launch for a group, or (sandbox only, the
   * server decides) ?patient=.
   */
  async function start() {
    const query = new URLSearchParams(window.location.search);
    if (query.has('code') || query.has('error')) {
      // The code is single-use: take it out of the address (and the history) before anything else.
      window.history.replaceState(null, '', window.location.pathname);
      setStatus('Signing in with the EHR…');
      session = await window.RapportPanel.complete(query);
    } else {
      session = window.RapportPanel.current();
    }
    // A patient launch shows its patient only; a caseload session (no patient) opens the row's patient,
    // which the EHR lets the clinician read only if they care for them.
    if (session && session.patient) return { patient: session.patient };
    if (session && session.group) return { group: session.group };
    const id = query.get('patient');
    if (!id || !/^[A-Za-z0-9\-.]{1,64}$/.test(id)) {
      throw new Error('Open the panel from the patient’s chart in the EHR.');
    }
    return { patient: id };
  }

  document.addEventListener('DOMContentLoaded', () => {
    $('enroll-button').addEventListener('click', enroll);
    $('advance-button').addEventListener('click', advance);
    start().then((opened) => {
      if (opened.group) {
        groupId = opened.group;
        $('group-record').open = true;
        return load();
      }
      const id = opened.patient;
      patientId = id;
      if (session && !session.patient) $('caseload-link').hidden = false;
      if (!session) {
        // Sandbox use without a launch: the form pages need the patient in their address too.
        document.querySelectorAll('#form-links a').forEach((a) => {
          a.href += '&patient=' + encodeURIComponent(id);
        });
      }
      return load();
    }).catch((e) => {
      setStatus(e instanceof TypeError ? 'Rapport could not be reached. Check the network and reload the page.' : e.message, 'error');
    });
  });
})();
