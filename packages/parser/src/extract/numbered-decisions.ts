import { labelTexts } from './label-texts.ts';
import { findLabels, type LabelMatch } from './labels.ts';
import { endsModifiedRequestSentence } from './modified-request.ts';
import { NECESSITY, outcomeOfWord } from './outcome.ts';
import type { RawDecision } from './raw-decision.ts';
import { squash, textOrNull, trimEndMatching } from './text.ts';

/**
 * Layouts 2 and 3: numbered items ("1. ...", "1) ...") whose outcome is a word after a colon or prose
 * ("... is not medically necessary and appropriate"). A number may appear twice (a summary list, then
 * the item with its texts); the occurrence followed by labelled texts wins.
 */

const ITEM_START = /^[ \t]*(\d{1,2})[ \t]*[.)][ \t]+\S/;
const WORD_AT_END = /^(.*?\S)\s*:\s*(Upheld|Overturned|Uphold|Overturn)\.?\s*$/i;
const CLOSES_STATEMENT = /^\s*(?:at this time|for this (?:patient|injured worker))?\s*\.?\s*$/i;
const LEAD_IN =
  /^(?:MAXIMUS Federal Services,? Inc\.?,? has determined (?:that )?)?(?:the )?(?:(?:retrospective |prospective )?(?:request(?:ed)?|treatment requested) (?:for |of )?)?(?:an? )?/i;
const LABEL_START =
  /^[ \t]*(?:Claims Administrator|MAXIMUS guideline|Decision rationale|(?:Medical Treatment )?Guideline|Rationale)/i;
const MAX_STATEMENT_LINES = 4;
/** A modified request's statement has two or three sentences more (modified-request.ts). */
const MAX_MODIFIED_LINES = 8;
const OUTCOME_TAIL = /^(?:[^\n]{0,80}:)?\s*(?:Upheld|Overturned)\.?\s*$/i;

interface Occurrence {
  number: number;
  start: number;
  end: number;
  item: string;
  upheld: boolean;
}

const SPACE = /\s/;

/** A line whose text ends with a full stop (white space after it aside). */
const endsWithStop = (row: string): boolean => trimEndMatching(row, SPACE).endsWith('.');

/** The first index in `labels` (sorted by start) of a label that starts at `from` or after. */
function firstLabelFrom(labels: LabelMatch[], from: number): number {
  let low = 0;
  let high = labels.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (labels[mid]!.start < from) low = mid + 1;
    else high = mid;
  }
  return low;
}

/** The labels (sorted by start) that start from `from` and before `to`: an item's own. */
function blockLabels(labels: LabelMatch[], from: number, to: number): LabelMatch[] {
  const own: LabelMatch[] = [];
  for (let k = firstLabelFrom(labels, from); k < labels.length && labels[k]!.start < to; k++) {
    own.push(labels[k]!);
  }
  return own;
}

/** The item and outcome a numbered statement gives, or null when it states no outcome. */
function statementOf(number: number, statement: string, start: number, end: number): Occurrence | null {
  const rest = statement.replace(/^\s*\d{1,2}\s*[.)]\s+/, '');
  const word = WORD_AT_END.exec(rest);
  let item: string;
  let upheld: boolean;
  if (word) {
    item = word[1]!;
    upheld = outcomeOfWord(word[2]!) === 'upheld';
  } else {
    const prose = NECESSITY.exec(rest);
    // The necessity statement must close the item; "1) ... is medically necessary when ..." is a criterion.
    if (!prose || !CLOSES_STATEMENT.test(rest.slice(prose.index + prose[0].length))) return null;
    item = rest.slice(0, prose.index);
    upheld = Boolean(prose[1]);
  }
  item = squash(item.replace(LEAD_IN, '')).replace(/^["“]|["”]$/g, '');
  return item ? { number, start, end, item, upheld } : null;
}

/**
 * Numbered statements, each possibly wrapped over a few lines: a statement ends at a line that ends
 * a sentence (not one of a modified request's first ones), a blank line, a label or the next
 * numbered line.
 */
function occurrences(region: string): Occurrence[] {
  const rows = region.split('\n');
  const found: Occurrence[] = [];
  let offset = 0;
  const offsets = rows.map((row) => {
    const at = offset;
    offset += row.length + 1;
    return at;
  });
  for (let i = 0; i < rows.length; i++) {
    const first = ITEM_START.exec(rows[i]!);
    if (!first) continue;
    let last = i;
    let maxLines = MAX_STATEMENT_LINES;
    while (last + 1 < rows.length && last - i + 1 < maxLines) {
      // A modified request's first sentences ("X was the original request.") do not end its statement.
      const inner = endsModifiedRequestSentence(rows[last]!);
      if (inner) maxLines = MAX_MODIFIED_LINES;
      else if (endsWithStop(rows[last]!)) break;
      const next = rows[last + 1]!;
      if (ITEM_START.test(next) || LABEL_START.test(next)) break;
      const after = rows[last + 2] ?? '';
      if (next.trim() !== '') {
        last++;
      } else if (OUTCOME_TAIL.test(after) && !ITEM_START.test(after)) {
        // A title whose last words and outcome were split off into a paragraph of their own.
        last += 2;
      } else if (inner && after.trim() !== '' && !ITEM_START.test(after) && !LABEL_START.test(after)) {
        // The normalizer ended a paragraph after one of them.
        last += 2;
      } else {
        break;
      }
    }
    const start = offsets[i]!;
    const end = offsets[last]! + rows[last]!.length;
    const occurrence = statementOf(Number(first[1]), squash(region.slice(start, end)), start, end);
    if (occurrence) found.push(occurrence);
  }
  return found;
}

export function numberedDecisions(region: string): RawDecision[] {
  const items = occurrences(region);
  if (items.length === 0) return [];
  // Labels come in text order: each item's are found by a binary search, not by a scan of them all.
  const labels = findLabels(region);
  // Per number, the occurrence with the most labelled texts (the later one on a tie).
  const chosen = new Map<number, { index: number; labels: LabelMatch[] }>();
  items.forEach((o, index) => {
    const own = blockLabels(labels, items[index]!.end, items[index + 1]?.start ?? region.length);
    const prior = chosen.get(o.number);
    if (!prior || own.length >= prior.labels.length) chosen.set(o.number, { index, labels: own });
  });
  const decisions = [...chosen.values()].map(({ index, labels: own }) => {
    const o = items[index]!;
    const end = items[index + 1]?.start ?? region.length;
    const texts = own.length
      ? labelTexts(region, own, end)
      : { claimsAdministrator: null, reviewer: null, rationale: textOrNull(region.slice(o.end, end)) };
    return { o, texts };
  });
  // A single item whose texts sit under shared headings rather than under the item.
  const first = decisions[0]!;
  if (decisions.length === 1 && !first.texts.reviewer && labels.length) {
    first.texts = labelTexts(region, labels, region.length);
  }
  return decisions.map(({ o, texts }) => ({
    item: o.item,
    outcome: o.upheld ? 'upheld' : 'overturned',
    outcomeProblem: null,
    claimsAdministratorBasis: texts.claimsAdministrator,
    reviewerBasis: texts.reviewer,
    rationale: texts.rationale,
  }));
}
