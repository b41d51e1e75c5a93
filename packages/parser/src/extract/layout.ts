import type { Layout } from '@imr/contracts';

/**
 * Which of the three published IMR letter layouts a text is, from its headings and labels.
 * A layout needs one of its distinctive headings and at least one more of its markers; anything
 * else is not an IMR letter.
 */

interface Marker {
  pattern: RegExp;
  strong: boolean;
}

const lineStart = (source: string): RegExp => new RegExp(`(?:^|\\n)[ \\t]*(?:${source})`, 'i');

const MARKERS: Record<Layout, Marker[]> = {
  'imr-final-determination': [
    { pattern: /HOW THE IMR FINAL DETERMINATION WAS MADE/, strong: true },
    { pattern: /IMR ISSUES,? DECISIONS,? AND RATIONALES/, strong: true },
    { pattern: /CLINICAL CASE SUMMARY/, strong: false },
    { pattern: lineStart('Claims Administrator guidelines?:'), strong: false },
    { pattern: lineStart('MAXIMUS guidelines?:'), strong: false },
    { pattern: lineStart('Decision rationale:'), strong: false },
  ],
  'maximus-imr': [
    { pattern: /MAXIMUS FEDERAL SERVICES,? INC/, strong: true },
    { pattern: /IMR DECISION\(S\) AND RATIONALE\(S\)/, strong: true },
    { pattern: /Independent Medical Review/i, strong: false },
    { pattern: /DOCUMENTS REVIEWED(?! FOR)/, strong: false },
    { pattern: lineStart('Medical Qualifications of the (?:Expert|Physician) Reviewer:'), strong: false },
    { pattern: lineStart('Rationale Used by (?:the )?(?:Expert|Physician) Reviewer:'), strong: false },
  ],
  'medical-professional-review': [
    { pattern: /MEDICAL PROFESSIONAL REVIEW/, strong: true },
    { pattern: /ISSUES? AT DISPUTE:/, strong: true },
    { pattern: /DOCUMENTS REVIEWED FOR DETERMINATION:/, strong: true },
    { pattern: /RELIED UPON BY PROFESSIONAL REVIEWER AND WHY:/, strong: true },
    { pattern: /RATIONALE FOR WHY THE REQUESTED TREATMENT\/SERVICE/, strong: true },
    { pattern: /MEDICAL REVIEWER QUALIFICATIONS:/, strong: true },
    { pattern: lineStart('CASE SUMMARY:'), strong: false },
  ],
};

// On equal scores the earlier layout wins.
const ORDER: Layout[] = ['imr-final-determination', 'medical-professional-review', 'maximus-imr'];

export function detectLayout(text: string): Layout | null {
  let best: Layout | null = null;
  let bestScore = 0;
  for (const layout of ORDER) {
    let strong = 0;
    let all = 0;
    for (const marker of MARKERS[layout]) {
      if (!marker.pattern.test(text)) continue;
      all++;
      if (marker.strong) strong++;
    }
    if (strong === 0 || all < 2) continue;
    const score = strong * 2 + all;
    if (score > bestScore) {
      best = layout;
      bestScore = score;
    }
  }
  return best;
}
