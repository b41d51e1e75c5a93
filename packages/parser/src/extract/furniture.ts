/**
 * Running page furniture the normalizer may have left in a letter exported from a PDF: "Page 2 of 4"
 * (on a line of its own or run into a paragraph) and the case number repeated at each page top. The
 * first labelled case number line is kept: it is the header block's own.
 */

const PAGE_LINE = /^[ \t]*Page \d+(?: of \d+)?[ \t]*(?:\n|$)/gim;
const PAGE_INLINE = /[ \t]*\bPage \d+ of \d+\b/g;
const CASE_LINE =
  /^[ \t]*((?:IMR )?Case (?:Number|No\.?):?[ \t]*)?[A-Z]{2}\d{2}-\d{7}(?:[ \t]+Page \d+(?: of \d+)?)?[ \t]*(?:\n|$)/gm;

export function withoutPageFurniture(text: string): string {
  let out = /Page \d/i.test(text) ? text.replace(PAGE_LINE, '').replace(PAGE_INLINE, '') : text;
  let labelled = false;
  out = out.replace(CASE_LINE, (line, label: string | undefined) => {
    if (!label || labelled) return '';
    labelled = true;
    return line;
  });
  return out;
}
