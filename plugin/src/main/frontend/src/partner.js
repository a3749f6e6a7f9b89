// The partner of a conjoint course: who it is now and, while the course is active, "Change partner…" to
// name another of the patient's RelatedPersons (the chart view's `relatedPersons`: those the Interpersonal
// Inventory recorded and any the EHR holds). The change goes to CarePlan/{id}/$ipt-change-partner through the
// page's own operation call (the launch's token, as for enrolling and advancing); sessions already recorded keep the partner who was there,
// which the session list shows row by row. Text reaches the page through textContent only.
'use strict';

window.RapportPartner = (() => {
  const $ = (id) => document.getElementById(id);
  const { el } = window.RapportPanel;

  let ctx = null;
  let course = null;

  /** "Daniel (husband)", or the name alone when no relationship is recorded. */
  function label(person) {
    return person.name + (person.relationship ? ' (' + person.relationship + ')' : '');
  }

  function render(c, context) {
    ctx = context;
    course = c;
    const conjoint = !!(c && c.format === 'conjoint');
    $('partner-term').hidden = !conjoint;
    $('course-partner').hidden = !conjoint;
    $('partner-change').hidden = !conjoint;
    if (!conjoint) return;
    const people = c.relatedPersons || [];
    const current = people.find((p) => p.id === c.partnerId);
    $('course-partner').textContent = current ? label(current) : (c.partner || 'None named');
    const others = people.filter((p) => p.id !== c.partnerId);
    const select = $('partner-choice');
    const before = select.value;
    select.replaceChildren();
    others.forEach((p) => {
      const option = el('option', label(p));
      option.value = p.id;
      select.append(option);
    });
    if (before && others.some((p) => p.id === before)) select.value = before;
    const active = c.status === 'active';
    $('partner-none').hidden = others.length > 0;
    $('partner-inactive').hidden = active;
    select.disabled = !others.length || !active;
    $('partner-save').disabled = !others.length || !active;
  }

  async function change(event) {
    event.preventDefault();
    const chosen = $('partner-choice').selectedOptions[0];
    if (!chosen || !course) return;
    const ok = await window.RapportPanel.confirm('Change the partner?', chosen.textContent
      + ' becomes the partner of this conjoint course' + (course.partner ? ', instead of ' + course.partner : '')
      + '. Sessions from now on name them when the partner takes part; sessions already recorded keep the partner'
      + ' who was there.');
    if (!ok) return;
    const name = chosen.textContent;
    await ctx.run($('partner-save'), async () => {
      await ctx.operation('CarePlan/' + encodeURIComponent(course.id) + '/$ipt-change-partner',
        [{ name: 'partner', valueString: 'RelatedPerson/' + chosen.value }]);
      $('partner-change').open = false;
    }, 'The partner is now ' + name + '; sessions already recorded keep who was there.');
  }

  document.addEventListener('DOMContentLoaded', () => {
    $('partner-form').addEventListener('submit', change);
  });

  return { render };
})();
