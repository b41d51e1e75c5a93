import { DATE_PATTERN, parseDate } from './dates.ts';

/** The injury as the case summary tells it: date, mechanism, body parts. */
export interface InjuryFields {
  date: string | null;
  mechanism: string | null;
  bodyParts: string[];
}

const INJURY_DATE = new RegExp(
  `\\b(?:injur(?:y|ed|ies)|DOI|accident)\\b[^.\\n]{0,80}?\\b(?:on|of|dated|date of)\\s+(${DATE_PATTERN})`,
  'i',
);
const MECHANISM_STATED =
  /mechanism of (?:the )?injury (?:is|was) (?:described as |reported as |noted as )?([^.;\n]{3,160})/i;
const MECHANISM_CLAUSE =
  /\binjur(?:y|ed|ies)\b[^.\n]{0,100}?\b(?:due to|as a result of|while|when|after)\s+([^.;\n]{3,160}?)(?=[.;\n]|$)/i;
const UNKNOWN =
  /\b(?:unspecified|unknown|unclear|not (?:detailed|documented|specified|described|provided|noted|stated|available))\b/i;
const BODY_PARTS =
  /\binjur(?:y|ed|ies)\b(?: to)? (?:the|his|her|their|its) ([^.;\n]{2,160}?)(?=\s+(?:on|while|when|due|after|as|at|in|from|during|secondary)\b|[.;\n]|$)/i;

function mechanismOf(summary: string): string | null {
  const found = MECHANISM_STATED.exec(summary)?.[1] ?? MECHANISM_CLAUSE.exec(summary)?.[1] ?? null;
  if (!found || UNKNOWN.test(found)) return null;
  return found.trim();
}

function bodyPartsOf(summary: string): string[] {
  const m = BODY_PARTS.exec(summary);
  if (!m) return [];
  const parts: string[] = [];
  for (const raw of m[1]!.split(/\s*,\s*|\s+and\s+/)) {
    const part = raw
      .replace(/^(?:and|the|his|her|their)\s+/i, '')
      .replace(/\s+(?:areas?|regions?)$/i, '')
      .trim();
    if (part.length > 1 && part.length <= 60 && !parts.includes(part)) parts.push(part);
  }
  return parts;
}

export function parseInjury(summary: string, refYear: number): InjuryFields {
  const date = INJURY_DATE.exec(summary);
  return {
    date: date ? parseDate(date[1]!, refYear) : null,
    mechanism: mechanismOf(summary),
    bodyParts: bodyPartsOf(summary),
  };
}
