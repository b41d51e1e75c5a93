import { fill, h, orDash, snippet } from './dom.js';
import { stateUrl } from './state.js';

const FACET_TITLES = { outcome: 'Outcome', category: 'Category', citationBody: 'Guideline body' };
const NO_OUTCOME = 'none';

/** "12 decisions in 5 letters" ("about" when the API estimated the counts). */
export function renderSummary(el, page, pageNumber) {
  const about = page.exact ? '' : 'about ';
  const decisions = `${about}${page.total} decision${page.total === 1 ? '' : 's'}`;
  const letters = `${page.letters} letter${page.letters === 1 ? '' : 's'}`;
  fill(el, `${decisions} in ${letters}`, pageNumber > 1 ? ` · page ${pageNumber}` : '');
}

/** Each hit: its item (a link to the letter), outcome, category, dates, and the snippet. */
export function renderHits(el, page, state, openLetter) {
  if (page.hits.length === 0) {
    fill(el, h('li', { class: 'empty' }, 'No decision matches.'));
    return;
  }
  fill(
    el,
    page.hits.map((hit) => {
      const href = stateUrl({ ...state, letter: hit.letterId });
      const link = h('a', { href, class: 'item' }, hit.item);
      link.addEventListener('click', (event) => {
        if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey) return;
        event.preventDefault();
        openLetter(hit.letterId);
      });
      return h(
        'li',
        { class: 'hit', 'data-letter-id': hit.letterId },
        h('h3', {}, link),
        h(
          'p',
          { class: 'meta' },
          outcomeBadge(hit.outcome),
          h('span', { class: 'category' }, hit.category),
          hit.drug ? h('span', {}, hit.drug) : null,
          h('span', {}, `case ${orDash(hit.caseNumber)}`),
          h('span', {}, `decided ${orDash(hit.decisionDate)}`),
        ),
        h('p', { class: 'snippet' }, snippet(hit.snippet)),
      );
    }),
  );
}

export function outcomeBadge(outcome) {
  const label = outcome ?? 'undecided';
  return h('span', { class: `outcome outcome-${label}` }, label);
}

/**
 * Facet counts under the current query and filters. A value narrows the results when clicked; an
 * applied one (pressed) widens them again.
 */
export function renderFacets(el, facets, state, pick) {
  fill(
    el,
    h('h2', {}, 'Narrow by'),
    Object.entries(FACET_TITLES).map(([facet, title]) => {
      const counts = Object.entries(facets?.[facet] ?? {}).sort(
        (a, b) => b[1] - a[1] || a[0].localeCompare(b[0]),
      );
      return h(
        'section',
        { class: 'facet', 'data-facet': facet, 'aria-label': title },
        h('h3', {}, title),
        counts.length === 0
          ? h('p', { class: 'empty' }, 'none')
          : h(
              'ul',
              {},
              counts.map(([value, count]) => {
                const label = value === NO_OUTCOME ? 'undecided' : value;
                const pressed = state[facet] === value;
                const button = h(
                  'button',
                  {
                    type: 'button',
                    'data-value': value,
                    'aria-pressed': String(pressed),
                    // Decisions without an outcome cannot be filtered for.
                    disabled: value === NO_OUTCOME,
                  },
                  h('span', { class: 'label' }, label),
                  ' ',
                  h('span', { class: 'count' }, String(count)),
                );
                button.addEventListener('click', () => pick(facet, pressed ? '' : value));
                return h('li', {}, button);
              }),
            ),
      );
    }),
  );
}
