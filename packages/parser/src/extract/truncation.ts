import type { RawDecision } from './raw-decision.ts';
import { endsSentence, lastParagraph } from './text.ts';

// Closing matter that ends a letter without a full stop: copies, signatures, enclosures, page numbers.
const CLOSING = /^(?:cc|bcc|c:|enclosures?|encl\.|sincerely|signed|page \d+|\[?signature)/i;

/** A paragraph of prose that stops mid-sentence ("... Given the great s"). */
function cutShort(paragraph: string): boolean {
  const words = paragraph.split(/\s+/, 8).length;
  return words >= 8 && !endsSentence(paragraph) && !CLOSING.test(paragraph);
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
