import type { Citation, CitationBody } from '@imr/contracts';
import { allMatches, squash, trimEndMatching } from './text.ts';

/**
 * The guidelines a reviewer relied on: one citation per "Decision based on ..." sentence (layout 1),
 * per "based his/her decision on ..." / "also cited ..." statement (layouts 2 and 3), or the whole
 * basis when it is a single statement that names a guideline.
 */

const OPENER =
  /Decision based on\s+|based (?:his\/her|his|her|their|the) decision (?:on|upon)\s+(?:the\s+)?|(?:also )?(?:cited|relied (?:on|upon))\s+(?:the\s+)?/gi;
const PAGES =
  /\b(?:Page\(s\)|Pages?|pp?\.)\s*(?::\s*)?(\d{1,4}(?:\s*[-–]\s*\d{1,4})?(?:\s*(?:,|and)\s*\d{1,4}(?:\s*[-–]\s*\d{1,4})?)*)/i;
// What ends a citation's text before its pages: white space and separators (trimmed from the end).
const SEPARATOR = /[\s,.:;]/;
const NAMES_GUIDELINE = /MTUS|ACOEM|ODG|Official Disabilit|Guideline|9792\.|Non-MTUS/i;
const TITLE_END =
  /^(?:Non-MTUS Citation:?\s*)?(.*?(?:Guidelines?(?:\s*\((?:ODG|[A-Z]{2,6})\))?|\(ODG\)|ACOEM(?:\s+Practice Guidelines)?(?:,?\s+(?:\d(?:st|nd|rd|th) Edition,?\s*)?Chapter\s+\d+)?|Chapter\s+\d+))(?=[\s,.:;]|$)/i;

function bodyOf(statement: string): CitationBody {
  if (/^Non-MTUS/i.test(statement)) {
    if (/Official Disabilit|\bODG\b/i.test(statement)) return 'ODG';
    return /ACOEM/i.test(statement) ? 'ACOEM' : 'OTHER';
  }
  if (/ACOEM/i.test(statement)) return 'ACOEM';
  if (
    /MTUS|Chronic Pain (?:Medical )?Treatment Guidelines|Acupuncture (?:Medical )?Treatment Guidelines|Post-?Surgical Treatment Guidelines|9792\./i.test(
      statement,
    )
  ) {
    return 'MTUS';
  }
  if (/Official Disabilit|\bODG\b/i.test(statement)) return 'ODG';
  return 'OTHER';
}

function parseStatement(raw: string): Citation | null {
  const statement = squash(raw)
    .replace(/^[\s,.:;-]+/, '')
    .replace(/,?\s*which (?:is|are) (?:not )?(?:a )?part of the MTUS.*$/i, '')
    .replace(/\.\s+(?:The|He|She|This|These|It|In)\b.*$/, '');
  if (!statement || !NAMES_GUIDELINE.test(statement)) return null;
  const pagesMatch = PAGES.exec(statement);
  const pages = pagesMatch ? pagesMatch[1]!.replace(/\s+/g, '').replace(/–/g, '-') : null;
  const cleaned = trimEndMatching(pagesMatch ? statement.slice(0, pagesMatch.index) : statement, SEPARATOR);
  const title = TITLE_END.exec(cleaned)?.[1]?.trim() ?? null;
  const topic = title
    ? cleaned
        .slice(cleaned.indexOf(title) + title.length)
        .replace(/^[\s,.:;-]*(?:\d{4}\.\d+(?:\s*-\s*\d{4}\.\d+)?[\s,;]*)?/, '')
        .trim()
    : cleaned;
  return {
    body: bodyOf(statement),
    title: title || null,
    topic: topic ? topic.slice(0, 300) : null,
    pages,
  };
}

export function parseCitations(basis: string | null): Citation[] {
  if (!basis) return [];
  const starts = allMatches(OPENER, basis).map((m) => ({ at: m.index, from: m.index + m[0].length }));
  if (starts.length === 0) {
    const single = parseStatement(basis);
    return single ? [single] : [];
  }
  const citations: Citation[] = [];
  starts.forEach((s, i) => {
    const citation = parseStatement(basis.slice(s.from, starts[i + 1]?.at ?? basis.length));
    if (citation) citations.push(citation);
  });
  return citations;
}
