import type { Layout } from '@imr/contracts';
import { type Printed, PrintedSearch } from './printed.ts';
import { matchesAtLineStarts } from './text.ts';

/**
 * Which of the three published IMR letter layouts a text is, from its headings and labels.
 * A layout needs one of its distinctive headings and at least one more of its markers; anything
 * else is not an IMR letter.
 */

interface Marker {
  layout: Layout;
  /** Capitals exactly as printed, found anywhere; else a RegExp source (no capture groups) at a line start, any case. */
  literals: readonly string[] | null;
  source: string | null;
  strong: boolean;
}

const printed = (layout: Layout, literals: string[], strong: boolean): Marker => ({
  layout,
  literals,
  source: null,
  strong,
});
const label = (layout: Layout, source: string): Marker => ({ layout, literals: null, source, strong: false });

const MARKERS: readonly Marker[] = [
  printed('imr-final-determination', ['HOW THE IMR FINAL DETERMINATION WAS MADE'], true),
  printed(
    'imr-final-determination',
    ['IMR ISSUES, DECISIONS AND RATIONALES', 'IMR ISSUES, DECISIONS, AND RATIONALES'],
    true,
  ),
  printed('imr-final-determination', ['CLINICAL CASE SUMMARY'], false),
  label('imr-final-determination', 'Claims Administrator guidelines?:'),
  label('imr-final-determination', 'MAXIMUS guidelines?:'),
  label('imr-final-determination', 'Decision rationale:'),
  printed('maximus-imr', ['MAXIMUS FEDERAL SERVICES, INC', 'MAXIMUS FEDERAL SERVICES INC'], true),
  printed('maximus-imr', ['IMR DECISION(S) AND RATIONALE(S)'], true),
  printed('maximus-imr', ['Independent Medical Review', 'INDEPENDENT MEDICAL REVIEW'], false),
  printed('maximus-imr', ['DOCUMENTS REVIEWED\n', 'DOCUMENTS REVIEWED:', 'DOCUMENTS REVIEWED\r'], false),
  label('maximus-imr', 'Medical Qualifications of the (?:Expert|Physician) Reviewer:'),
  label('maximus-imr', 'Rationale Used by (?:the )?(?:Expert|Physician) Reviewer:'),
  printed('medical-professional-review', ['MEDICAL PROFESSIONAL REVIEW'], true),
  printed('medical-professional-review', ['ISSUE AT DISPUTE:', 'ISSUES AT DISPUTE:'], true),
  printed('medical-professional-review', ['DOCUMENTS REVIEWED FOR DETERMINATION:'], true),
  printed('medical-professional-review', ['RELIED UPON BY PROFESSIONAL REVIEWER AND WHY:'], true),
  printed('medical-professional-review', ['RATIONALE FOR WHY THE REQUESTED TREATMENT/SERVICE'], true),
  printed('medical-professional-review', ['MEDICAL REVIEWER QUALIFICATIONS:'], true),
  label('medical-professional-review', 'CASE SUMMARY:'),
];

// Labels are found in one pass; a label is found when its group takes part in some match. Only the
// markers with a source have a group (an alternative that cannot match still costs a try per line).
const LABELLED = MARKERS.flatMap((m, i) => (m.source === null ? [] : [i]));
const LINE_START = new RegExp(
  `[ \\t]*(?:${LABELLED.map((i) => `((?:${MARKERS[i]!.source}))`).join('|')})`,
  'iy',
);

/** The strings the markers look for as printed, anywhere in a letter. */
export const LAYOUT_STRINGS: readonly string[] = MARKERS.flatMap((m) => m.literals ?? []);
const OWN_SEARCH = new PrintedSearch(LAYOUT_STRINGS);

function foundMarkers(text: string, printed: Printed): boolean[] {
  const found = MARKERS.map((m) => m.literals?.some((l) => printed.indexOf(l) >= 0) ?? false);
  for (const m of matchesAtLineStarts(text, LINE_START)) {
    for (let g = 1; g < m.length; g++) if (m[g] !== undefined) found[LABELLED[g - 1]!] = true;
  }
  return found;
}

// On equal scores the earlier layout wins.
const ORDER: Layout[] = ['imr-final-determination', 'medical-professional-review', 'maximus-imr'];

/** `printed`: where the printed strings occur in `text`, when a scan for them has been made already. */
export function detectLayout(text: string, printed: Printed = OWN_SEARCH.in(text)): Layout | null {
  const found = foundMarkers(text, printed);
  let best: Layout | null = null;
  let bestScore = 0;
  for (const layout of ORDER) {
    let strong = 0;
    let all = 0;
    MARKERS.forEach((m, i) => {
      if (m.layout !== layout || !found[i]) return;
      all++;
      if (m.strong) strong++;
    });
    if (strong === 0 || all < 2) continue;
    const score = strong * 2 + all;
    if (score > bestScore) {
      best = layout;
      bestScore = score;
    }
  }
  return best;
}
