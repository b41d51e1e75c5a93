/**
 * Section headings of the three published IMR letter layouts. A heading is found when it starts a
 * line (any case) or, written in capitals exactly as printed, anywhere (a paragraph the normalizer
 * could not split still carries it).
 */

export type SectionKind = 'qualifications' | 'summary' | 'documents' | 'decisions' | 'issues' | 'intro';

export interface HeadingSpec {
  kind: SectionKind;
  /** The heading as printed (capitals where the letters print capitals); a RegExp source. */
  source: string;
  /** True when the printed heading is in capitals, so that it may be matched anywhere. */
  capitals: boolean;
}

export const HEADINGS: readonly HeadingSpec[] = [
  { kind: 'qualifications', source: 'HOW THE IMR FINAL DETERMINATION WAS MADE', capitals: true },
  {
    kind: 'qualifications',
    source: 'Medical Qualifications of the (?:Expert|Physician) Reviewer:',
    capitals: false,
  },
  { kind: 'qualifications', source: 'MEDICAL REVIEWER QUALIFICATIONS:?', capitals: true },
  { kind: 'summary', source: 'CLINICAL CASE SUMMARY', capitals: true },
  { kind: 'summary', source: '(?:Expert Reviewer )?Case Summary:', capitals: false },
  { kind: 'summary', source: 'CASE SUMMARY:', capitals: true },
  { kind: 'documents', source: 'DOCUMENTS REVIEWED FOR DETERMINATION:?', capitals: true },
  { kind: 'documents', source: 'DOCUMENTS REVIEWED', capitals: true },
  { kind: 'decisions', source: 'IMR ISSUES,? DECISIONS,? AND RATIONALES', capitals: true },
  { kind: 'decisions', source: 'IMR DECISION\\(S\\) AND RATIONALE\\(S\\)', capitals: true },
  { kind: 'issues', source: 'ISSUES? AT DISPUTE:?', capitals: true },
  { kind: 'intro', source: 'INDEPENDENT MEDICAL REVIEW DECISION AND RATIONALE', capitals: true },
];

export interface HeadingMatch {
  kind: SectionKind;
  /** Where the heading's text starts and ends. */
  start: number;
  end: number;
}

const COMPILED = HEADINGS.map((spec) => ({
  kind: spec.kind,
  lineStart: new RegExp(`(?:^|\\n)[ \\t]*(${spec.source})`, 'i'),
  anywhere: spec.capitals ? new RegExp(spec.source) : null,
}));

/** The first occurrence of every heading, in text order, overlapping ones merged (longest kept). */
export function findHeadings(text: string): HeadingMatch[] {
  const found: HeadingMatch[] = [];
  for (const { kind, lineStart, anywhere } of COMPILED) {
    const line = lineStart.exec(text);
    const any = anywhere?.exec(text) ?? null;
    let start = -1;
    let length = 0;
    if (line) {
      start = line.index + line[0].length - line[1]!.length;
      length = line[1]!.length;
    }
    if (any && (start < 0 || any.index < start)) {
      start = any.index;
      length = any[0].length;
    }
    if (start >= 0) found.push({ kind, start, end: start + length });
  }
  found.sort((a, b) => a.start - b.start || b.end - a.end);
  const merged: HeadingMatch[] = [];
  for (const h of found) {
    const last = merged[merged.length - 1];
    if (last && h.start < last.end) continue;
    merged.push(h);
  }
  return merged;
}
