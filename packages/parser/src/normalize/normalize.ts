import type { NormalizedText } from '@imr/contracts';
import { cleanCharacters, repairLostQuotes } from './characters.ts';
import { decodeBytes } from './decode.ts';
import { reflow } from './layout.ts';
import { repairMojibake } from './mojibake.ts';
import { RepairLog } from './repairs.ts';

function normalizeDecoded(text: string, encoding: string, log: RepairLog): NormalizedText {
  const warnings: string[] = [];
  let current = cleanCharacters(text, log);
  const mojibake = repairMojibake(current);
  if (mojibake.count) {
    current = mojibake.text;
    log.add('mojibake', mojibake.count);
    warnings.push(`repaired encoding: double-encoded UTF-8 in ${mojibake.count} place(s)`);
    // Repair can reveal characters the first pass would have cleaned (a mis-decoded NBSP, say).
    current = cleanCharacters(current, log);
  }
  current = repairLostQuotes(current, log);
  if (log.get('lost-quote')) warnings.push(`restored ${log.get('lost-quote')} quote(s) lost as "?"`);
  if (current.includes('\ufffd')) warnings.push('the text contains characters that could not be decoded');
  current = reflow(current, log);
  return { text: current, encoding, repairs: log.list(), warnings };
}

/** Decodes bytes in any common encoding and normalizes the text. Pure; never throws. */
export function normalizeBytes(
  bytes: Uint8Array,
  options: { encoding?: 'detect' | 'utf-8' } = {},
): NormalizedText {
  const log = new RepairLog();
  const decoded = decodeBytes(bytes, options.encoding ?? 'detect', log);
  return normalizeDecoded(decoded.text, decoded.encoding, log);
}

/** Normalizes already-decoded text (a PDF's text layer, say). Pure; never throws. */
export function normalizeText(text: string): NormalizedText {
  return normalizeDecoded(text, 'utf-8', new RepairLog());
}
