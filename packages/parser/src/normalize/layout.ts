import { removePageFurniture } from './furniture.ts';
import { endsSentenceOrLabel, firstWordLength } from './line-kinds.ts';
import { paragraphsOf, type TextShape } from './paragraphs.ts';
import type { RepairLog } from './repairs.ts';

const DOUBLE_SPACE = / {2}/;
const SPACES = / {2,}/g;

/** A line with text (empty and whitespace-only lines, kept as `''` and `' '`, have none). */
const hasText = (line: string) => line !== '' && line !== ' ';

/** The length below which a fraction of the lines fall. */
function percentile(lengths: number[], fraction: number): number {
  // (Copied by the constructor: Int32Array.from takes the iterator's path, twice as slow here.)
  const sorted = new Int32Array(lengths).sort();
  return sorted[Math.floor(sorted.length * fraction)] ?? 0;
}

/**
 * Splits lines (trailing space removed; whitespace-only lines kept as one space) into groups at the
 * document's own paragraph marks: whitespace-only lines where the document uses them (text exported
 * from PDFs, with a blank line after every line); else blank lines, where single blank lines
 * between the lines of a double-spaced text do not count.
 */
function groupLines(
  lines: string[],
  lengths: number[],
  p90: number,
  log: RepairLog,
): { groups: string[][]; marked: boolean } {
  let spaceLines = 0;
  let nonEmpty = 0;
  let singles = 0;
  let touching = 0;
  let midSentence = 0;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as string;
    if (line === ' ') spaceLines++;
    if (!hasText(line)) continue;
    nonEmpty++;
    const next = lines[i + 1];
    if (next && hasText(next)) touching++;
    else if (next === '' && hasText(lines[i + 2] ?? '')) singles++;
    if (!endsSentenceOrLabel(line)) midSentence++;
  }
  // Two or more whitespace-only lines are the document's paragraph marks (one may be a stray).
  const spaceMarked = spaceLines >= 2;
  // Double-spaced text has a blank line after every line: no two text lines touch, most lines stop
  // mid-sentence (they were wrapped) and are long, close to the longest. One-line paragraphs
  // separated by blank lines (this function's own output) end their sentences: not mistaken for it.
  let wrapped = 0;
  for (const n of lengths) if (n >= 40 && n >= p90 * 0.7) wrapped++;
  const doubleSpaced =
    !spaceMarked &&
    nonEmpty >= 8 &&
    touching <= nonEmpty * 0.05 &&
    singles >= nonEmpty * 0.6 &&
    midSentence >= nonEmpty * 0.4 &&
    wrapped >= nonEmpty * 0.6;
  if (spaceMarked || doubleSpaced) log.add('double-spacing');
  const groups: string[][] = [];
  let group: string[] = [];
  let blanks = 0;
  let marks = 0;
  const breakHere = () => {
    if (group.length) groups.push(group);
    group = [];
    marks++;
  };
  for (const line of lines) {
    if (hasText(line)) {
      if (doubleSpaced && blanks >= 2) breakHere();
      blanks = 0;
      // Trimmed first: an indented line without double spaces inside needs no replace. (Tested with a
      // pattern: includes('  ') is several times slower, stopping at every single space. A trimmed line
      // shorter than four characters holds none.)
      const trimmed = line.trim();
      const hasDoubleSpace = trimmed.length > 3 && DOUBLE_SPACE.test(trimmed);
      group.push(hasDoubleSpace ? trimmed.replace(SPACES, ' ') : trimmed);
    } else if (spaceMarked ? line === ' ' : !doubleSpaced) breakHere();
    else blanks++;
  }
  if (group.length) groups.push(group);
  return { groups, marked: marks > 0 };
}

/**
 * The width lines were wrapped at. Text wrapped by characters (a text exporter, monospaced print)
 * shows it exactly: in every pair of lines that is certainly one sentence (the second starts with
 * a lowercase letter) the first word of the second line would not have fitted on the first. Other
 * text (proportional fonts) gets the usual line length and a margin for uneven character widths.
 */
function shapeOf(groups: string[][], p90: number, marked: boolean): TextShape {
  let pairs = 0;
  let width = 0;
  const needed: number[] = [];
  for (const group of groups) {
    for (let i = 1; i < group.length; i++) {
      const line = group[i - 1] as string;
      const next = group[i] as string;
      const c = next.charCodeAt(0);
      if (c >= 97 && c <= 122 && !endsSentenceOrLabel(line)) {
        pairs++;
        width = Math.max(width, line.length);
        needed.push(line.length + 1 + firstWordLength(next));
      }
    }
  }
  // (A renderer may count a space more than the text has: a word that would just fit can go.)
  if (pairs >= 8 && needed.every((n) => n >= width)) return { width: width - 1, fill: 1, marked };
  return { width: p90 || 80, fill: 0.8, marked };
}

/**
 * Rebuilds paragraphs: page furniture removed, one paragraph per line, paragraphs separated by
 * one empty line, headings, labelled lines and item titles on lines of their own.
 */
export function reflow(text: string, log: RepairLog): string {
  const pages = text.split('\f').map((page) =>
    page.split('\n').map((raw) => {
      const line = raw.trimEnd();
      return line || (raw ? ' ' : '');
    }),
  );
  const lines = removePageFurniture(pages, log);
  const lengths: number[] = [];
  for (const line of lines) if (hasText(line)) lengths.push(line.trim().length);
  const p90 = percentile(lengths, 0.9);
  const { groups, marked } = groupLines(lines, lengths, p90, log);
  const shape = shapeOf(groups, p90, marked);
  // A loop, not flatMap: V8's flatMap is several times slower for arrays this size.
  const paragraphs: string[] = [];
  for (const group of groups)
    for (const paragraph of paragraphsOf(group, shape, log)) paragraphs.push(paragraph);
  return paragraphs.join('\n\n');
}
