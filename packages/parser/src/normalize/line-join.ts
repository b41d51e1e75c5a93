import type { RepairLog } from './repairs.ts';

/** Prefixes that keep their hyphen when a line breaks after them (`post-` + `laminectomy`). */
const KEEP_HYPHEN =
  /(?:^|[^a-z])(?:post|pre|non|anti|self|short|long|well|follow|co|re|multi|semi|sub|inter|intra|ex|extra|over|under|mid|low|high|full|part|one|two|three|four|five|six|bi|tri|cross|counter|pseudo|ultra)$/i;
/**
 * Word endings that are no words of their own: after a line-break hyphen they are the rest of the
 * word (`treat-` + `ment`). Any other continuation is a word, so the hyphen is a compound's
 * (`work-` + `related`, `evidence-` + `based`, `flare-` + `ups`) and stays.
 */
const SUFFIX =
  /^(?:[a-z]{1,2}|ment|ments|tion|tions|sion|sions|ation|ations|ication|ications|ization|izations|ing|ings|ity|ities|ness|ance|ances|ence|ences|able|ible|ive|ives|ous|ally|ical|ics|ture|tures|ated|ates|ator|ators|ular|ogy|ogist|ologist|ologists|ist|ists|ism|ant|ants|ent|ents|ary|ory|ery|ure|ures|ter|ters|ple|ples|tic|tics|cal|lar|bar|nal|ral|ped|ted|ded|ized|ize|ify|ified)[.,;:)]*$/;
const WORDS_OF_THEIR_OWN = /^(?:up|ups|in|on|out|off|by|to|of|at|or|and|the)[.,;:)]*$/;

/**
 * Joins the next line of a paragraph onto the line before it: the separator between them, and
 * that line again, without its hyphen where the hyphen only broke a word (undone only where it
 * is one).
 */
export function joinLine(
  line: string,
  next: string,
  log: RepairLog,
): { previous: string; separator: string } {
  const last = line.charCodeAt(line.length - 1);
  if (last === 45 /* - */) {
    if (/[a-z]-$/.test(line) && /^[a-z]/.test(next)) {
      const tail = next.slice(0, next.indexOf(' ') < 0 ? next.length : next.indexOf(' '));
      const head = line.slice(0, -1);
      if (!KEEP_HYPHEN.test(head) && SUFFIX.test(tail) && !WORDS_OF_THEIR_OWN.test(tail)) {
        log.add('dehyphenate');
        return { previous: head, separator: '' };
      }
      return { previous: line, separator: '' }; // a compound: `short-term`
    }
    // A hyphen attached to its word goes with the next line's word: `1-` + `7%`, `Non-` + `MTUS`.
    if (/[A-Za-z0-9]-$/.test(line) && /^[A-Za-z0-9]/.test(next)) return { previous: line, separator: '' };
  }
  // A break after a slash between words (`and/` + `or`) is the renderer's, not a space.
  if (last === 47 /* / */ && /[A-Za-z0-9%)]\/$/.test(line) && /^[A-Za-z0-9]/.test(next))
    return { previous: line, separator: '' };
  return { previous: line, separator: ' ' };
}
