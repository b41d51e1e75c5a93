/** What a line of a letter is: a heading, a labelled line, an item title, the end of a sentence. */

const OUTCOME = '(?:upheld|overturned|uphold|overturn|modified|partially (?:upheld|overturned))';
/** An item title's end: `... #12: Upheld`, tried at one colon (sticky). */
const OUTCOME_END = new RegExp(`:\\s*${OUTCOME}\\s*$`, 'iy');
/** An outcome word on a line of its own, the end of a title that wrapped. */
export const OUTCOME_ALONE = new RegExp(`^${OUTCOME}$`, 'i');

/** Header-block fields, one per line: `Case Number: CM13-0050844`. */
export const HEADER_FIELD =
  /^(?:case number|date assigned|date of injury|decision date|ur denial date|priority|application received|claim number|date of ur decision)\s*:/i;
/** Labelled lines that open a paragraph of their own. */
const LABEL =
  /^(?:claims administrator guideline|maximus guideline|decision rationale|state\(s\) of licensure|certification\(s\)\/specialty)\s*:/i;
/**
 * The section labels of the MAXIMUS and professional-review layouts, recognised by their start:
 * they open a paragraph even where a narrow page wrapped them before their colon.
 */
const SECTION_LABEL =
  /^(?:medical treatment guideline\(s\) relied upon by|rationale used by the expert reviewer|medical qualifications of the expert reviewer|expert reviewer case summary|case summary:|documents reviewed|issue at dispute:|rationale for why the requested|medical reviewer qualifications)/i;
/** `ISSUE AT DISPUTE:`, `CASE SUMMARY:`: two or more ALL-CAPS words and a colon. */
const CAPS_LABEL = /^[A-Z][A-Z0-9()/,'&.-]*(?: [A-Z0-9()/,'&.-]+)+:(?:\s|$)/;
/** Numbered list items: `1.`, `2)`. */
const NUMBERED = /^\d{1,2}[.)]\s+\S/;

/** The characters that end a sentence or a label. */
const SENTENCE_MARKS = '.!?:;"\')]';

/**
 * Whether a line ends a sentence or a label. Its last character is looked up: a test of /[.!?:;"')\]]$/
 * costs several times more, and it is asked of most lines.
 */
export function endsSentenceOrLabel(line: string): boolean {
  return line.length > 0 && SENTENCE_MARKS.includes(line[line.length - 1]!);
}

/** Two or more capitals and no lowercase letter: a heading or an ALL-CAPS title line. */
export function isCaps(line: string): boolean {
  let capitals = 0;
  for (let i = 0; i < line.length; i++) {
    const c = line.charCodeAt(i);
    if (c >= 97 && c <= 122) return false;
    if (c >= 65 && c <= 90) capitals++;
  }
  return capitals >= 2;
}

/**
 * An item title's end, `... #12: Upheld`. Cheap tests first: every outcome word ends with d or n (white
 * space may follow), and a colon comes before it. Only the line's last colon can start the title's end
 * (the outcome and the white space around it hold none): tried there alone, the test reads the line's
 * tail, not all of it.
 */
export function endsWithOutcome(line: string): boolean {
  const last = line.charCodeAt(line.length - 1);
  const lower = last | 0x20;
  // (Printable ASCII other than d and n ends no title; white space and other characters are tested.)
  if (lower !== 0x64 /* d */ && lower !== 0x6e /* n */ && last > 32 && last < 0x7f) return false;
  if (!line.includes(':')) return false;
  const colon = line.lastIndexOf(':');
  OUTCOME_END.lastIndex = colon;
  return OUTCOME_END.test(line);
}

/** Header fields and labels (capitalised): they open a paragraph wherever they are. */
export function opensParagraph(line: string): boolean {
  const c = line.charCodeAt(0);
  return c >= 65 && c <= 90 && (HEADER_FIELD.test(line) || isLabel(line));
}

/** A labelled line or section label (`MAXIMUS guideline: ...`, `ISSUE AT DISPUTE:`): never page furniture. */
export const isLabel = (line: string) => LABEL.test(line) || SECTION_LABEL.test(line);

/**
 * Numbered items and ALL-CAPS labels: they open a paragraph after a finished line, but can also be
 * the rest of a wrapped line (`... NORCO 10/325MG` / `TABLET QTY: 30 is not ...`).
 */
export function listItemOrCapsLabel(line: string): boolean {
  const c = line.charCodeAt(0);
  if (c >= 48 && c <= 57) return NUMBERED.test(line);
  return c >= 65 && c <= 90 && CAPS_LABEL.test(line);
}

/** The number of a numbered item (`3.`, `3)`), or null. */
export function itemNumber(line: string): number | null {
  const c = line.charCodeAt(0);
  return c >= 48 && c <= 57 && NUMBERED.test(line) ? Number.parseInt(line, 10) : null;
}

/** Lines that start a paragraph of their own when they follow a finished line. */
export const startsParagraph = (line: string) => opensParagraph(line) || listItemOrCapsLabel(line);

/** Length of the first word of a line: what would have had to fit at the end of the line above. */
export function firstWordLength(line: string): number {
  const space = line.indexOf(' ');
  return space < 0 ? line.length : space;
}
