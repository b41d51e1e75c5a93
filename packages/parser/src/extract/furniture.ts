/**
 * Running page furniture the normalizer may have left in a letter exported from a PDF: "Page 2 of 4"
 * lines and the case number repeated at each page top. The first case number line is kept: it may be
 * the header block's own.
 */

const PAGE_LINE = /^[ \t]*Page \d+(?: of \d+)?[ \t]*(?:\n|$)/gim;
const CASE_LINE =
  /^[ \t]*(?:(?:IMR )?Case (?:Number|No\.?):?[ \t]*)?[A-Z]{2}\d{2}-\d{7}(?:[ \t]+Page \d+(?: of \d+)?)?[ \t]*(?:\n|$)/gm;

export function withoutPageFurniture(text: string): string {
  let out = /Page \d/i.test(text) ? text.replace(PAGE_LINE, '') : text;
  let seen = false;
  out = out.replace(CASE_LINE, (line) => {
    if (seen) return '';
    seen = true;
    return line;
  });
  return out;
}
