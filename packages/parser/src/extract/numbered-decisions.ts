import { labelTexts } from './label-texts.ts';
import { findLabels, type LabelMatch } from './labels.ts';
import { NECESSITY, outcomeOfWord } from './outcome.ts';
import type { RawDecision } from './raw-decision.ts';
import { squash, textOrNull } from './text.ts';

/**
 * Layouts 2 and 3: numbered items ("1. ...", "1) ...") whose outcome is a word after a colon or prose
 * ("... is not medically necessary and appropriate"). A number may appear twice (a summary list, then
 * the item with its texts); the occurrence followed by labelled texts wins.
 */

const ITEM_LINE = /^[ \t]*(\d{1,2})[ \t]*[.)][ \t]+(\S[^\n]*)$/gm;
const WORD_AT_END = /^(.*?\S)\s*:\s*(Upheld|Overturned|Uphold|Overturn)\.?\s*$/i;
const CLOSES_LINE = /^\s*(?:at this time|for this (?:patient|injured worker))?\s*\.?\s*$/i;
const LEAD_IN =
  /^(?:MAXIMUS Federal Services,? Inc\.?,? has determined (?:that )?)?(?:the )?(?:(?:retrospective |prospective )?(?:request(?:ed)?|treatment requested) (?:for |of )?)?(?:an? )?/i;

interface Occurrence {
  number: number;
  start: number;
  end: number;
  item: string;
  upheld: boolean;
}

function occurrenceOf(m: RegExpMatchArray): Occurrence | null {
  const rest = m[2]!.trim();
  const word = WORD_AT_END.exec(rest);
  let item: string;
  let upheld: boolean;
  if (word) {
    item = word[1]!;
    upheld = outcomeOfWord(word[2]!) === 'upheld';
  } else {
    const prose = NECESSITY.exec(rest);
    // The necessity statement must close the line; "1) ... is medically necessary when ..." is a criterion.
    if (!prose || !CLOSES_LINE.test(rest.slice(prose.index + prose[0].length))) return null;
    item = rest.slice(0, prose.index);
    upheld = Boolean(prose[1]);
  }
  item = squash(item.replace(LEAD_IN, '')).replace(/^["“]|["”]$/g, '');
  if (!item) return null;
  const start = m.index!;
  return { number: Number(m[1]), start, end: start + m[0].length, item, upheld };
}

export function numberedDecisions(region: string): RawDecision[] {
  const occurrences = [...region.matchAll(ITEM_LINE)].map(occurrenceOf).filter((o) => o !== null);
  if (occurrences.length === 0) return [];
  const labels = findLabels(region);
  const blockLabels = (i: number): LabelMatch[] => {
    const from = occurrences[i]!.end;
    const to = occurrences[i + 1]?.start ?? region.length;
    return labels.filter((l) => l.start >= from && l.start < to);
  };
  // Per number, the occurrence with the most labelled texts (the later one on a tie).
  const chosen = new Map<number, { index: number; labels: LabelMatch[] }>();
  occurrences.forEach((o, index) => {
    const own = blockLabels(index);
    const prior = chosen.get(o.number);
    if (!prior || own.length >= prior.labels.length) chosen.set(o.number, { index, labels: own });
  });
  const decisions = [...chosen.values()].map(({ index, labels: own }) => {
    const o = occurrences[index]!;
    const end = occurrences[index + 1]?.start ?? region.length;
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
