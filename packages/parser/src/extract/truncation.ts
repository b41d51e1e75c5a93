import type { RawDecision } from './raw-decision.ts';
import { endsSentence, lastParagraph } from './text.ts';

/**
 * Whether a letter was cut short: its last paragraph of prose stops mid-sentence ("Given the great s"),
 * or its last item has no rationale.
 */
export function looksTruncated(text: string, decisions: RawDecision[]): boolean {
  const last = decisions[decisions.length - 1];
  if (last && !last.rationale) return true;
  const final = lastParagraph(text);
  if (!final) return false;
  const words = final.split(' ').length;
  return words >= 8 && !endsSentence(final);
}
