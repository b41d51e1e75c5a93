/** Marks ts_headline puts around a match: control characters that letter text does not carry. */
export const MATCH_START = '\u0001';
export const MATCH_END = '\u0002';

/** A piece of a snippet: matched words are `match: true`. Render each part escaped. */
export interface SnippetPart {
  text: string;
  match: boolean;
}

/** Splits ts_headline output into parts (adjacent parts of the same kind merged, empty ones dropped). */
export function parseSnippet(headline: string): SnippetPart[] {
  const parts: SnippetPart[] = [];
  let match = false;
  let start = 0;
  const flush = (end: number) => {
    const text = headline.slice(start, end);
    const last = parts.at(-1);
    if (!text) return;
    if (last && last.match === match) last.text += text;
    else parts.push({ text, match });
  };
  for (let i = 0; i < headline.length; i++) {
    const char = headline[i];
    if (char !== MATCH_START && char !== MATCH_END) continue;
    flush(i);
    match = char === MATCH_START;
    start = i + 1;
  }
  flush(headline.length);
  return parts;
}

/** A snippet as one line of text, matches wrapped by `mark` (e.g. ANSI bold in a terminal). */
export function formatSnippet(
  parts: SnippetPart[],
  mark: (text: string) => string = (t) => `[${t}]`,
): string {
  return parts
    .map((p) => (p.match ? mark(p.text) : p.text))
    .join('')
    .replace(/\s+/g, ' ')
    .trim();
}
