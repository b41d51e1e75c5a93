import iconv from 'iconv-lite';

/** Windows-1252 both ways, as legacy Windows software writes and misreads it. */

const BYTE_TO_CHAR: string[] = Array.from({ length: 256 }, (_, b) => {
  const c = iconv.decode(Buffer.from([b]), 'windows-1252');
  // The five bytes Windows-1252 leaves undefined come through as the C1 controls of the same number.
  return c === '\ufffd' ? String.fromCharCode(b) : c;
});
const ENCODABLE = new Set(BYTE_TO_CHAR);

/** What a careful exporter writes for characters the code page lacks. */
const SUBSTITUTES: Record<string, string> = {
  '\u2265': '>=',
  '\u2264': '<=',
  '\u2192': '->',
  '\u2190': '<-',
  '\u2212': '-',
  '\u2010': '-',
  '\u2011': '-',
  '\u2012': '-',
  '\u2015': '-',
  '\u2032': "'",
  '\u2033': '"',
  '\u2044': '/',
  '\u2122': '(TM)',
  '\u00a0': ' ',
  '\u200b': '',
  '\ufeff': '',
};

/** The text with every character Windows-1252 cannot hold replaced by its nearest spelling. */
export function toWindows1252Repertoire(text: string): string {
  let out = '';
  for (const ch of text) {
    if ((ENCODABLE.has(ch) && ch.charCodeAt(0) >= 0x20) || ch === '\n' || ch === '\r' || ch === '\t')
      out += ch;
    else if (ch in SUBSTITUTES) out += SUBSTITUTES[ch];
    else {
      // Accented letters outside the code page lose their accent (ł has none to lose and becomes ?).
      const bare = ch.normalize('NFKD').replace(/[\u0300-\u036f]/g, '');
      out += [...bare].every((c) => ENCODABLE.has(c)) && bare ? bare : '?';
    }
  }
  return out;
}

export function encodeWindows1252(text: string): Buffer {
  return iconv.encode(toWindows1252Repertoire(text), 'windows-1252');
}

/** UTF-8 bytes read as Windows-1252 and saved as UTF-8 again: `§` becomes `Â§`, `’` becomes `â€™`. */
export function doubleEncodeUtf8(text: string): Buffer {
  const bytes = Buffer.from(text, 'utf8');
  let misread = '';
  for (const b of bytes) misread += BYTE_TO_CHAR[b];
  return Buffer.from(misread, 'utf8');
}

/** The inverse of `doubleEncodeUtf8`, for tests. */
export function undoDoubleEncoding(bytes: Buffer): string {
  const reverse = new Map(BYTE_TO_CHAR.map((c, b) => [c, b]));
  const text = bytes.toString('utf8');
  return Buffer.from([...text].map((c) => reverse.get(c) ?? 0x3f)).toString('utf8');
}
