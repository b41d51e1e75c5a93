/**
 * The diagnoses the case summary names: the list after "diagnoses include", "diagnosed as having",
 * "Diagnoses:" ..., split on commas and "and" except where a comma belongs to a diagnosis
 * ("Myalgia and myositis, unspecified") or sits inside parentheses.
 */

const LEAD =
  /\bdiagnos(?:es|is|ed)\b(?:\s+(?:have|has|had|are|were|was|is))?(?:\s+(?:include[sd]?|included|including|as having|as|with|of)\s+|\s*:\s*)/i;

// A comma segment that qualifies the diagnosis before it rather than starting a new one.
const QUALIFIER =
  /^(?:(?:left|right|bilateral|unspecified|NOS)$|(?:unspecified|not otherwise specified|not elsewhere classified|initial encounter|subsequent encounter|sequela|with|without)\b)/i;

/** Splits on commas and semicolons outside parentheses. */
function topLevelSegments(list: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < list.length; i++) {
    const c = list[i];
    if (c === '(' || c === '[') depth++;
    else if ((c === ')' || c === ']') && depth > 0) depth--;
    else if ((c === ',' || c === ';') && depth === 0) {
      out.push(list.slice(start, i));
      start = i + 1;
    }
  }
  out.push(list.slice(start));
  return out.map((s) => s.trim()).filter(Boolean);
}

/** The last " and " outside parentheses, or -1. */
function lastTopLevelAnd(segment: string): number {
  let depth = 0;
  let found = -1;
  for (let i = 0; i < segment.length; i++) {
    const c = segment[i];
    if (c === '(') depth++;
    else if (c === ')' && depth > 0) depth--;
    else if (depth === 0 && c === ' ' && segment.startsWith(' and ', i)) found = i;
  }
  return found;
}

/** The list's text: up to the end of its sentence. */
function listText(summary: string, from: number): string {
  const rest = summary.slice(from, from + 1200);
  const end = rest.search(/\.(?:\s+[A-Z(]|\s*$)|\n/);
  return end < 0 ? rest : rest.slice(0, end);
}

export function parseDiagnoses(summary: string): string[] {
  const lead = LEAD.exec(summary);
  if (!lead) return [];
  const segments: string[] = [];
  for (const raw of topLevelSegments(listText(summary, lead.index + lead[0].length))) {
    const seg = raw.replace(/^(?:and|or)\s+/i, '').trim();
    const previous = segments.length - 1;
    if (previous >= 0 && QUALIFIER.test(seg)) segments[previous] = `${segments[previous]}, ${seg}`;
    else segments.push(seg);
  }
  const last = segments.pop();
  if (last !== undefined) {
    const and = lastTopLevelAnd(last);
    if (and > 0) segments.push(last.slice(0, and).trim(), last.slice(and + 5).trim());
    else segments.push(last);
  }
  return segments
    .map((s) => (s.endsWith('.') ? s.slice(0, -1) : s).trim())
    .filter((s) => s.length > 1 && s.length <= 200)
    .slice(0, 40);
}
