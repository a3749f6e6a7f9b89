// Rapport's service view: each outcome Measure per quarter (Measure/[id]/$evaluate-measure, a summary with
// the clinician's token), its counts in a table and its score in a chart, and all of it as CSV. Every value
// reaches the page through textContent.
'use strict';

(() => {
  // The shipped Measures (care-plans: Measure-{id}.json), in the order the page shows them.
  const MEASURES = [
    { id: 'ipt-response', label: 'Depression response (PHQ-9 50 % lower)', percent: true },
    { id: 'ipt-remission', label: 'Depression remission (PHQ-9 below 5)', percent: true },
    { id: 'ipt-reliable-improvement', label: 'Reliable improvement', percent: true },
    { id: 'ipt-reliable-deterioration', label: 'Reliable deterioration (lower is better)', percent: true },
    { id: 'ipt-reliable-recovery', label: 'Reliable recovery', percent: true },
    { id: 'ipt-sessions-attended', label: 'Sessions attended (median)', percent: false },
    { id: 'ipt-dropout', label: 'Dropout: ended without agreement (lower is better)', percent: true },
    { id: 'ipt-session-feedback', label: 'Sessions with session feedback', percent: true },
    { id: 'ipt-technique-fidelity', label: 'Planned IPT techniques all delivered', percent: true },
  ];
  const POPULATIONS = ['initial-population', 'denominator', 'denominator-exclusion', 'numerator', 'measure-population',
    'measure-observation'];
  const $ = (id) => document.getElementById(id);
  let session = null;
  let rows = [];
  const charts = [];

  const { el } = window.RapportPanel;

  function setStatus(text, kind) {
    $('status').className = 'banner ' + (kind || 'info');
    $('status').textContent = text || '';
  }

  function quarters(year) {
    const pad = (n) => String(n).padStart(2, '0');
    return [1, 2, 3, 4].map((q) => {
      const last = new Date(Date.UTC(year, q * 3, 0)).getUTCDate();
      return { label: year + ' Q' + q, start: year + '-' + pad(q * 3 - 2) + '-01', end: year + '-' + pad(q * 3) + '-' + pad(last) };
    });
  }

  // A service may look at one group of patients (a team, an IPT group): ?subject=Group/{id} on the page.
  const SUBJECT = (() => {
    const wanted = new URLSearchParams(window.location.search).get('subject');
    return wanted && /^Group\/[A-Za-z0-9\-.]{1,64}$/.test(wanted) ? wanted : null;
  })();

  async function evaluate(measure, quarter) {
    const query = new URLSearchParams({ periodStart: quarter.start, periodEnd: quarter.end });
    if (SUBJECT) query.set('subject', SUBJECT);
    const response = await fetch(new URL('../fhir/Measure/' + measure.id + '/$evaluate-measure?' + query, window.location.href),
      { headers: window.RapportPanel.headers(session, { Accept: 'application/fhir+json' }), credentials: 'same-origin', cache: 'no-store' });
    if (!response.ok) throw new Error(await window.RapportPanel.problemOf(response));
    const report = await response.json();
    const group = (report.group || [])[0] || {};
    const counts = {};
    (group.population || []).forEach((p) => { counts[p.code.coding[0].code] = p.count; });
    const score = group.measureScore ? Number(group.measureScore.value) : null;
    return { measure: measure.id, quarter: quarter.label, start: quarter.start, end: quarter.end, counts, score };
  }

  function shown(measure, score) {
    if (score === null) return '—';
    return measure.percent ? Math.round(score * 1000) / 10 + ' %' : String(score);
  }

  function render(measure, results) {
    const box = el('section', null, 'service-measure');
    box.id = 'measure-' + measure.id;
    box.setAttribute('aria-labelledby', box.id + '-title');
    const title = el('h2', measure.label);
    title.id = box.id + '-title';
    box.appendChild(title);
    const canvasBox = el('div', null, 'chart-box small');
    const canvas = el('canvas');
    canvas.setAttribute('role', 'img');
    canvas.setAttribute('aria-label', measure.label + ' per quarter (the same figures as the table below)');
    canvasBox.appendChild(canvas);
    box.appendChild(canvasBox);
    const used = POPULATIONS.filter((p) => results.some((r) => r.counts[p] !== undefined));
    const table = el('table');
    table.appendChild(el('caption', measure.label + ': counts per quarter'));
    const head = el('tr');
    ['Quarter'].concat(used, [measure.percent ? 'Proportion' : 'Median']).forEach((h) => {
      const th = el('th', h);
      th.scope = 'col';
      head.appendChild(th);
    });
    const thead = el('thead');
    thead.appendChild(head);
    table.appendChild(thead);
    const body = el('tbody');
    results.forEach((r) => {
      const tr = el('tr');
      const th = el('th', r.quarter);
      th.scope = 'row';
      tr.appendChild(th);
      used.forEach((p) => tr.appendChild(el('td', r.counts[p] === undefined ? '' : r.counts[p], 'count ' + p)));
      tr.appendChild(el('td', shown(measure, r.score), 'score'));
      body.appendChild(tr);
    });
    table.appendChild(body);
    box.appendChild(table);
    $('service-measures').appendChild(box);
    if (window.Chart) {
      charts.push(new window.Chart(canvas, {
        type: 'bar',
        data: {
          labels: results.map((r) => r.quarter),
          datasets: [{ label: measure.percent ? '%' : 'sessions', data: results.map((r) => (r.score === null ? null
            : measure.percent ? Math.round(r.score * 1000) / 10 : r.score)), backgroundColor: '#1f5fa8' }],
        },
        options: { animation: false, maintainAspectRatio: false, plugins: { legend: { display: false } },
          scales: { y: { beginAtZero: true, suggestedMax: measure.percent ? 100 : 16 } } },
      }));
    }
  }

  async function show(event) {
    if (event) event.preventDefault();
    const year = Number($('service-year').value);
    $('service-show').disabled = true;
    $('service-csv').hidden = true;
    charts.splice(0).forEach((c) => c.destroy());
    $('service-measures').replaceChildren();
    rows = [];
    try {
      for (const measure of MEASURES) {
        setStatus('Counting ' + measure.label.toLowerCase() + '…');
        const results = [];
        for (const quarter of quarters(year)) {
          results.push(await evaluate(measure, quarter));
        }
        rows = rows.concat(results);
        render(measure, results);
      }
      setStatus('Courses that ended in ' + year + (SUBJECT ? ' (' + SUBJECT + ')' : '') + ', per quarter.');
      offerCsv();
    } catch (e) {
      setStatus('Not shown: ' + (e instanceof TypeError ? 'Rapport could not be reached.' : e.message), 'error');
    } finally {
      $('service-show').disabled = false;
    }
  }

  /** The figures shown, as CSV (RFC 4180): one line per measure and quarter. */
  function csv() {
    const cell = (v) => {
      const s = v === null || v === undefined ? '' : String(v);
      return /[",\r\n]/.test(s) ? '"' + s.replace(/"/g, '""') + '"' : s;
    };
    const lines = [['measure', 'quarter', 'periodStart', 'periodEnd'].concat(POPULATIONS, ['score']).join(',')];
    rows.forEach((r) => lines.push([r.measure, r.quarter, r.start, r.end].concat(POPULATIONS.map((p) => r.counts[p]), [r.score])
      .map(cell).join(',')));
    return lines.join('\r\n') + '\r\n';
  }

  /** Points the download link at the figures shown (a blob: URL of the page, replaced on each showing). */
  function offerCsv() {
    const link = $('service-csv');
    if (link.href.startsWith('blob:')) URL.revokeObjectURL(link.href);
    link.href = URL.createObjectURL(new Blob([csv()], { type: 'text/csv' }));
    link.download = 'rapport-outcomes-' + $('service-year').value + '.csv';
    link.hidden = false;
  }

  document.addEventListener('DOMContentLoaded', () => {
    session = window.RapportPanel.current();
    const now = new Date().getUTCFullYear();
    for (let y = now; y > now - 6; y--) $('service-year').appendChild(el('option', y));
    const wanted = new URLSearchParams(window.location.search).get('year');
    if (wanted && /^\d{4}$/.test(wanted)) $('service-year').value = wanted;
    $('service-form').addEventListener('submit', show);
    if (!session) {
      setStatus('Open Rapport from the EHR first: the service view counts with your sign-in.', 'error');
      $('service-show').disabled = true;
      return;
    }
    show();
  });
})();
