/**
 * What the page shows, kept in its URL (/?q=…&category=…&letter=…) so that links, reloads and the
 * back button work; and the API query strings it turns into.
 */

/** Filters of the form and of the facets, by their URL name. */
export const FILTERS = ['outcome', 'category', 'citationBody', 'reviewerSpecialty', 'licensure', 'year'];
const LETTER_ID = /^[0-9a-f]{64}$/;

export function readState(search) {
  const params = new URLSearchParams(search);
  const state = { q: params.get('q') ?? '', letter: null };
  for (const name of FILTERS) state[name] = (params.get(name) ?? '').trim();
  const letter = params.get('letter');
  if (letter && LETTER_ID.test(letter)) state.letter = letter;
  return state;
}

/** The state from the search form (a new search: no letter open). */
export function stateFromForm(form) {
  const data = new FormData(form);
  const state = { q: String(data.get('q') ?? ''), letter: null };
  for (const name of FILTERS) state[name] = String(data.get(name) ?? '').trim();
  return state;
}

/** The page's URL for a state. */
export function stateUrl(state) {
  const params = new URLSearchParams();
  if (state.q) params.set('q', state.q);
  for (const name of FILTERS) if (state[name]) params.set(name, state[name]);
  if (state.letter) params.set('letter', state.letter);
  const query = params.toString();
  return query ? `/?${query}` : '/';
}

/** The filters as the API takes them (a decision year is a range of decision dates). */
export function filterParams(state) {
  const params = new URLSearchParams();
  for (const name of FILTERS) {
    const value = state[name];
    if (!value) continue;
    if (name === 'year') {
      params.set('decisionFrom', `${value}-01-01`);
      params.set('decisionTo', `${value}-12-31`);
    } else params.set(name, value);
  }
  return params;
}

/** /api/search's query string: the text query, the filters, and a page's cursor. */
export function searchParams(state, cursor) {
  const params = filterParams(state);
  if (state.q.trim()) params.set('q', state.q);
  if (cursor) params.set('cursor', cursor);
  return params;
}

/** Whether two states search the same thing (so the charts and pages stay as they are). */
export function sameSearch(a, b) {
  return a.q === b.q && FILTERS.every((name) => a[name] === b[name]);
}
