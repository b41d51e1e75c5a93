import { h, orDash } from './dom.js';
import { outcomeBadge } from './results.js';

const list = (values) => (values?.length ? values.join(', ') : '–');

function facts(rows) {
  return h(
    'dl',
    { class: 'facts' },
    rows.map(([term, value]) => [h('dt', {}, term), h('dd', {}, orDash(value))]),
  );
}

function treatment(t) {
  const parts = [
    t.category,
    t.drug,
    t.strength,
    t.form,
    t.frequency,
    t.quantity === null ? null : `quantity ${t.quantity}`,
    t.sessions === null ? null : `${t.sessions} sessions`,
  ];
  return parts.filter((p) => p !== null && p !== '').join(' · ');
}

function citation(c) {
  const parts = [c.body, c.title, c.topic, c.pages ? `p. ${c.pages}` : null];
  return h('li', { class: 'citation', 'data-body': c.body }, parts.filter(Boolean).join(' — '));
}

function text(title, value) {
  if (!value) return null;
  return h('section', { class: 'text' }, h('h4', {}, title), h('p', {}, value));
}

function decision(d, i) {
  return h(
    'li',
    { class: 'decision', 'data-outcome': d.outcome ?? 'undecided' },
    h('h3', {}, `${i + 1}. `, d.item, ' ', outcomeBadge(d.outcome)),
    h('p', { class: 'treatment' }, treatment(d.treatment)),
    h(
      'section',
      { class: 'citations' },
      h('h4', {}, 'Citations'),
      d.citations.length ? h('ul', {}, d.citations.map(citation)) : h('p', {}, 'none cited'),
    ),
    text('Claims administrator basis', d.claimsAdministratorBasis),
    text('Reviewer basis', d.reviewerBasis),
    text('Rationale', d.rationale),
  );
}

/** A letter: its facts, the clinical summary, then every decision with its citations and texts. */
export function renderLetter(record, back) {
  const d = record.determination;
  const backLink = h('a', { href: back.href, class: 'back' }, '← Back to the results');
  backLink.addEventListener('click', (event) => {
    if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey) return;
    event.preventDefault();
    back.go();
  });
  return [
    backLink,
    h('h2', {}, `Letter ${d.caseNumber ?? record.id.slice(0, 12)}`),
    facts([
      ['Case number', d.caseNumber],
      ['Decision date', d.dates.decision],
      ['Assigned', d.dates.assigned],
      ['UR denial', d.dates.urDenial],
      ['Date of injury', d.dates.injury ?? d.injury.date],
      ['Priority', d.priority],
      [
        'Reviewer',
        [
          d.reviewer.role,
          list([...d.reviewer.boardCertifications, ...d.reviewer.specialties, ...d.reviewer.subspecialties]),
        ]
          .filter(Boolean)
          .join(': '),
      ],
      ['Licensure', list(d.reviewer.licensure)],
      [
        'Patient',
        [d.patient.age === null ? null : `${d.patient.age} years`, d.patient.sex, d.patient.occupation]
          .filter(Boolean)
          .join(', ') || null,
      ],
      [
        'Injury',
        [d.injury.mechanism, list(d.injury.bodyParts)].filter((v) => v && v !== '–').join('; ') || null,
      ],
      ['Diagnoses', list(d.diagnoses)],
      ['Letter id', record.id],
    ]),
    d.summary
      ? h('details', { class: 'summary-text' }, h('summary', {}, 'Clinical summary'), h('p', {}, d.summary))
      : null,
    h('h2', {}, `Decisions (${d.decisions.length})`),
    h('ol', { class: 'decisions' }, d.decisions.map(decision)),
    d.warnings.length
      ? h(
          'section',
          { class: 'warnings' },
          h('h4', {}, 'Extraction warnings'),
          h(
            'ul',
            {},
            d.warnings.map((w) => h('li', {}, w)),
          ),
        )
      : null,
  ];
}
