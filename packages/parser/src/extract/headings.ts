import { type Printed, PrintedSearch } from './printed.ts';
import { matchesAtLineStarts } from './text.ts';

/**
 * Section headings of the three published IMR letter layouts. A heading is found when it starts a
 * line (any case) or, written in capitals exactly as printed, anywhere (a paragraph the normalizer
 * could not split still carries it).
 */

export type SectionKind = 'qualifications' | 'summary' | 'documents' | 'decisions' | 'issues' | 'intro';

export interface HeadingSpec {
  kind: SectionKind;
  /** The heading at a line start, any case; a RegExp source without capture groups. */
  source: string;
  /** The heading as printed in capitals, found anywhere (exact strings). */
  capitals: readonly string[];
}

export const HEADINGS: readonly HeadingSpec[] = [
  {
    kind: 'qualifications',
    source: 'HOW THE IMR FINAL DETERMINATION WAS MADE',
    capitals: ['HOW THE IMR FINAL DETERMINATION WAS MADE'],
  },
  {
    kind: 'qualifications',
    source: 'Medical Qualifications of the (?:Expert|Physician) Reviewer:',
    capitals: [],
  },
  {
    kind: 'qualifications',
    source: 'MEDICAL REVIEWER QUALIFICATIONS:?',
    capitals: ['MEDICAL REVIEWER QUALIFICATIONS:', 'MEDICAL REVIEWER QUALIFICATIONS'],
  },
  { kind: 'summary', source: 'CLINICAL CASE SUMMARY', capitals: ['CLINICAL CASE SUMMARY'] },
  { kind: 'summary', source: '(?:Expert Reviewer )?Case Summary:', capitals: [] },
  { kind: 'summary', source: 'CASE SUMMARY:', capitals: ['CASE SUMMARY:'] },
  {
    kind: 'documents',
    source: 'DOCUMENTS REVIEWED FOR DETERMINATION:?',
    capitals: ['DOCUMENTS REVIEWED FOR DETERMINATION:', 'DOCUMENTS REVIEWED FOR DETERMINATION'],
  },
  { kind: 'documents', source: 'DOCUMENTS REVIEWED', capitals: ['DOCUMENTS REVIEWED'] },
  {
    kind: 'decisions',
    source: 'IMR ISSUES,? DECISIONS,? AND RATIONALES',
    capitals: ['IMR ISSUES, DECISIONS AND RATIONALES', 'IMR ISSUES, DECISIONS, AND RATIONALES'],
  },
  {
    kind: 'decisions',
    source: 'IMR DECISION\\(S\\) AND RATIONALE\\(S\\)',
    capitals: ['IMR DECISION(S) AND RATIONALE(S)'],
  },
  { kind: 'issues', source: 'ISSUES? AT DISPUTE:?', capitals: ['ISSUE AT DISPUTE:', 'ISSUES AT DISPUTE:'] },
  {
    kind: 'intro',
    source: 'INDEPENDENT MEDICAL REVIEW DECISION AND RATIONALE',
    capitals: ['INDEPENDENT MEDICAL REVIEW DECISION AND RATIONALE'],
  },
];

export interface HeadingMatch {
  kind: SectionKind;
  /** Where the heading's text starts and ends. */
  start: number;
  end: number;
}

// One pass finds every heading at a line start (any case); printed capitals are looked up anywhere.
const LINE_START = new RegExp(`[ \\t]*(?:${HEADINGS.map((h) => `(${h.source})`).join('|')})`, 'iy');

/** The headings as printed in capitals, looked for anywhere in a letter. */
export const HEADING_STRINGS: readonly string[] = HEADINGS.flatMap((h) => h.capitals);
const OWN_SEARCH = new PrintedSearch(HEADING_STRINGS);

/**
 * The first occurrence of every heading, in text order, overlapping ones merged (longest kept).
 * `printed`: where the printed strings occur in `text`, when a scan for them has been made already.
 */
export function findHeadings(text: string, printed: Printed = OWN_SEARCH.in(text)): HeadingMatch[] {
  const starts = HEADINGS.map(() => -1);
  const ends = HEADINGS.map(() => -1);
  for (const m of matchesAtLineStarts(text, LINE_START)) {
    const group = m.findIndex((g, i) => i > 0 && g !== undefined);
    if (group < 1 || starts[group - 1]! >= 0) continue;
    const heading = m[group]!;
    starts[group - 1] = m.index + m[0].length - heading.length;
    ends[group - 1] = m.index + m[0].length;
  }
  const found: HeadingMatch[] = [];
  HEADINGS.forEach((spec, i) => {
    const line = starts[i]!;
    const capital = printed.earliest(spec.capitals);
    if (capital && (line < 0 || capital.index < line)) {
      found.push({ kind: spec.kind, start: capital.index, end: capital.index + capital.length });
    } else if (line >= 0) {
      found.push({ kind: spec.kind, start: line, end: ends[i]! });
    }
  });
  found.sort((a, b) => a.start - b.start || b.end - a.end);
  const merged: HeadingMatch[] = [];
  for (const h of found) {
    const last = merged[merged.length - 1];
    if (last && h.start < last.end) continue;
    merged.push(h);
  }
  return merged;
}
