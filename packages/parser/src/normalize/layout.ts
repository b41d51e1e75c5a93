import { removePageFurniture } from './furniture.ts';
import type { RepairLog } from './repairs.ts';

const OUTCOME_END = /:\s*(?:upheld|overturned|uphold|overturn|modified|partially (?:upheld|overturned))\s*$/i;
const OUTCOME_WORD = /^(?:upheld|overturned|uphold|overturn|modified|partially (?:upheld|overturned))$/i;
const HEADER_FIELD =
  /^(?:case number|date assigned|date of injury|decision date|ur denial date|priority|application received|claim number|date of ur decision)\s*:/i;
const LABEL =
  /^(?:claims administrator guideline|maximus guideline|decision rationale|state\(s\) of licensure|certification\(s\)\/specialty)\s*:/i;
/** `ISSUE AT DISPUTE:`, `CASE SUMMARY:`: two or more ALL-CAPS words and a colon. */
const CAPS_LABEL = /^[A-Z][A-Z0-9()/,'&.-]*(?: [A-Z0-9()/,'&.-]+)+:(?:\s|$)/;
const NUMBERED = /^\d{1,2}[.)]\s+\S/;
const SENTENCE_END = /[.!?:;"')\]]$/;
/** Prefixes that keep their hyphen when a line breaks after them (`post-` + `laminectomy`). */
const KEEP_HYPHEN =
  /(?:^|[^a-z])(?:post|pre|non|anti|self|short|long|well|follow|co|re|multi|semi|sub|inter|intra|ex|extra|over|under|mid|low|high|full|part|one|two|three|four|five|six|bi|tri|cross|counter|pseudo|ultra)$/i;

/** Letters present and none lowercase: a heading or an ALL-CAPS title line. */
function isCaps(line: string): boolean {
  return /[A-Z]/.test(line) && !/[a-z]/.test(line) && /[A-Z].*[A-Z]/.test(line);
}

function startsParagraph(line: string): boolean {
  return HEADER_FIELD.test(line) || LABEL.test(line) || CAPS_LABEL.test(line) || NUMBERED.test(line);
}

/** Joins two lines of one paragraph, undoing a line-break hyphenation only where it is one. */
function joinLine(paragraph: string, next: string, log: RepairLog): string {
  if (/[a-z]-$/.test(paragraph) && /^[a-z]/.test(next)) {
    const head = paragraph.slice(0, -1);
    if (!KEEP_HYPHEN.test(head)) {
      log.add('dehyphenate');
      return head + next;
    }
    return paragraph + next;
  }
  if (/\d-$/.test(paragraph) && /^\d/.test(next)) return paragraph + next; // 1- / 7% -> 1-7%
  return `${paragraph} ${next}`;
}

type Group = string[];

/**
 * Splits lines into groups at the document's own paragraph marks: whitespace-only lines where
 * the document uses them (text exported from PDFs, with a blank line after every line); else
 * blank lines, where runs of one blank line between lines of a double-spaced text do not count.
 */
function groupLines(lines: string[], log: RepairLog): { groups: Group[]; marked: boolean } {
  const spaceMarked = lines.some((l) => l.length > 0 && l.trim() === '');
  // Double-spaced text has a blank line after every line: no two text lines touch, and most
  // lines stop mid-sentence (they were wrapped). One-line paragraphs separated by blank lines
  // (this function's own output) end their sentences, so they are not mistaken for it.
  let nonEmpty = 0;
  let singles = 0;
  let touching = 0;
  let midSentence = 0;
  for (let i = 0; i < lines.length; i++) {
    const line = (lines[i] as string).trim();
    if (!line) continue;
    nonEmpty++;
    if (lines[i + 1]?.trim()) touching++;
    else if (lines[i + 1] === '' && lines[i + 2]?.trim()) singles++;
    if (!SENTENCE_END.test(line)) midSentence++;
  }
  // ... and its lines are wrapped at a width: most are long and close to the longest.
  const lengths = lines
    .map((l) => l.trim().length)
    .filter((n) => n > 0)
    .sort((a, b) => a - b);
  const p90 = lengths[Math.floor(lengths.length * 0.9)] ?? 0;
  const wrapped = lengths.filter((n) => n >= 40 && n >= p90 * 0.7).length;
  const doubleSpaced =
    !spaceMarked &&
    nonEmpty >= 8 &&
    touching <= nonEmpty * 0.05 &&
    singles >= nonEmpty * 0.6 &&
    midSentence >= nonEmpty * 0.4 &&
    wrapped >= nonEmpty * 0.6;
  if (spaceMarked || doubleSpaced) log.add('double-spacing');
  const groups: Group[] = [[]];
  let blanks = 0;
  let marks = 0;
  const breakHere = () => {
    if ((groups[groups.length - 1] as Group).length) groups.push([]);
    marks++;
  };
  for (const raw of lines) {
    const line = raw.trim();
    if (line) {
      if (doubleSpaced && blanks >= 2) breakHere();
      blanks = 0;
      (groups[groups.length - 1] as Group).push(line.replace(/ {2,}/g, ' '));
      continue;
    }
    if (spaceMarked) {
      if (raw.length > 0) breakHere();
    } else if (doubleSpaced) {
      blanks++;
    } else {
      breakHere();
    }
  }
  return { groups: groups.filter((g) => g.length), marked: marks > 0 };
}

/**
 * Splits a group into paragraphs at structural starts (headings, header fields, labels, numbered
 * items, item titles) and joins each paragraph's lines into one.
 */
function paragraphsOf(group: Group, marked: boolean, width: number, log: RepairLog): string[] {
  const out: string[] = [];
  let current: string | null = null;
  let lines = 0;
  const flush = () => {
    if (current !== null) out.push(current);
    if (lines > 1) log.add('rewrap', lines - 1);
    current = null;
    lines = 0;
  };
  const add = (line: string) => {
    current = current === null ? line : joinLine(current, line, log);
    lines++;
  };
  for (let i = 0; i < group.length; i++) {
    const line = group[i] as string;
    const atStart = current === null;
    const afterSentence = atStart || SENTENCE_END.test(current ?? '') || isCaps(current ?? '');
    if (isCaps(line) && afterSentence && !CAPS_LABEL.test(line)) {
      // An ALL-CAPS line: a heading, unless it is the first line of a wrapped title or label
      // (`... (COGNITIVE BEHAVIOR` / `THERAPY) #12: Upheld`, `... NOT MEDICALLY` / `NECESSARY:`).
      let end = -1;
      for (let k = i + 1; k < Math.min(group.length, i + 4); k++) {
        const next = group[k] as string;
        if (OUTCOME_END.test(next) || (isCaps(next) && /:$/.test(next))) {
          end = k;
          break;
        }
        if (!isCaps(next)) break;
      }
      flush();
      add(line);
      if (end > 0) {
        for (let k = i + 1; k <= end; k++) add(group[k] as string);
        i = end;
      }
      flush();
      continue;
    }
    // In text with no paragraph marks, a capitalised line ending with a colon after a finished
    // sentence is a label (`Rationale Used by the Expert Reviewer:`): it stands alone.
    const label = !marked && current !== null && SENTENCE_END.test(current) && /^[A-Z].{0,118}:$/.test(line);
    if (startsParagraph(line) || label) flush();
    add(line);
    const soleLine = lines === 1;
    const outcomeNext = OUTCOME_WORD.test(group[i + 1] ?? '');
    if (
      OUTCOME_END.test(line) ||
      (soleLine && /:$/.test(line) && !outcomeNext) ||
      (HEADER_FIELD.test(line) && line.length < 80)
    ) {
      flush();
      continue;
    }
    // Text with no paragraph marks at all (a PDF's text layer): a short line that ends a
    // sentence, followed by a capitalised line, ends its paragraph.
    const next = group[i + 1];
    if (!marked && next && SENTENCE_END.test(line) && line.length < width * 0.7 && /^[A-Z0-9"(]/.test(next)) {
      flush();
    }
  }
  flush();
  return out;
}

/**
 * Rebuilds paragraphs: page furniture removed, one paragraph per line, paragraphs separated by
 * one empty line, headings and labelled lines on lines of their own.
 */
export function reflow(text: string, log: RepairLog): string {
  const pages = text
    .split('\f')
    .map((page) =>
      page.split('\n').map((l) => l.replace(/\s+$/, (m) => (m.includes(' ') && !l.trim() ? ' ' : ''))),
    );
  const lines = removePageFurniture(pages, log);
  const { groups, marked } = groupLines(lines, log);
  const lengths = lines
    .map((l) => l.trim().length)
    .filter((n) => n > 0)
    .sort((a, b) => a - b);
  const width = lengths[Math.floor(lengths.length * 0.9)] ?? 80;
  const paragraphs = groups.flatMap((g) => paragraphsOf(g, marked, width, log));
  return paragraphs.join('\n\n');
}
