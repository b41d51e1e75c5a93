import { matchesAtLineStarts } from './text.ts';

/**
 * The labels that open the three texts under each disputed item, in every layout. A label counts only
 * at the start of a line: "Decision rationale: The Physician Reviewer's decision rationale: ..." has one.
 */

export type LabelKind = 'claimsAdministrator' | 'reviewer' | 'rationale';

export const LABEL_ORDER: Record<LabelKind, number> = { claimsAdministrator: 0, reviewer: 1, rationale: 2 };

const REVIEWER = '(?:Expert|Physician|Professional|Medical) Reviewer';
const RELIED = '(?:Medical Treatment )?Guidelines?(?:\\(s\\))? Relied Upon by (?:the )?';

const SOURCES: Record<LabelKind, string> = {
  claimsAdministrator: `Claims Administrator guidelines?:|${RELIED}Claims Administrator:`,
  reviewer: `MAXIMUS guidelines?:|${RELIED}${REVIEWER}(?: and Why)?:`,
  rationale: `Decision rationale:|Rationale Used by (?:the )?${REVIEWER}:|Rationale for Why the Requested Treatment/Service (?:Is/Was|Is|Was) (?:Not )?Medically Necessary:`,
};

// A long label may wrap: any run of white space may stand between its words.
const spaced = (source: string): string => source.replaceAll(' ', '\\s+');
const PATTERN = new RegExp(
  `[ \\t]*(?:(${spaced(SOURCES.claimsAdministrator)})|(${spaced(SOURCES.reviewer)})|(${spaced(SOURCES.rationale)}))`,
  'iy',
);

export interface LabelMatch {
  kind: LabelKind;
  /** Where the label's own text starts and where its content starts. */
  start: number;
  end: number;
}

export function findLabels(text: string): LabelMatch[] {
  const found: LabelMatch[] = [];
  for (const m of matchesAtLineStarts(text, PATTERN)) {
    const kind: LabelKind = m[1] ? 'claimsAdministrator' : m[2] ? 'reviewer' : 'rationale';
    const label = m[1] ?? m[2] ?? m[3]!;
    // Letters print labels capitalised; "decision rationale:" starting a wrapped line is prose.
    if (!/^[A-Z]/.test(label)) continue;
    const end = m.index + m[0].length;
    found.push({ kind, start: end - label.length, end });
  }
  return found;
}
