/**
 * Running page furniture the normalizer may have left in a letter exported from a PDF: "Page 2 of 4"
 * (on a line of its own or run into a paragraph) and the case number repeated at each page top. The
 * first labelled case number line is kept: it is the header block's own.
 */

const PAGE_LINE = /^[ \t]*(?:Page|PAGE) \d+(?: (?:of|OF) \d+)?[ \t]*(?:\n|$)/gm;
const PAGE_INLINE = /[ \t]*\b(?:Page|PAGE) \d+ (?:of|OF) \d+\b/g;
const CASE_NUMBER = /[A-Z]{2}\d{2}-\d{7}/;
const CASE_LINE =
  /^[ \t]*((?:IMR )?Case (?:Number|No\.?):?[ \t]*)?[A-Z]{2}\d{2}-\d{7}(?:[ \t]+Page \d+(?: of \d+)?)?[ \t]*(?:\n|$)/gm;

export function withoutPageFurniture(text: string): string {
  const paged = text.includes('Page ') || text.includes('PAGE ');
  let out = paged ? text.replace(PAGE_LINE, '').replace(PAGE_INLINE, '') : text;
  if (!CASE_NUMBER.test(out)) return out;
  let labelled = false;
  out = out.replace(CASE_LINE, (line, label: string | undefined) => {
    if (!label || labelled) return '';
    labelled = true;
    return line;
  });
  return out;
}
