/**
 * Running page furniture the normalizer may have left in a letter exported from a PDF: "Page 2 of 4"
 * (on a line of its own or run into a paragraph) and the case number repeated at each page top. The
 * first labelled case number line is kept: it is the header block's own.
 */

// Whole lines, tried at each line start (sticky; multiline, so that `^` holds there and `$` before any
// line terminator, as in a scan of the text with the m flag).
const PAGE_LINE = /^[ \t]*(?:Page|PAGE) \d+(?: (?:of|OF) \d+)?[ \t]*(?:\n|$)/my;
const PAGE_INLINE = /\b(?:Page|PAGE) \d+ (?:of|OF) \d+\b/g;
const CASE_NUMBER = /[A-Z]{2}\d{2}-\d{7}/;
const CASE_LINE =
  /^[ \t]*((?:IMR )?Case (?:Number|No\.?):?[ \t]*)?[A-Z]{2}\d{2}-\d{7}(?:[ \t]+Page \d+(?: of \d+)?)?[ \t]*(?:\n|$)/my;
/** Where a multiline `^` holds: after any line terminator. */
const TERMINATOR = /[\n\r\u2028\u2029]/g;

/** The start of the line after the one at `from` (-1 at the last line): a search for \n in most texts. */
function nextLineStart(text: string, from: number, onlyNewlines: boolean): number {
  if (onlyNewlines) {
    const newline = text.indexOf('\n', from);
    return newline < 0 ? -1 : newline + 1;
  }
  TERMINATOR.lastIndex = from;
  const m = TERMINATOR.exec(text);
  return m ? m.index + 1 : -1;
}

/**
 * `text` without the lines that `line` (sticky, multiline) matches at their start and `drop` accepts:
 * what replacing every match of the pattern with the m and g flags does, but the pattern is tried
 * only at line starts, a few steps a line, instead of at every character for its `^`.
 */
function withoutLines(text: string, line: RegExp, drop: (m: RegExpExecArray) => boolean): string {
  const onlyNewlines = !text.includes('\r') && !text.includes('\u2028') && !text.includes('\u2029');
  const parts: string[] = [];
  let kept = 0;
  for (let at = 0; at >= 0 && at < text.length; ) {
    line.lastIndex = at;
    const m = line.exec(text);
    if (!m) {
      at = nextLineStart(text, at, onlyNewlines);
      continue;
    }
    const end = at + m[0].length;
    if (drop(m)) {
      parts.push(text.slice(kept, at));
      kept = end;
    }
    // A match that took its line's \n ends where the next line starts.
    at = text[end - 1] === '\n' ? end : nextLineStart(text, end, onlyNewlines);
  }
  if (kept === 0) return text;
  parts.push(text.slice(kept));
  return parts.join('');
}

/**
 * Removes "Page 2 of 4" run into a paragraph, with the spaces and tabs before it. Those are found by a
 * step back from each match: a pattern that started with them (`[ \t]*\bPage ...`) would rescan a
 * long run of spaces from each of its characters.
 */
function withoutInlinePageNumbers(text: string): string {
  const parts: string[] = [];
  let kept = 0;
  for (const m of text.matchAll(PAGE_INLINE)) {
    let start = m.index;
    while (start > kept && (text[start - 1] === ' ' || text[start - 1] === '\t')) start--;
    parts.push(text.slice(kept, start));
    kept = m.index + m[0].length;
  }
  if (kept === 0) return text;
  parts.push(text.slice(kept));
  return parts.join('');
}

export function withoutPageFurniture(text: string): string {
  const paged = text.includes('Page ') || text.includes('PAGE ');
  const out = paged ? withoutInlinePageNumbers(withoutLines(text, PAGE_LINE, () => true)) : text;
  if (!CASE_NUMBER.test(out)) return out;
  let labelled = false;
  return withoutLines(out, CASE_LINE, ([, label]) => {
    if (!label || labelled) return true;
    labelled = true;
    return false;
  });
}
