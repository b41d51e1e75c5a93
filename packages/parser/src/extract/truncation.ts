import type { RawDecision } from './raw-decision.ts';
import { endsSentence, lastParagraph } from './text.ts';

// Closing matter that ends a letter without a full stop: copies, signatures, enclosures, page numbers.
const CLOSING = /^(?:cc|bcc|c:|enclosures?|encl\.|sincerely|signed|page \d+|\[?signature)/i;

const WHITE_RUN = /\s+/g;

/**
 * Whether a text has at least `count` words, as `text.split(/\s+/)` counts them (one more than its
 * runs of white space). The runs are counted with a global pattern, up to the ones needed: the split
 * builds an array of the words (in a micro-benchmark it took half as long again).
 */
function hasWords(text: string, count: number): boolean {
  let runs = 0;
  WHITE_RUN.lastIndex = 0;
  while (runs < count - 1 && WHITE_RUN.test(text)) runs++;
  WHITE_RUN.lastIndex = 0;
  return runs >= count - 1;
}

/** A paragraph of prose that stops mid-sentence ("... Given the great s"). */
function cutShort(paragraph: string): boolean {
  return hasWords(paragraph, 8) && !endsSentence(paragraph) && !CLOSING.test(paragraph);
}

/**
 * Whether a letter was cut short: its last item has no rationale, that rationale stops mid-sentence,
 * or the letter's last paragraph of prose does.
 */
export function looksTruncated(text: string, decisions: RawDecision[]): boolean {
  const last = decisions[decisions.length - 1];
  if (last && !last.rationale) return true;
  if (last?.rationale && cutShort(lastParagraph(last.rationale))) return true;
  return cutShort(lastParagraph(text));
}
