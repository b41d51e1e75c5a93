import { joinLine } from './line-join.ts';
import {
  endsSentenceOrLabel,
  endsWithOutcome,
  firstWordLength,
  HEADER_FIELD,
  isCaps,
  itemNumber,
  listItemOrCapsLabel,
  OUTCOME_ALONE,
  opensParagraph,
  startsParagraph,
} from './line-kinds.ts';
import type { RepairLog } from './repairs.ts';

/** What is known of the text the lines come from. */
export interface TextShape {
  /** Length of a full line: lines wrapped at about this many characters. */
  width: number;
  /**
   * How full a wrapped line is at least, counting the word that went to the next line, as a
   * fraction of `width`: 1 for text wrapped by characters, less for proportional fonts.
   */
  fill: number;
  /** Whether the text marks its paragraphs (blank or whitespace-only lines) at all. */
  marked: boolean;
}

/** The line ended early: the next line's first word would have fitted after it. */
const endedEarly = (line: string, next: string, shape: TextShape) =>
  line.length + 1 + firstWordLength(next) <= shape.width * shape.fill;

/** A line end that leads on into the next line: a comma, a hyphen, an article, a preposition. */
const LEADS_ON = /(?:[,/-]|\b(?:the|a|an|of|and|or|to|for|by|in|on|at|per|with|from|as|under))$/i;

/** Whether a line ends with a letter or a digit (looked up, not tested with /[A-Za-z0-9]$/ on all of it). */
function endsAlphanumeric(line: string): boolean {
  const c = line.charCodeAt(line.length - 1);
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

/**
 * The last line of an ALL-CAPS title that wrapped (`... (COGNITIVE BEHAVIOR` / `THERAPY) #12:
 * Upheld`, `... #12:` / `Upheld`, `... NOT MEDICALLY` / `NECESSARY:`), or -1 for a heading.
 */
function wrappedTitleEnd(group: string[], i: number): number {
  // Lines joined because the line above leads into them (`... RELIED UPON BY` / `PROFESSIONAL
  // REVIEWER AND WHY:`, `IMR ISSUES, DECISIONS AND` / `RATIONALES`).
  let joined = -1;
  for (let k = i + 1; k < Math.min(group.length, i + 4); k++) {
    const next = group[k] as string;
    const prev = group[k - 1] as string;
    if (endsWithOutcome(next)) return k;
    if (OUTCOME_ALONE.test(next)) return prev.endsWith(':') ? k : joined;
    if (!isCaps(next)) return joined;
    const leadsOn = LEADS_ON.test(prev);
    if (!leadsOn && startsParagraph(next)) return joined;
    if (next.endsWith(':')) return OUTCOME_ALONE.test(group[k + 1] ?? '') ? k + 1 : k;
    if (leadsOn) joined = k;
  }
  return joined;
}

/** An item title starts here: a capitalised line that, within three lines, ends with `: Upheld`. */
function titleStarts(group: string[], i: number): boolean {
  if (!/^[A-Z0-9]/.test(group[i] as string)) return false;
  for (let k = i; k < Math.min(group.length, i + 3); k++) {
    const line = group[k] as string;
    if (endsWithOutcome(line) || (OUTCOME_ALONE.test(group[k + 1] ?? '') && line.endsWith(':'))) return true;
    if (endsSentenceOrLabel(line)) return false;
  }
  return false;
}

/** `Expert Reviewer Case Summary:`: a few capitalised words (small words aside) and a colon. */
const TITLE_CASE_LABEL = /^[A-Z][\w()/&-]*(?: (?:[A-Z][\w()/&-]*|of|the|and|for|by|to|in|on|or)){1,6}:$/;

/** Whether `line` opens a new paragraph after `prev`, the last line of the paragraph so far. */
function breaksBefore(
  group: string[],
  i: number,
  caps: boolean,
  paragraph: string | null,
  nextItem: number,
  shape: TextShape,
): boolean {
  const line = group[i] as string;
  const prev = group[i - 1] as string;
  if (opensParagraph(line)) return true;
  if (OUTCOME_ALONE.test(line)) return !prev.endsWith(':');
  const sentenceEnded = endsSentenceOrLabel(prev);
  // The next number of a list, a list's first item or a numbered item title opens its item even
  // after a full line.
  const item = itemNumber(line);
  if (item !== null && (item === nextItem || titleStarts(group, i) || /^1[.)] [A-Z]/.test(line))) return true;
  if (listItemOrCapsLabel(line) && (sentenceEnded || isCaps(prev) || endedEarly(prev, line, shape)))
    return true;
  // Text with no paragraph marks: a sentence that ends with a colon, then a capital, even where
  // the line was full (`... including all medical records:` / `The injured worker ...`); a bare
  // label (`Claims Administrator guideline:`) keeps the text that follows it.
  if (
    !shape.marked &&
    prev.endsWith(':') &&
    /^[A-Z]/.test(line) &&
    !(paragraph !== null && /^[^:]{1,60}:$/.test(paragraph))
  ) {
    return true;
  }
  // A whole line in capitals is a heading or a title, not the middle of a sentence, unless the line
  // above leads into it (`2. COGNITIVE BEHAVIORAL THERAPY SESSIONS FOR` / `LUMBAR SPINE #8`) or it
  // is one word, like the `TWC.` that ends `Official Disability Guidelines -` / `TWC.`.
  if (caps)
    return !LEADS_ON.test(prev) && (line.includes(' ') || sentenceEnded || endedEarly(prev, line, shape));
  if (sentenceEnded && titleStarts(group, i)) return true;
  // Text with no paragraph marks: a capitalised line ending with a colon after a finished sentence,
  // or any short one in title case, is a label (`Rationale Used by the Expert Reviewer:`).
  if (!shape.marked && line.endsWith(':')) {
    if (sentenceEnded && /^[A-Z].{0,118}:$/.test(line)) return true;
    // A title-case label after a line that does not lead into it (no `the`, `of`, comma at its end).
    if (TITLE_CASE_LABEL.test(line) && !line.endsWith('Page(s):') && !LEADS_ON.test(prev)) return true;
  }
  // A line that ended early ends its paragraph, unless it leads on (`... SESSIONS FOR` in capitals,
  // whose wide letters make a full line look short).
  return (
    endedEarly(prev, line, shape) &&
    (sentenceEnded || (/^[A-Z"(]/.test(line) && endsAlphanumeric(prev) && !LEADS_ON.test(prev)))
  );
}

/** Whether the paragraph is complete with `line`, its latest line. */
function endsParagraph(
  paragraph: string | null,
  lines: number,
  line: string,
  next: string | undefined,
  shape: TextShape,
) {
  if (endsWithOutcome(line) || (lines > 1 && OUTCOME_ALONE.test(line))) return true;
  if (paragraph !== null && paragraph.length < 80 && HEADER_FIELD.test(paragraph)) return true;
  // A label alone on its line (`The Expert Reviewer has the following credentials:`).
  return (
    lines === 1 &&
    line.endsWith(':') &&
    !OUTCOME_ALONE.test(next ?? '') &&
    (next === undefined || endedEarly(line, next, shape))
  );
}

/** Paragraphs being built: the lines of the current one are kept apart until it is flushed. */
class Paragraphs {
  readonly out: string[] = [];
  private parts: string[] = [];
  private length = 0;
  /** `short()` until the paragraph changes (it is asked for twice a line). */
  private joined: string | null | undefined;

  constructor(private readonly log: RepairLog) {}

  get lines(): number {
    return this.parts.length;
  }

  /** The current paragraph when it is short (what tests of labels and fields need), else null. */
  short(): string | null {
    if (this.joined === undefined) this.joined = this.length < 120 ? this.parts.join('') : null;
    return this.joined;
  }

  add(line: string): void {
    this.joined = undefined;
    const last = this.parts.length - 1;
    if (last < 0) this.parts.push(line);
    else {
      const { previous, separator } = joinLine(this.parts[last] as string, line, this.log);
      this.parts[last] = previous;
      this.parts.push(separator + line);
    }
    this.length += line.length + 1;
  }

  /**
   * Ends the current paragraph. `introduction`: text with no paragraph marks, before a heading or
   * a labelled line, where a last sentence that ends with a colon introduces what follows (`...
   * determinations. The Expert Reviewer has the following credentials:`): a paragraph of its own.
   */
  flush(introduction = false): void {
    if (this.parts.length) {
      const text = this.parts.join('');
      const cut = introduction && text.endsWith(':') ? text.lastIndexOf('. ') : -1;
      if (cut >= 0 && text.length - cut <= 120 && /[A-Z]/.test(text[cut + 2] ?? '')) {
        this.out.push(text.slice(0, cut + 1), text.slice(cut + 2));
      } else this.out.push(text);
    }
    this.log.add('rewrap', this.parts.length - 1);
    this.parts = [];
    this.length = 0;
    this.joined = undefined;
  }
}

/**
 * Splits a group of lines into paragraphs, each joined onto one line: headings, header fields,
 * labels, numbered items and item titles open paragraphs of their own, and in text without
 * paragraph marks a line that ended early closes its paragraph.
 */
export function paragraphsOf(group: string[], shape: TextShape, log: RepairLog): string[] {
  const p = new Paragraphs(log);
  let lastItem = 0;
  for (let i = 0; i < group.length; i++) {
    const line = group[i] as string;
    const caps = isCaps(line);
    if (p.lines && breaksBefore(group, i, caps, p.short(), lastItem + 1, shape)) {
      p.flush(!shape.marked && (caps || startsParagraph(line)));
    }
    if (caps && !p.lines && !listItemOrCapsLabel(line)) {
      // A heading, or the first line of a wrapped ALL-CAPS title: a paragraph of its own.
      const end = wrappedTitleEnd(group, i);
      p.add(line);
      while (i < end) p.add(group[++i] as string);
      p.flush();
      continue;
    }
    if (!p.lines) lastItem = itemNumber(line) ?? lastItem;
    p.add(line);
    if (endsParagraph(p.short(), p.lines, line, group[i + 1], shape)) p.flush();
  }
  p.flush();
  return p.out;
}
