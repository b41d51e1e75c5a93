/** Small text helpers shared by the extract modules. */

/** Collapses every run of whitespace to one space and trims. */
export function squash(text: string): string {
  // Only runs longer than one plain space need replacing; most of a letter's spaces are single ones.
  return text.replace(/\s{2,}|[^\S ]/g, ' ').trim();
}

/**
 * `text` without the run of characters at its end that `char` matches (a one-character class without
 * the g or y flag, such as `/[\s,.:;]/`). Trim with this, not with `.replace(/[\s,.:;]+$/, '')`: the
 * loop from the end takes time linear in the run, while the regex retries the class from each
 * character of every run in the text, which is quadratic on a long run that does not reach the end
 * (ten thousand commas after a guideline name, then a word).
 */
export function trimEndMatching(text: string, char: RegExp): string {
  let end = text.length;
  while (end > 0 && char.test(text[end - 1] as string)) end--;
  return end === text.length ? text : text.slice(0, end);
}

/** Lines of a text region, trimmed, empty ones kept (they mark paragraph breaks). */
export function lines(text: string): string[] {
  return text.split('\n').map((line) => line.trim());
}

/** Paragraphs of a region: blank-line separated, inner line breaks turned into spaces. */
export function paragraphs(text: string): string[] {
  return text
    .split(/\n[ \t]*\n/)
    .map(squash)
    .filter((p) => p.length > 0);
}

/** A region's paragraphs joined back with one blank line each, or null when it is empty. */
export function textOrNull(text: string): string | null {
  const parts = paragraphs(text);
  return parts.length ? parts.join('\n\n') : null;
}

/** The last paragraph of a text (the lines after its last blank line), trimmed. */
export function lastParagraph(text: string): string {
  const rows: string[] = [];
  let end = text.length;
  while (end > 0) {
    const newline = text.lastIndexOf('\n', end - 1);
    const row = text.slice(newline + 1, end);
    end = Math.max(newline, 0);
    if (row.trim() === '') {
      if (rows.length) break;
    } else {
      rows.push(row);
    }
  }
  return rows.reverse().join(' ').trim();
}

/** Whether a sentence ends properly (full stop, question, colon or a closing quote after one). */
export function endsSentence(text: string): boolean {
  // Only the tail matters; testing it alone keeps this cheap on long paragraphs.
  return /[.!?:;]["'”’)\]]*$/.test(text.trimEnd().slice(-8));
}

/** The first sentence of a text that starts at `from`: up to a full stop followed by a space or the end. */
export function sentenceFrom(text: string, from: number): string {
  const rest = text.slice(from);
  const end = rest.search(/\.(?:\s|$)/);
  return end < 0 ? rest : rest.slice(0, end);
}

/** The earliest occurrence of any of the literal strings, or null (plain indexOf: fast on long text). */
export function firstLiteral(
  text: string,
  literals: readonly string[],
): { index: number; length: number } | null {
  let best: { index: number; length: number } | null = null;
  for (const literal of literals) {
    const index = text.indexOf(literal);
    if (
      index >= 0 &&
      (!best || index < best.index || (index === best.index && literal.length > best.length))
    ) {
      best = { index, length: literal.length };
    }
  }
  return best;
}

/**
 * Matches of a sticky ("y") pattern tried at the start of every line. Cheaper than scanning the
 * whole text with a (?:^|\n) pattern when the pattern has many alternatives.
 */
export function matchesAtLineStarts(text: string, sticky: RegExp): RegExpExecArray[] {
  const found: RegExpExecArray[] = [];
  let at = 0;
  for (;;) {
    sticky.lastIndex = at;
    const m = sticky.exec(text);
    if (m) found.push(m);
    const newline = text.indexOf('\n', at);
    if (newline < 0) return found;
    at = newline + 1;
  }
}
