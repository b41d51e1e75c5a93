import iconv from 'iconv-lite';
import { doubleEncodeUtf8, encodeWindows1252 } from './windows-1252.ts';

export type TextEncoding = 'utf-8' | 'utf-8-bom' | 'windows-1252' | 'utf-16le' | 'utf-16be' | 'double-utf-8';

export interface TextRendering {
  format: 'txt';
  encoding: TextEncoding;
  lineEnding?: 'lf' | 'crlf';
  /** A blank line after every line and a " " line at paragraph breaks, as PDF-to-text exports write. */
  doubleSpaced?: boolean;
  /** Re-wrap every line to this many columns. */
  wrap?: number;
}

/** One line broken at spaces into rows of at most `width` columns (a longer word keeps its own row). */
export function wrapLine(line: string, width: number): string[] {
  const rows: string[] = [];
  let row = '';
  for (const word of line.split(' ')) {
    if (row && row.length + 1 + word.length > width) {
      rows.push(row);
      row = word;
    } else row = row ? `${row} ${word}` : word;
  }
  rows.push(row);
  return rows;
}

/** The letter laid out as a text file: wrapped, double spaced, with its line endings. */
export function layOutText(text: string, rendering: TextRendering): string {
  const width = rendering.wrap ?? (rendering.doubleSpaced ? 95 : 0);
  const blocks = text
    .trimEnd()
    .split(/\n\n+/)
    .map((block) => block.split('\n').flatMap((line) => (width > 0 ? wrapLine(line, width) : [line])));
  const laidOut = rendering.doubleSpaced
    ? `${blocks.map((rows) => rows.map((row) => `${row} \n`).join('\n')).join('\n \n\n')}`
    : `${blocks.map((rows) => rows.join('\n')).join('\n\n')}\n`;
  return rendering.lineEnding === 'crlf' ? laidOut.replace(/\n/g, '\r\n') : laidOut;
}

export function encodeText(text: string, encoding: TextEncoding): Buffer {
  switch (encoding) {
    case 'utf-8':
      return Buffer.from(text, 'utf8');
    case 'utf-8-bom':
      return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]);
    case 'windows-1252':
      return encodeWindows1252(text);
    case 'utf-16le':
    case 'utf-16be':
      return iconv.encode(text, encoding, { addBOM: true });
    case 'double-utf-8':
      return doubleEncodeUtf8(text);
  }
}

export function renderText(text: string, rendering: TextRendering): Buffer {
  return encodeText(layOutText(text, rendering), rendering.encoding);
}
