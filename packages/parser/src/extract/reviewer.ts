import type { Reviewer } from '@imr/contracts';
import { stateCodes } from './states.ts';
import { allMatches, squash } from './text.ts';

/** Who reviewed the case: role, certifications, subspecialties, specialties and licensure. */

const ROLE = /\b(expert|physician) reviewer\b/i;
const BOARD =
  /Board[- ]Certified (?:in|by the American Board of) ([^,.;\n]{2,100}?)(?=,| and (?:is|has|was)\b|[.;\n]| with\b|$)/gi;
const SUBSPECIALTY =
  /subspecialt(?:y|ies)(?: certification)? in ([^,.;\n]{2,100}?)(?=,| and (?:is|has|was)\b|[.;\n]|$)/gi;
const SPECIALTY =
  /(?:specializ(?:es|ing) in|(?<!sub)specialty (?:of|in)|specialist in) ([^,.;\n]{2,100}?)(?=,| and (?:is|has|was)\b|[.;\n]|$)/gi;
const LICENSED = /licensed (?:to practice )?(?:medicine )?in (?:the states? of )?([^.;\n]{2,160})/gi;
// The credentials block: each value runs to the end of its paragraph or to the next field.
const LICENSURE_LINE =
  /State\(?s?\)? of Licensure:[ \t]*((?:[^\n]|\n(?![ \t]*\n))*?)(?=Certification|\n[ \t]*\n|$)/i;
const SPECIALTY_LINE =
  /Certifications?(?:\(s\))?[ \t]*\/[ \t]*Specialt(?:y|ies):[ \t]*((?:[^\n]|\n(?![ \t]*\n))*?)(?=State\(|\n[ \t]*\n|$)/i;

/** Splits "A, B and C" into names; "Physical Medicine and Rehabilitation" stays whole. */
function names(list: string): string[] {
  return squash(list)
    .split(/\s*[,;]\s*|\s+and\s+(?!Rehabilitation\b)/i)
    .map((n) => n.replace(/^(?:and|the)\s+/i, '').trim())
    .filter((n) => n.length > 1 && n.length <= 100)
    .map((n) => (n === n.toLowerCase() ? n.charAt(0).toUpperCase() + n.slice(1) : n));
}

/** The names every match of `pattern` lists, in order, once each (in a Set: a letter may list thousands). */
function collect(pattern: RegExp, text: string): Set<string> {
  const out = new Set<string>();
  for (const m of allMatches(pattern, text)) for (const n of names(m[1]!)) out.add(n);
  return out;
}

export function parseReviewer(section: string): Reviewer {
  // Prose may wrap anywhere; the credentials block is read line by line.
  const text = squash(section);
  const role = ROLE.exec(text)?.[1]?.toLowerCase();
  const specialties = collect(SPECIALTY, text);
  const line = SPECIALTY_LINE.exec(section);
  if (line) for (const n of names(line[1]!)) specialties.add(n);
  const licensure: string[] = [];
  const licensureLine = LICENSURE_LINE.exec(section);
  const sources = [
    ...(licensureLine ? [licensureLine[1]!] : []),
    ...allMatches(LICENSED, text).map((m) => m[1]!),
  ];
  for (const source of sources)
    for (const code of stateCodes(source)) if (!licensure.includes(code)) licensure.push(code);
  return {
    role: role === 'expert' ? 'expert reviewer' : role === 'physician' ? 'physician reviewer' : null,
    boardCertifications: [...collect(BOARD, text)],
    subspecialties: [...collect(SUBSPECIALTY, text)],
    specialties: [...specialties],
    licensure,
  };
}
