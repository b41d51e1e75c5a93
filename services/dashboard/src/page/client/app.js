import { ApiError, getLetter, getStats, searchDecisions } from './api.js';
import { overturnChart } from './chart.js';
import { fill, h } from './dom.js';
import { renderLetter } from './letter.js';
import { renderFacets, renderHits, renderSummary } from './results.js';
import {
  FILTERS,
  filterParams,
  readState,
  sameSearch,
  searchParams,
  stateFromForm,
  stateUrl,
} from './state.js';

const $ = (id) => document.getElementById(id);
const els = {
  form: $('search'),
  status: $('status'),
  resultsView: $('results-view'),
  results: $('results'),
  summary: $('summary'),
  hits: $('hits'),
  facets: $('facets'),
  prev: $('prev'),
  next: $('next'),
  pageNumber: $('page-number'),
  letter: $('letter'),
  charts: $('charts'),
  chartCategory: $('chart-category'),
  chartYear: $('chart-year'),
  specialties: $('specialties'),
  year: document.querySelector('select[name="year"]'),
};

let state = readState(location.search);
/** The search the results and charts show (null before the first). */
let shown = null;
/** Cursors of the pages seen so far: cursors[i] opens page i + 1 (the first needs none). */
let cursors = [null];
let pageIndex = 0;
let controller = null;
/** Whether the letter on screen was opened from the results (so "back" is the browser's back). */
let openedFromResults = false;

function explain(error) {
  if (error instanceof ApiError) {
    if (error.status === 401 || error.status === 403)
      return 'Not allowed: log in again with a dashboard token.';
    if (error.status === 400)
      return `The search could not be used (${error.code}: ${error.fields.join(', ')}).`;
    if (error.status === 404) return 'No such letter in the index.';
    return `The server could not answer (${error.code}).`;
  }
  return 'The server could not be reached.';
}

function showStatus(message, isError = false) {
  els.status.textContent = message;
  els.status.classList.toggle('error', isError);
  els.status.setAttribute('role', isError ? 'alert' : 'status');
}

/** The form shows the state (after a link, a facet click, or the back button). */
function syncForm() {
  els.form.elements.namedItem('q').value = state.q;
  for (const name of FILTERS) {
    const field = els.form.elements.namedItem(name);
    if (
      field.tagName === 'SELECT' &&
      state[name] &&
      ![...field.options].some((o) => o.value === state[name])
    ) {
      field.append(h('option', { value: state[name] }, state[name]));
    }
    field.value = state[name];
  }
}

async function loadPage(signal) {
  els.results.setAttribute('aria-busy', 'true');
  const page = await searchDecisions(searchParams(state, cursors[pageIndex]), signal);
  cursors[pageIndex + 1] = page.nextCursor;
  renderSummary(els.summary, page, pageIndex + 1);
  renderHits(els.hits, page, state, openLetter);
  renderFacets(els.facets, page.facets, state, pickFacet);
  els.prev.disabled = pageIndex === 0;
  els.next.disabled = !page.nextCursor;
  els.pageNumber.textContent = `page ${pageIndex + 1}`;
  els.results.setAttribute('aria-busy', 'false');
}

async function loadCharts(signal) {
  els.charts.setAttribute('aria-busy', 'true');
  const stats = await getStats(filterParams(state), signal);
  fill(els.chartCategory, overturnChart('category', 'Overturn rate by category', stats.byCategory));
  fill(els.chartYear, overturnChart('year', 'Overturn rate by year', stats.byYear));
  els.charts.setAttribute('aria-busy', 'false');
}

async function loadLetter(signal) {
  els.letter.setAttribute('aria-busy', 'true');
  const record = await getLetter(state.letter, signal);
  const back = {
    href: stateUrl({ ...state, letter: null }),
    go: () => (openedFromResults ? history.back() : navigate({ ...state, letter: null })),
  };
  fill(els.letter, renderLetter(record, back));
  els.letter.setAttribute('aria-busy', 'false');
}

/** Shows the state: a letter, or the results and charts (re-searching only when the search changed). */
async function render() {
  controller?.abort();
  controller = new AbortController();
  const { signal } = controller;
  syncForm();
  const letterOpen = state.letter !== null;
  els.letter.hidden = !letterOpen;
  els.resultsView.hidden = letterOpen;
  els.charts.hidden = letterOpen;
  showStatus('');
  try {
    if (letterOpen) {
      await loadLetter(signal);
      return;
    }
    openedFromResults = false;
    if (shown && sameSearch(shown, state)) return;
    cursors = [null];
    pageIndex = 0;
    const chartsNeeded = !shown || filterParams(shown).toString() !== filterParams(state).toString();
    await Promise.all([loadPage(signal), chartsNeeded ? loadCharts(signal) : null]);
    shown = { ...state };
  } catch (error) {
    if (signal.aborted) return;
    showStatus(explain(error), true);
    els.results.setAttribute('aria-busy', 'false');
    els.charts.setAttribute('aria-busy', 'false');
    els.letter.setAttribute('aria-busy', 'false');
  }
}

function navigate(next) {
  state = next;
  history.pushState(null, '', stateUrl(state));
  return render();
}

function openLetter(id) {
  void navigate({ ...state, letter: id });
  // After navigate(): its render() forgets where a letter came from when it shows results.
  openedFromResults = true;
}

function pickFacet(facet, value) {
  void navigate({ ...state, [facet]: value, letter: null });
}

async function turnPage(delta) {
  controller?.abort();
  controller = new AbortController();
  const { signal } = controller;
  const from = pageIndex;
  pageIndex += delta;
  try {
    await loadPage(signal);
    els.results.scrollIntoView({ block: 'start' });
  } catch (error) {
    if (signal.aborted) return;
    pageIndex = from;
    els.results.setAttribute('aria-busy', 'false');
    showStatus(explain(error), true);
  }
}

/** The years and specialties the index holds, offered as choices (once, unfiltered). */
async function loadChoices() {
  try {
    const stats = await getStats(new URLSearchParams());
    for (const { key } of stats.byYear) {
      if (![...els.year.options].some((o) => o.value === key))
        els.year.append(h('option', { value: key }, key));
    }
    fill(
      els.specialties,
      stats.byReviewerSpecialty.map((g) => h('option', { value: g.key })),
    );
    if (state.year) els.year.value = state.year;
  } catch {
    // The search itself shows what went wrong.
  }
}

els.form.addEventListener('submit', (event) => {
  event.preventDefault();
  void navigate(stateFromForm(els.form));
});
for (const select of els.form.querySelectorAll('select')) {
  select.addEventListener('change', () => void navigate(stateFromForm(els.form)));
}
els.prev.addEventListener('click', () => pageIndex > 0 && void turnPage(-1));
els.next.addEventListener('click', () => cursors[pageIndex + 1] && void turnPage(1));
window.addEventListener('popstate', () => {
  state = readState(location.search);
  void render();
});

void loadChoices();
void render();
