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

/** Where the blank line that starts with the \n at `newline` ends (its second \n), or -1 for no blank line. */
function blankLineEnd(text: string, newline: number): number {
  let at = newline + 1;
  for (let c = text.charCodeAt(at); c === 32 || c === 9; c = text.charCodeAt(++at));
  return text.charCodeAt(at) === 10 ? at : -1;
}

/**
 * Adds a part of a region to its paragraphs, squashed, unless it is blank. (A module function, not a
 * closure in `paragraphs`: the TypeScript loader names each closure made, a cost on every call.)
 */
function addParagraph(out: string[], part: string): void {
  // Most regions end with a blank line, after which nothing is left: that needs no squash.
  if (part.length === 0) return;
  const paragraph = squash(part);
  if (paragraph.length > 0) out.push(paragraph);
}

/**
 * Paragraphs of a region: blank-line separated (`\n[ \t]*\n`), inner line breaks turned into spaces.
 * The blank lines are found from each \n (indexOf), not by a pattern tried at every character.
 */
export function paragraphs(text: string): string[] {
  const out: string[] = [];
  let start = 0;
  for (let newline = text.indexOf('\n'); newline >= 0; ) {
    const end = blankLineEnd(text, newline);
    if (end < 0) {
      newline = text.indexOf('\n', newline + 1);
      continue;
    }
    addParagraph(out, text.slice(start, newline));
    start = end + 1;
    newline = text.indexOf('\n', start);
  }
  addParagraph(out, text.slice(start));
  return out;
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

/**
 * Every match of a global pattern, in order, as `text.matchAll(pattern)` gives them. matchAll copies
 * the pattern on each call, which costs more than the search in the short texts read here; `pattern`
 * (a module's own) is left with its lastIndex at 0.
 */
export function allMatches(pattern: RegExp, text: string): RegExpExecArray[] {
  const found: RegExpExecArray[] = [];
  pattern.lastIndex = 0;
  for (let m = pattern.exec(text); m; m = pattern.exec(text)) {
    found.push(m);
    // After an empty match the search moves on by a character (a code point with the u flag).
    if (m[0] === '') {
      const at = pattern.lastIndex;
      const pair = pattern.unicode && text.codePointAt(at)! > 0xffff;
      pattern.lastIndex = at + (pair ? 2 : 1);
    }
  }
  pattern.lastIndex = 0;
  return found;
}

/**
 * Matches of a sticky ("y") pattern tried at the start of every line. Cheaper than scanning the
 * whole text with a (?:^|\n) pattern when the pattern has many alternatives. The pattern must need
 * some text on its line (every caller's starts with a word): empty lines, every other line of a
 * normalized letter, are not tried.
 */
export function matchesAtLineStarts(text: string, sticky: RegExp): RegExpExecArray[] {
  const found: RegExpExecArray[] = [];
  let at = 0;
  for (;;) {
    const empty = text.charCodeAt(at) === 10;
    if (!empty) {
      sticky.lastIndex = at;
      const m = sticky.exec(text);
      if (m) found.push(m);
    }
    const newline = empty ? at : text.indexOf('\n', at);
    if (newline < 0) return found;
    at = newline + 1;
  }
}
