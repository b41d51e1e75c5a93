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

type Key = 'caseNumber' | keyof HeaderFields['dates'] | 'priority';
type Kind = 'case' | 'date' | 'priority';

const VALUES: Record<Kind, string> = {
  case: '[A-Z]{1,4}\\d{2}-?\\d{4,8}',
  date: DATE_PATTERN,
  priority: 'standard|regular|expedited|urgent',
};

const FIELDS: readonly { key: Key; kind: Kind; label: string }[] = [
  { key: 'caseNumber', kind: 'case', label: '(?:IMR )?Case (?:Number|No\\.?|#)' },
  { key: 'assigned', kind: 'date', label: 'Date Assigned' },
  { key: 'injury', kind: 'date', label: 'Date of Injury|DOI' },
  { key: 'decision', kind: 'date', label: 'Decision Date|Date of Decision' },
  { key: 'urDenial', kind: 'date', label: 'UR Denial Date|Date of UR Denial' },
  {
    key: 'applicationReceived',
    kind: 'date',
    label: 'Application Received(?: Date)?|Date Application Received',
  },
  { key: 'priority', kind: 'priority', label: 'Priority' },
];

// A label may start a line or follow another field on the same line ("Date of Injury: ... Priority: ...");
// words of a label may be split by a line break when the block was re-wrapped.
const labelSource = (label: string): string => `(?:^|\\n|[ \\t])(?:${label.replaceAll(' ', '\\s+')})`;
// Before a value, `(?:[ \t]*:)?\s*` is what `[ \t]*:?\s*` says, written so that a run of spaces after a
// label that has no value is read once, not split between the two runs in every possible way.
const COMPILED = FIELDS.map((f) => ({
  ...f,
  withValue: new RegExp(`${labelSource(f.label)}(?:[ \\t]*:)?\\s*(${VALUES[f.kind]})`, 'i'),
  alone: new RegExp(`${labelSource(f.label)}[ \\t]*:?`, 'i'),
}));
const ANY_VALUE = new RegExp(`(${VALUES.case})|(${VALUES.date})|\\b(${VALUES.priority})\\b`, 'gi');

function priorityOf(word: string): 'standard' | 'expedited' {
  const w = word.toLowerCase();
  return w === 'expedited' || w === 'urgent' ? 'expedited' : 'standard';
}

/** The ISO date of a field's value; null when the field or its date is missing. */
function dateOf(raw: Map<Key, string>, key: Key, refYear: number): string | null {
  const value = raw.get(key);
  return value === undefined ? null : parseDate(value, refYear);
}

export function parseHeader(header: string, refYear: number): HeaderFields {
  const raw = new Map<Key, string>();
  const orphans: { key: Key; kind: Kind; end: number }[] = [];
  let lastLabelEnd = -1;
  for (const f of COMPILED) {
    const labelled = f.withValue.exec(header);
    if (labelled) {
      raw.set(f.key, labelled[1]!);
      continue;
    }
    const alone = f.alone.exec(header);
    if (alone) {
      const end = alone.index + alone[0].length;
      orphans.push({ key: f.key, kind: f.kind, end });
      lastLabelEnd = Math.max(lastLabelEnd, end);
    }
  }
  // A table exported column by column puts every label first and the values after them, in order.
  if (orphans.length) {
    orphans.sort((a, b) => a.end - b.end);
    const values = [...header.slice(lastLabelEnd).matchAll(ANY_VALUE)].map((m) => ({
      kind: (m[1] ? 'case' : m[2] ? 'date' : 'priority') as Kind,
      text: m[0],
    }));
    let next = 0;
    for (const orphan of orphans) {
      const at = values.findIndex((v, i) => i >= next && v.kind === orphan.kind);
      if (at < 0) continue;
      raw.set(orphan.key, values[at]!.text);
      next = at + 1;
    }
  }
  const priority = raw.get('priority');
  return {
    caseNumber: raw.get('caseNumber')?.toUpperCase() ?? null,
    dates: {
      assigned: dateOf(raw, 'assigned', refYear),
      injury: dateOf(raw, 'injury', refYear),
      decision: dateOf(raw, 'decision', refYear),
      urDenial: dateOf(raw, 'urDenial', refYear),
      applicationReceived: dateOf(raw, 'applicationReceived', refYear),
    },
    priority: priority === undefined ? null : priorityOf(priority),
  };
}
