/**
 * Strings printed exactly so (headings and layout markers in capitals), looked for anywhere in a
 * letter: a paragraph the normalizer could not split still carries them. The layout (layout.ts) and
 * the section headings (headings.ts) look for some thirty such strings, many of them the same ones, and
 * most are not in a given letter: one scan finds where each first occurs, instead of a search for each
 * (in a same-process comparison, the scan took 60% of the time of the searches).
 */

const asPattern = (text: string): string => text.replace(/[\\^$.*+?()[\]{}|/]/g, '\\$&');

/** Where printed strings first occur in one text. */
export class Printed {
  constructor(
    private readonly text: string,
    private readonly first: ReadonlyMap<string, number>,
    private readonly searched: ReadonlySet<string>,
  ) {}

  /** Where `literal` first occurs, or -1 (a string the scan did not look for is searched for here). */
  indexOf(literal: string): number {
    if (!this.searched.has(literal)) return this.text.indexOf(literal);
    return this.first.get(literal) ?? -1;
  }

  /** The earliest occurrence of any of the literals (the longest on a tie), or null. */
  earliest(literals: readonly string[]): { index: number; length: number } | null {
    let best: { index: number; length: number } | null = null;
    for (const literal of literals) {
      const index = this.indexOf(literal);
      if (
        index >= 0 &&
        (!best || index < best.index || (index === best.index && literal.length > best.length))
      ) {
        best = { index, length: literal.length };
      }
    }
    return best;
  }
}

/** One scan of a text for a set of printed strings. */
export class PrintedSearch {
  private readonly pattern: RegExp;
  private readonly strings: ReadonlySet<string>;
  /** For each string, the shorter ones it starts with: they occur wherever it does. */
  private readonly prefixes = new Map<string, string[]>();

  constructor(strings: Iterable<string>) {
    // Only strings in capitals go into the pattern: lowercase letters in it let the scan skip less of
    // a letter's prose (with one such string it took half as long again). Others are searched for
    // alone. Longest first: the string matched at a position is the longest one there; any other
    // there is one of its prefixes.
    const unique = [...new Set(strings)]
      .filter((s) => s === s.toUpperCase())
      .sort((a, b) => b.length - a.length);
    this.strings = new Set(unique);
    this.pattern = new RegExp(unique.length ? unique.map(asPattern).join('|') : '(?!)', 'g');
    for (const s of unique) {
      const prefixes = unique.filter((p) => p !== s && s.startsWith(p));
      this.prefixes.set(s, prefixes);
    }
  }

  /** Where each of the strings first occurs in `text`. */
  in(text: string): Printed {
    const first = new Map<string, number>();
    const pattern = this.pattern;
    pattern.lastIndex = 0;
    for (let m = pattern.exec(text); m; m = pattern.exec(text)) {
      const found = m[0];
      if (!first.has(found)) {
        first.set(found, m.index);
        for (const prefix of this.prefixes.get(found)!) if (!first.has(prefix)) first.set(prefix, m.index);
      }
      // On from the next character, not after the match: a string may start inside another one
      // ("CASE SUMMARY:" in "CLINICAL CASE SUMMARY:").
      pattern.lastIndex = m.index + 1;
      if (first.size === this.strings.size) break;
    }
    pattern.lastIndex = 0;
    return new Printed(text, first, this.strings);
  }
}
