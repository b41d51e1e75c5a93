import { type LabelTexts, labelTexts } from './label-texts.ts';
import { findLabels, LABEL_ORDER, type LabelMatch } from './labels.ts';
import { endsModifiedRequestSentence, lacksOriginalRequest } from './modified-request.ts';
import { outcomeOfWord } from './outcome.ts';
import type { RawDecision } from './raw-decision.ts';
import { endsSentence, squash } from './text.ts';

/**
 * Layout 1 items: a title line ending in its outcome ("KETAMINE 5% CREAM 60 GR. QTY: 1: Upheld"), then
 * the labelled texts. Each run of labels that restarts the label order opens a new item; the item's
 * title is the text just above its first label (it may have wrapped over a few lines).
 */

const MAX_TITLE = 300;
const OUTCOME_ONLY = /^[A-Za-z]+\.?$/;
// Longer than any title: such a line is a paragraph with the title run into its end.
const LONG_LINE = 200;
const PROSE_SENTENCE_END = /([a-zA-Z)])[.!?:]["'”’]?\s+(?=[A-Z0-9#])/g;
const PAGE_FURNITURE =
  /^(?:Page \d+(?: of \d+)?|(?:IMR )?Case (?:Number|No\.?):? *[A-Z]{1,4}\d{2}-?\d{4,8}|[A-Z]{1,4}\d{2}-\d{4,8})$/i;
const TITLE_WITH_WORD = /^(.*?\S)\s*:\s*([A-Za-z]+)\.?$/;
// The title is tried at lengths that end in a non-space only (those are the ones that can match first):
// `\S[^\n]{0,300}?\s*` would rescan the spaces after the title for each of up to 300 lengths.
const OUTCOME_LINE = /^[ \t]*(\S(?:[^\n]{0,299}?\S)??)\s*:\s*(Upheld|Overturned)\.?[ \t]*$/gim;

const isLowercase = (code: number): boolean => code >= 97 && code <= 122;

const STOPS = '.!?;';
const CLOSERS = `"'”’)`;

/**
 * Whether a line ends a sentence: a stop, perhaps closing quotes or parentheses after it (what
 * /[.!?;]["'”’)]*$/ finds), read from the line's end rather than tested from each of its characters.
 */
function endsWithStop(line: string): boolean {
  let end = line.length;
  while (end > 0 && CLOSERS.includes(line[end - 1]!)) end--;
  return end > 0 && STOPS.includes(line[end - 1]!);
}

/**
 * Where the last sentence of prose in a line ends, before the title that was run into it: a full stop,
 * question mark or colon, then white space and a capital or digit. -1 when there is none.
 */
function lastProseSentenceEnd(line: string): number {
  // Only stops before the colon that introduces the outcome word can end the paragraph above.
  const outcomeColon = line.search(/:\s*[A-Za-z]+\.?\s*$/);
  let found = -1;
  const end = outcomeColon >= 0 ? outcomeColon : line.length;
  // The last lowercase letter before `end`: whether one follows a stop is a comparison, not a rescan.
  let lastLowercase = end - 1;
  while (lastLowercase >= 0 && !isLowercase(line.charCodeAt(lastLowercase))) lastLowercase--;
  for (const m of line.matchAll(PROSE_SENTENCE_END)) {
    if (m.index >= end - 1) break;
    // After a capital ("per MTUS. Chronic pain ..."), a stop ends prose only when a mixed-case title
    // follows; in "60 GR. QTY: 1" the capitals run on.
    if (/[A-Z]/.test(m[1]!) && lastLowercase < m.index + m[0].length) continue;
    found = m.index + m[0].length;
  }
  return found;
}

/** Offset in `pre` where the title above a label starts; pre.length when there is none. */
export function titleStart(pre: string): number {
  const rows = pre.split('\n');
  const positions: number[] = [];
  let at = 0;
  for (const row of rows) {
    positions.push(at);
    at += row.length + 1;
  }
  let offset = pre.length;
  let taken = 0;
  let length = 0;
  let lastTaken = '';
  for (let i = rows.length - 1; i >= 0; i--) {
    const line = rows[i]!.trim();
    if (!line) continue;
    if (taken === 0 && line.length > LONG_LINE) {
      // The title was run into the paragraph above it: it starts after that paragraph's last sentence.
      const cut = lastProseSentenceEnd(rows[i]!);
      return cut < 0 ? pre.length : positions[i]! + cut;
    }
    // A running page header or footer left in the text is never part of a title.
    if (PAGE_FURNITURE.test(line)) break;
    const sentenceEnd = endsWithStop(line) && /[a-z]/.test(line);
    // "TITLE:" above a lone "Upheld" is one title line wrapped before its outcome word.
    const colonEnd = line.endsWith(':') && !(taken === 1 && OUTCOME_ONLY.test(length ? lastTaken : ''));
    const stop =
      taken > 0
        ? colonEnd || sentenceEnd || line.length > 160 || length + line.length > MAX_TITLE || taken >= 4
        : false;
    if (stop) break;
    taken++;
    length += line.length + 1;
    lastTaken = line;
    offset = positions[i]!;
  }
  return offset;
}

// The first sentence of a modified request's heading: "X was the original request", or "The Claims
// Administrator authorized Y" when the heading does not restate the original; words perhaps wrapped.
const WAS_ORIGINAL = /\swas\s+the\s+original\s+request\b/gi;
const AUTHORIZED = /\bThe\s+Claims\s+Administrator\s+authorized\s/gi;
const BLANK_LINE = /\n[ \t]*\n/g;

/** Where the last match of a global pattern in `text` starts and ends; null when there is none. */
function lastMatch(text: string, pattern: RegExp): { start: number; end: number } | null {
  let last: RegExpExecArray | null = null;
  for (const m of text.matchAll(pattern)) last = m;
  return last ? { start: last.index, end: last.index + last[0].length } : null;
}

/**
 * Where a modified request's heading starts when the title found above its label (at `start`) is only
 * its last sentence ("The remaining IMR eligible portion of the original request, X"): its first
 * sentences ("X was the original request. Y was authorized by the Claims Administrator.") sit just
 * before, run into a rationale, on lines that end a sentence, or a paragraph above when a page break
 * split the heading mid-sentence. `start` when they are not found there.
 */
function modifiedHeadingStart(region: string, from: number, start: number): number {
  const windowStart = Math.max(from, start - 3 * MAX_TITLE);
  const before = region.slice(windowStart, start);
  const original = lastMatch(before, WAS_ORIGINAL)?.start ?? -1;
  const first = original >= 0 ? original : (lastMatch(before, AUTHORIZED)?.start ?? -1);
  if (first < 0) return start;
  // Blank lines inside the heading: left by a page break mid-sentence, or by the normalizer after one
  // of the heading's own sentences. After any other sentence the heading started later.
  for (const m of before.slice(first).matchAll(BLANK_LINE)) {
    const above = before.slice(first, first + m.index);
    if (endsSentence(above) && !endsModifiedRequestSentence(above)) return start;
  }
  if (original < 0) return windowStart + first;
  // "X was the original request." starts after its paragraph's last sentence before X.
  const paragraph = lastMatch(before.slice(0, original), BLANK_LINE)?.end ?? 0;
  const lead = before.slice(paragraph, original);
  const cut = lastProseSentenceEnd(lead);
  if (cut < 0 && lead.length > MAX_TITLE) return start;
  return windowStart + paragraph + Math.max(cut, 0);
}

/** Splits a title line into the item and its outcome word. */
export function parseTitle(title: string): Pick<RawDecision, 'item' | 'outcome' | 'outcomeProblem'> {
  const m = TITLE_WITH_WORD.exec(title);
  if (m) {
    const outcome = outcomeOfWord(m[2]!);
    return { item: m[1]!, outcome: outcome ?? null, outcomeProblem: outcome ? null : 'unknown-word' };
  }
  return { item: title.replace(/:$/, ''), outcome: null, outcomeProblem: 'missing' };
}

function groupLabels(labels: LabelMatch[]): LabelMatch[][] {
  const groups: LabelMatch[][] = [];
  let current: LabelMatch[] | null = null;
  for (const label of labels) {
    const last = current?.[current.length - 1];
    if (!current || !last || LABEL_ORDER[label.kind] <= LABEL_ORDER[last.kind]) {
      current = [];
      groups.push(current);
    }
    current.push(label);
  }
  return groups;
}

const NO_TEXTS: LabelTexts = { claimsAdministrator: null, reviewer: null, rationale: null };

/**
 * An item from its title line and its texts. (The title's fields are copied one by one: an object
 * spread into a literal with more fields after it is built slowly.)
 */
function titledDecision(title: string, texts: LabelTexts): RawDecision {
  const { item, outcome, outcomeProblem } = parseTitle(title);
  return {
    item,
    outcome,
    outcomeProblem,
    claimsAdministratorBasis: texts.claimsAdministrator,
    reviewerBasis: texts.reviewer,
    rationale: texts.rationale,
  };
}

/** Items from title lines alone, for a region that has no labels. */
function untitledByLabels(region: string): RawDecision[] {
  return [...region.matchAll(OUTCOME_LINE)].map((m) =>
    titledDecision(`${squash(m[1]!)}: ${m[2]!}`, NO_TEXTS),
  );
}

/**
 * The title of the item whose first label starts at `to`, on one line, and where it starts in `region`;
 * the text of the item before it ends at `previous`. The title is squashed once: that line is also
 * what tells a modified request's heading, which may start further up.
 */
function titleAbove(region: string, previous: number, to: number): { start: number; title: string } {
  // A title is at most a few short lines: only the text just above the label can hold it.
  const from = Math.max(previous, to - 2 * MAX_TITLE);
  const start = from + titleStart(region.slice(from, to));
  const title = squash(region.slice(start, to));
  if (!lacksOriginalRequest(title)) return { start, title };
  const heading = modifiedHeadingStart(region, previous, start);
  return { start: heading, title: heading === start ? title : squash(region.slice(heading, to)) };
}

export function titledDecisions(region: string): RawDecision[] {
  const groups = groupLabels(findLabels(region));
  if (groups.length === 0) return untitledByLabels(region);
  // Each group's title; the previous group's last text ends where it starts.
  const titles: { start: number; title: string }[] = [];
  for (let i = 0; i < groups.length; i++) {
    const previous = i === 0 ? 0 : groups[i - 1]![groups[i - 1]!.length - 1]!.end;
    titles.push(titleAbove(region, previous, groups[i]![0]!.start));
  }
  return groups.map((group, i) =>
    titledDecision(titles[i]!.title, labelTexts(region, group, titles[i + 1]?.start ?? region.length)),
  );
}
