import type { NormalizedText } from '@imr/contracts';
import { unusualCharacters } from './ascii.ts';
import { mayShowMojibake } from './badness.ts';
import { cleanCharacters } from './characters.ts';
import { decodeBytes } from './decode.ts';
import { reflow } from './layout.ts';
import { repairLostQuotes } from './lost-quotes.ts';
import { repairMojibake } from './mojibake.ts';
import { type OcrNote, ocrWarning, repairOcrHabits } from './ocr-habits.ts';
import { RepairLog } from './repairs.ts';

/**
 * One round: mojibake, characters, lost quotes, layout. `settled`: the result cannot show mojibake (the
 * text held none of its characters, and no step after the mojibake repair adds a non-ASCII one).
 */
function normalizeRound(text: string, log: RepairLog): { text: string; settled: boolean } {
  // The characters past ASCII are looked up once, for the mojibake and clean-up checks alike.
  const unusual = unusualCharacters(text);
  // Mojibake first: its C1 controls and no-break spaces are evidence the clean-up would erase.
  const mojibake = mayShowMojibake(unusual.nonAscii)
    ? repairMojibake(text, { guessLostBytes: true })
    : { text, count: 0 };
  log.add('mojibake', mojibake.count);
  const characters = mojibake.text === text ? unusual : unusualCharacters(mojibake.text);
  const cleaned = cleanCharacters(mojibake.text, log, characters);
  return {
    text: reflow(repairLostQuotes(cleaned, log), log),
    settled: characters.nfc && !mayShowMojibake(characters.nonAscii),
  };
}

/** Whether another round would find mojibake to repair. */
const showsMojibake = (text: string) => repairMojibake(text, { guessLostBytes: true }).count > 0;

function normalizeDecoded(text: string, encoding: string, log: RepairLog): NormalizedText {
  let round = normalizeRound(text, log);
  // Re-joined lines can bring mojibake pieces together that only now read as such: another round
  // (rare; bounded) keeps the result a fixed point, so normalizing it again changes nothing.
  for (let extra = 0; extra < 3 && !round.settled && showsMojibake(round.text); extra++)
    round = normalizeRound(round.text, log);
  const current = round.text;
  const warnings: string[] = [];
  if (log.get('stray-byte')) {
    warnings.push(
      `repaired encoding: ${log.get('stray-byte')} byte(s) that were not UTF-8 read as Windows-1252`,
    );
  }
  if (log.get('mojibake')) {
    warnings.push(`repaired encoding: double-encoded UTF-8 in ${log.get('mojibake')} place(s)`);
  }
  if (log.get('lost-quote')) warnings.push(`restored ${log.get('lost-quote')} quote(s) lost as "?"`);
  if (current.includes('\ufffd')) warnings.push('the text contains characters that could not be decoded');
  return { text: current, encoding, repairs: log.list(), warnings };
}

/**
 * Decodes bytes in any common encoding and normalizes the text. Pure; never throws. `ocr`: the text
 * was read by OCR (ocr-habits.ts repairs its habits first, and a warning says so).
 */
export function normalizeBytes(
  bytes: Uint8Array,
  options: { encoding?: 'detect' | 'utf-8'; ocr?: OcrNote } = {},
): NormalizedText {
  const log = new RepairLog();
  const decoded = decodeBytes(bytes, options.encoding ?? 'detect', log);
  log.add('stray-byte', decoded.strayBytes);
  if (!options.ocr) return normalizeDecoded(decoded.text, decoded.encoding, log);
  const normalized = normalizeDecoded(repairOcrHabits(decoded.text, log), decoded.encoding, log);
  return { ...normalized, warnings: [ocrWarning(options.ocr), ...normalized.warnings] };
}

/** Normalizes already-decoded text (a PDF's text layer, say). Pure; never throws. */
export function normalizeText(text: string): NormalizedText {
  return normalizeDecoded(text, 'utf-8', new RepairLog());
}

/** Normalizes a letter's text as its payload describes it: its encoding, and OCR's reading if it was a scan. */
export function normalizeLetter(
  bytes: Uint8Array,
  letter: { textEncoding: 'detect' | 'utf-8'; ocr?: OcrNote | undefined },
): NormalizedText {
  return normalizeBytes(bytes, { encoding: letter.textEncoding, ...(letter.ocr ? { ocr: letter.ocr } : {}) });
}
