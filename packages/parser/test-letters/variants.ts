/**
 * What real letters go through before they reach the parser, applied to a known letter: re-wrapping,
 * other line endings, legacy and UTF-16 encodings, and the header block that newer letters carry.
 */
import iconv from 'iconv-lite';

/** Re-wraps paragraphs (blank-line separated) to `width` columns, as another exporter would. */
export function rewrap(paragraphText: string, width: number): string {
  return paragraphText
    .split(/\n\s*\n/)
    .map((paragraph) => {
      const words = paragraph.split(/\s+/).filter(Boolean);
      const rows: string[] = [];
      let row = '';
      for (const word of words) {
        if (row && row.length + 1 + word.length > width) {
          rows.push(row);
          row = word;
        } else {
          row = row ? `${row} ${word}` : word;
        }
      }
      if (row) rows.push(row);
      return rows.join('\n');
    })
    .join('\n\n');
}

export const crlf = (text: string): string => text.replace(/\r?\n/g, '\r\n');

export const windows1252 = (text: string): Buffer => iconv.encode(text, 'win1252');

export const utf16le = (text: string): Buffer =>
  Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(text, 'utf16le')]);

export const utf16be = (text: string): Buffer =>
  Buffer.concat([Buffer.from([0xfe, 0xff]), iconv.encode(text, 'utf16be')]);

export interface HeaderBlock {
  caseNumber: string;
  assigned: string;
  injury: string;
  decision: string;
  urDenial: string;
  applicationReceived: string;
  priority: 'Standard' | 'Expedited';
}

const us = (iso: string): string => {
  const [y, m, d] = iso.split('-');
  return `${m}/${d}/${y}`;
};

/** The letter with a header block above its first heading. */
export function withHeader(text: string, h: HeaderBlock): string {
  const block = [
    `Case Number: ${h.caseNumber}`,
    `Date Assigned: ${us(h.assigned)}`,
    `Date of Injury: ${us(h.injury)}`,
    `Decision Date: ${us(h.decision)}`,
    `UR Denial Date: ${us(h.urDenial)}`,
    `Priority: ${h.priority}`,
    `Application Received: ${us(h.applicationReceived)}`,
  ].join('\n\n');
  return `${block}\n\n${text}`;
}

/** The expected fields of a letter once `withHeader` has added `h` to it. */
export function expectedWithHeader(
  expected: Record<string, unknown>,
  h: HeaderBlock,
): Record<string, unknown> {
  return {
    ...expected,
    caseNumber: h.caseNumber,
    dates: {
      assigned: h.assigned,
      injury: h.injury,
      decision: h.decision,
      urDenial: h.urDenial,
      applicationReceived: h.applicationReceived,
    },
    priority: h.priority.toLowerCase(),
  };
}
