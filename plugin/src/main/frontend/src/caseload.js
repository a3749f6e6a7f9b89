// Rapport caseload: the signed-in clinician's open IPT courses, one row each, most urgent first.
// The server sorts, filters and pages over all the clinician's courses and sends one page at a time;
// every piece of patient text reaches the page through textContent only.
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
    page = view.page;
    const body = $('course-rows');
    body.replaceChildren();
    view.courses.forEach((r) => {
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
    $('course-count').textContent = view.total + ' of ' + view.open + ' open courses';
    $('page-info').textContent = 'Page ' + (page + 1) + ' of ' + view.pages;
    $('page-previous').disabled = page === 0;
    $('page-next').disabled = page >= view.pages - 1;
    document.querySelectorAll('button.sort').forEach((b) => {
      const th = b.parentElement;
      th.setAttribute('aria-sort', b.dataset.key === sort.key ? (sort.ascending ? 'ascending' : 'descending') : 'none');
    });
  }

  async function load() {
    setStatus('Loading your caseload…');
    const query = new URLSearchParams({ page: String(page), count: String(PAGE_SIZE), sort: sort.key,
      order: sort.ascending ? 'asc' : 'desc', flag: $('flag-filter').value });
    let response;
    try {
      response = await fetch('api/caseload?' + query, { headers: window.RapportPanel.headers(session, { Accept: 'application/json' }),
        credentials: 'same-origin', cache: 'no-store' });
    } catch (e) {
      setStatus('Rapport could not be reached. Check the network and reload the page.', 'error');
      return;
    }
    if (!response.ok) {
      setStatus(await window.RapportPanel.problemOf(response), 'error');
      return;
    }
    const first = view === null;
    view = await response.json();
    const filter = $('flag-filter');
    if (first) {
      view.flags.forEach((f) => {
        const option = el('option', f.label);
        option.value = f.code;
        filter.append(option);
      });
    }
    $('caseload-details').textContent = view.clinician + ' · as of ' + view.generated.substring(0, 16).replace('T', ' ') + ' UTC';
    render();
    $('main').hidden = false;
    setStatus(view.open === 0 ? 'You have no open IPT courses.' : '');
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
    const reload = () => load().catch((e) => setStatus(e.message, 'error'));
    $('flag-filter').addEventListener('change', () => { page = 0; reload(); });
    $('page-previous').addEventListener('click', () => { page -= 1; reload(); });
    $('page-next').addEventListener('click', () => { page += 1; reload(); });
    document.querySelectorAll('button.sort').forEach((b) => b.addEventListener('click', () => {
      sort = { key: b.dataset.key, ascending: sort.key === b.dataset.key ? !sort.ascending : true };
      page = 0;
      reload();
    }));
    start().then(load).catch((e) => {
      setStatus(e instanceof TypeError ? 'Rapport could not be reached. Check the network and reload the page.' : e.message, 'error');
    });
  });
})();
