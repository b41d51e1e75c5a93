/**
 * Running page furniture the normalizer may have left in a letter exported from a PDF: "Page 2 of 4"
 * (on a line of its own or run into a paragraph) and the case number repeated at each page top. The
 * first labelled case number line is kept: it is the header block's own.
 */

const PAGE_LINE = /^[ \t]*(?:Page|PAGE) \d+(?: (?:of|OF) \d+)?[ \t]*(?:\n|$)/gm;
const PAGE_INLINE = /\b(?:Page|PAGE) \d+ (?:of|OF) \d+\b/g;
const CASE_NUMBER = /[A-Z]{2}\d{2}-\d{7}/;
const CASE_LINE =
  /^[ \t]*((?:IMR )?Case (?:Number|No\.?):?[ \t]*)?[A-Z]{2}\d{2}-\d{7}(?:[ \t]+Page \d+(?: of \d+)?)?[ \t]*(?:\n|$)/gm;

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
  let out = paged ? withoutInlinePageNumbers(text.replace(PAGE_LINE, '')) : text;
  if (!CASE_NUMBER.test(out)) return out;
  let labelled = false;
  out = out.replace(CASE_LINE, (line, label: string | undefined) => {
    if (!label || labelled) return '';
    labelled = true;
    return line;
  });
  return out;
}
