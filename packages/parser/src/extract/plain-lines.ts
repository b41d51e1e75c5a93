/**
 * Line structure the extractor relies on, whatever the normalizer left: CR and CRLF become LF, form
 * feeds and vertical tabs (page breaks in text exports) become line breaks, no-break spaces become
 * spaces. Text without any of them is returned as is.
 */
const ODD = /\r\n?|[\f\v]|\u00a0/;

export function plainLines(text: string): string {
  if (!ODD.test(text)) return text;
  return text.replace(/\r\n?|[\f\v]/g, '\n').replace(/\u00a0/g, ' ');
}
