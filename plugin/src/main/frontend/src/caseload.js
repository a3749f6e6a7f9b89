// Rapport caseload: the signed-in clinician's open IPT courses, one row each, most urgent first.
// Sorting, the flag filter and paging happen here on the rows the server sent; every piece of
// patient text reaches the page through textContent only.
'use strict';

(() => {
  const PAGE_SIZE = 50;
  const PHASES = { initial: 'Initial', middle: 'Middle', termination: 'Termination', maintenance: 'Maintenance' };
  const ARROWS = { up: '↑', down: '↓', same: '→' };
  const TREND_WORDS = { up: 'higher than the time before', down: 'lower than the time before', same: 'as the time before' };
  const $ = (id) => document.getElementById(id);

  let session = null;
  let view = null;
  let sort = { key: 'urgency', ascending: true };
  let page = 0;

  const { el } = window.RapportPanel;

  function setStatus(text, kind) {
    const status = $('status');
    status.className = 'banner ' + (kind || 'info');
    status.textContent = text || '';
  }

  const SORTERS = {
    name: (r) => (r.patient.name || '').toLowerCase(),
    phase: (r) => Object.keys(PHASES).indexOf(r.phase),
    session: (r) => r.session,
    lastSession: (r) => r.lastSessionAt || '',
    phq9: (r) => (r.phq9 ? r.phq9.value : -1),
    gad7: (r) => (r.gad7 ? r.gad7.value : -1),
    urgency: (r) => r.urgency,
  };

  function rows() {
    const filter = $('flag-filter').value;
    const shown = view.courses.filter((r) => !filter || (filter === 'any' ? r.flags.length > 0
      : r.flags.some((f) => f.code === filter)));
    const key = SORTERS[sort.key];
    // Stable: equal keys keep the server's order (most urgent, then longest since a session).
    return shown.map((r, i) => [r, i]).sort((a, b) => {
      const x = key(a[0]);
      const y = key(b[0]);
      const order = x < y ? -1 : x > y ? 1 : 0;
      return (sort.ascending ? order : -order) || a[1] - b[1];
    }).map((p) => p[0]);
  }

  function score(cell, measure) {
    if (!measure) {
      cell.textContent = '—';
      return;
    }
    cell.append(el('span', measure.value));
    if (measure.trend) {
      const arrow = el('span', ' ' + ARROWS[measure.trend], 'trend trend-' + measure.trend);
      arrow.title = TREND_WORDS[measure.trend];
      arrow.setAttribute('aria-label', TREND_WORDS[measure.trend]);
      cell.append(arrow);
    }
    cell.title = 'on ' + measure.date;
  }

  function render() {
    const shown = rows();
    const pages = Math.max(1, Math.ceil(shown.length / PAGE_SIZE));
    page = Math.min(page, pages - 1);
    const body = $('course-rows');
    body.replaceChildren();
    shown.slice(page * PAGE_SIZE, (page + 1) * PAGE_SIZE).forEach((r) => {
      const tr = el('tr');
      tr.dataset.patient = r.patient.id;
      tr.dataset.flags = r.flags.map((f) => f.code).join(' ');
      const name = el('td');
      const link = el('a', r.patient.name || ('Patient/' + r.patient.id));
      link.href = 'index.html?patient=' + encodeURIComponent(r.patient.id);
      name.append(link);
      tr.append(name);
      tr.append(el('td', PHASES[r.phase] || r.phase || '—'));
      tr.append(el('td', r.session + ' of ' + r.sessions));
      tr.append(el('td', r.lastSession || 'none yet'));
      tr.append(el('td', r.problemAreas.join(', ') || '—'));
      const phq9 = el('td', null, 'phq9');
      score(phq9, r.phq9);
      tr.append(phq9);
      const gad7 = el('td', null, 'gad7');
      score(gad7, r.gad7);
      tr.append(gad7);
      const flags = el('td');
      const list = el('ul', null, 'flags');
      r.flags.forEach((f) => list.append(el('li', f.label, 'flag flag-' + f.code)));
      flags.append(list);
      tr.append(flags);
      body.append(tr);
    });
    $('course-count').textContent = shown.length + ' of ' + view.courses.length + ' open courses';
    $('page-info').textContent = 'Page ' + (page + 1) + ' of ' + pages;
    $('page-previous').disabled = page === 0;
    $('page-next').disabled = page >= pages - 1;
    document.querySelectorAll('button.sort').forEach((b) => {
      const th = b.parentElement;
      th.setAttribute('aria-sort', b.dataset.key === sort.key ? (sort.ascending ? 'ascending' : 'descending') : 'none');
    });
  }

  async function load() {
    setStatus('Loading your caseload…');
    let response;
    try {
      response = await fetch('api/caseload', { headers: window.RapportPanel.headers(session, { Accept: 'application/json' }),
        credentials: 'same-origin', cache: 'no-store' });
    } catch (e) {
      setStatus('Rapport could not be reached. Check the network and reload the page.', 'error');
      return;
    }
    if (!response.ok) {
      setStatus(await window.RapportPanel.problemOf(response), 'error');
      return;
    }
    view = await response.json();
    const filter = $('flag-filter');
    view.flags.forEach((f) => {
      const option = el('option', f.label);
      option.value = f.code;
      filter.append(option);
    });
    $('caseload-details').textContent = view.clinician + ' · as of ' + view.generated.substring(0, 16).replace('T', ' ') + ' UTC';
    render();
    $('main').hidden = false;
    setStatus(view.courses.length === 0 ? 'You have no open IPT courses.' : '');
  }

  async function start() {
    const query = new URLSearchParams(window.location.search);
    if (query.has('code') || query.has('error')) {
      window.history.replaceState(null, '', window.location.pathname);
      setStatus('Signing in with the EHR…');
      session = await window.RapportPanel.complete(query);
    } else {
      session = window.RapportPanel.current();
    }
    if (!session) throw new Error('Open your caseload from the EHR (it signs you in).');
  }

  document.addEventListener('DOMContentLoaded', () => {
    $('flag-filter').addEventListener('change', () => { page = 0; render(); });
    $('page-previous').addEventListener('click', () => { page -= 1; render(); });
    $('page-next').addEventListener('click', () => { page += 1; render(); });
    document.querySelectorAll('button.sort').forEach((b) => b.addEventListener('click', () => {
      sort = { key: b.dataset.key, ascending: sort.key === b.dataset.key ? !sort.ascending : true };
      render();
    }));
    start().then(load).catch((e) => {
      setStatus(e instanceof TypeError ? 'Rapport could not be reached. Check the network and reload the page.' : e.message, 'error');
    });
  });
})();
