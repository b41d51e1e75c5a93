/** Small text helpers shared by the extract modules. */

/** Collapses every run of whitespace to one space and trims. */
export function squash(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
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

/** Whether a sentence ends properly (full stop, question, colon or a closing quote after one). */
export function endsSentence(text: string): boolean {
  return /[.!?:;]["'”’)\]]*\s*$/.test(text);
}

/** The first sentence of a text that starts at `from`: up to a full stop followed by a space or the end. */
export function sentenceFrom(text: string, from: number): string {
  const rest = text.slice(from);
  const end = rest.search(/\.(?:\s|$)/);
  return end < 0 ? rest : rest.slice(0, end);
}
