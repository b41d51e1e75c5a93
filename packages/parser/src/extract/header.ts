import { DATE_PATTERN, parseDate } from './dates.ts';

/** The header block: case number, the five dates and the priority. */
export interface HeaderFields {
  caseNumber: string | null;
  dates: {
    assigned: string | null;
    injury: string | null;
    decision: string | null;
    urDenial: string | null;
    applicationReceived: string | null;
  };
  priority: 'standard' | 'expedited' | null;
}

// A label may start a line or follow another field on the same line ("Date of Injury: ... Priority: ...").
// Words of a label may be split by a line break when the block was re-wrapped.
const field = (label: string, value: string): RegExp =>
  new RegExp(`(?:^|\\n|[ \\t])(?:${label.replaceAll(' ', '\\s+')})[ \\t]*:?\\s*(${value})`, 'i');

const CASE_NUMBER = field('(?:IMR )?Case (?:Number|No\\.?|#)', '[A-Z]{1,4}\\d{2}-?\\d{4,8}');
const DATE_FIELDS = {
  assigned: field('Date Assigned', DATE_PATTERN),
  injury: field('Date of Injury|DOI', DATE_PATTERN),
  decision: field('Decision Date|Date of Decision', DATE_PATTERN),
  urDenial: field('UR Denial Date|Date of UR Denial', DATE_PATTERN),
  applicationReceived: field('Application Received(?: Date)?|Date Application Received', DATE_PATTERN),
} as const;
const PRIORITY = field('Priority', 'standard|regular|expedited|urgent');

export function parseHeader(header: string, refYear: number): HeaderFields {
  const date = (pattern: RegExp): string | null => {
    const m = pattern.exec(header);
    return m ? parseDate(m[1]!, refYear) : null;
  };
  const priority = PRIORITY.exec(header)?.[1]?.toLowerCase();
  return {
    caseNumber: CASE_NUMBER.exec(header)?.[1]?.toUpperCase() ?? null,
    dates: {
      assigned: date(DATE_FIELDS.assigned),
      injury: date(DATE_FIELDS.injury),
      decision: date(DATE_FIELDS.decision),
      urDenial: date(DATE_FIELDS.urDenial),
      applicationReceived: date(DATE_FIELDS.applicationReceived),
    },
    priority:
      priority === undefined
        ? null
        : priority === 'expedited' || priority === 'urgent'
          ? 'expedited'
          : 'standard',
  };
}
