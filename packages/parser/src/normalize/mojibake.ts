import { badness, isBad, oddness } from './badness.ts';
import { CODEPAGES, type Codepage, CP1252, encodeIn, LATIN1, LOST_BYTE } from './codepages.ts';
import {
  continuationCount,
  decodeUtf8,
  joinSurrogatePairs,
  markLostSequences,
  restoreNbsp,
} from './utf8-bytes.ts';

/**
 * Repairs UTF-8 that was read in a single-byte code page (Windows-1252, Latin-1, Windows-1251/1250/
 * 1257, ISO-8859-2, MacRoman, code page 437), once or several times: `Â§Â§` -> `§§`,
 * `â€™` -> `’`, `Ã©` -> `é`. Each line that shows signs of mojibake is written back in the first
 * code page that turns it into valid UTF-8 that looks better (fewer signs, no odd characters); a
 * line whose mojibake is mixed with good text has its mojibake runs repaired one by one; stray
 * C1 controls become the Windows-1252 characters they stand for. Text without signs is returned as
 * it is, so clean text is never changed. Pure; `count` is the number of repair steps.
 *
 * A byte lost on the way (a decoder with no character for it wrote U+FFFD) makes its sequence
 * U+FFFD too, as ftfy does. With `guessLostBytes`, `â€�` is read as `”` first: 0x9D is the byte
 * Windows-1252 lacks, and `”` (E2 80 9D) is by far the likeliest character to have lost it.
 */
export function repairMojibake(
  text: string,
  options: { guessLostBytes?: boolean } = {},
): { text: string; count: number } {
  if (!isBad(text)) return { text, count: 0 };
  let count = 0;
  const lines = text.split('\n').map((line) => {
    if (!isBad(line)) return line;
    const repaired = repairLine(line, options.guessLostBytes ?? false);
    count += repaired.count;
    return repaired.text;
  });
  return { text: lines.join('\n'), count };
}

const LOST_9D = /â€\ufffd/g;

function repairLine(line: string, guessLostBytes: boolean): { text: string; count: number } {
  let current = line;
  let count = 0;
  // Each step shortens the line or removes a C1 control, so this ends; the cap only bounds work.
  for (let step = 0; step < 8 && isBad(current); step++) {
    if (guessLostBytes) current = current.replace(LOST_9D, 'â€\u009d');
    const next = decodeWhole(current) ?? decodeRuns(current) ?? windows1252Controls(current);
    if (next === null) break;
    current = next;
    count++;
  }
  return { text: current, count };
}

const lostBytes = (bytes: Uint8Array) => bytes.reduce((n, b) => n + (b === LOST_BYTE ? 1 : 0), 0);

/** The line as UTF-8 read in one code page, if some page makes it valid and less weird. */
function decodeWhole(line: string): string | null {
  const signs = badness(line);
  const odd = oddness(line);
  const controls = line.split('\x1a').length - 1;
  for (const page of CODEPAGES) {
    const decoded = readAsUtf8(line, page, controls);
    if (decoded !== null && decoded !== line && badness(decoded) <= signs && oddness(decoded) <= odd) {
      return decoded;
    }
  }
  return null;
}

function readAsUtf8(line: string, page: Codepage, controls: number): string | null {
  let bytes = encodeIn(line, page);
  if (!bytes) return null;
  if (page === LATIN1 || page.sloppy) bytes = restoreNbsp(bytes);
  if (page.sloppy) {
    bytes = markLostSequences(bytes);
    // A U+FFFD that is no part of a lost sequence must not come out as a control character.
    if (lostBytes(bytes) !== controls) return null;
  }
  return decodeUtf8(joinSurrogatePairs(bytes));
}

/** Punctuation that may sit between mojibake runs without being part of them. */
const ORDINARY = new Set('\u2018\u2019\u201c\u201d\u2026\u2013\u2014\u2022\u00a0\u2122');
const NON_ASCII_RUN = /[\u0080-\uffff]+/g;
const A_GRAVE_KEEPS_SPACE = /(?<=^|[a-z] ?)Ã (?! |s |qu(?:el[ae]|ilo))/g;
const A_GRAVE_TAKES_SPACE = /(?<=^|[a-z] ?)Ã (?= |s |qu(?:el[ae]|ilo))/g;

/** The byte a character stands for in Windows-1252, or as a Latin-1 C1 control. */
function byteOf(ch: string): number {
  const code = ch.charCodeAt(0);
  return CP1252.byteOf.get(code) ?? (code >= 0x80 && code <= 0x9f ? code : -1);
}

/**
 * Mojibake mixed with good text: each run of non-ASCII characters made only of Windows-1252/
 * Latin-1 UTF-8 sequences and ordinary punctuation is repaired when it shows signs on its own.
 */
function decodeRuns(line: string): string | null {
  const fixed = line
    .replace(A_GRAVE_KEEPS_SPACE, 'à ')
    .replace(A_GRAVE_TAKES_SPACE, 'à')
    .replace(NON_ASCII_RUN, (run) => {
      let out = '';
      let units = 0;
      for (let i = 0; i < run.length; ) {
        const n = continuationCount(byteOf(run[i] as string));
        const bytes = [...run.slice(i, i + n + 1)].map(byteOf);
        const decoded =
          n && bytes.length === n + 1 && bytes.slice(1).every((b) => b >= 0x80 && b <= 0xbf)
            ? decodeUtf8(joinSurrogatePairs(Uint8Array.from(bytes)))
            : null;
        if (decoded !== null) {
          out += decoded;
          units++;
          i += n + 1;
        } else if (ORDINARY.has(run[i] as string) || /[\u0080-\u009f]/.test(run[i] as string)) {
          out += run[i];
          i++;
        } else return run;
      }
      return units && isBad(run) && oddness(out) <= oddness(run) ? out : run;
    });
  return fixed === line ? null : fixed;
}

/** The character Windows-1252 writes with each byte 0x80-0x9F, looked up once rather than per control. */
const CP1252_OF_C1 = new Map<number, number>();
for (const [ch, byte] of CP1252.byteOf) {
  if (byte >= 0x80 && byte <= 0x9f && !CP1252_OF_C1.has(byte)) CP1252_OF_C1.set(byte, ch);
}

/** C1 controls that Windows-1252 defines: the text was Windows-1252 read as Latin-1. */
function windows1252Controls(line: string): string | null {
  const fixed = line.replace(/[\u0080-\u009f]/g, (c) => {
    const byte = c.charCodeAt(0);
    const ch = CP1252_OF_C1.get(byte);
    return ch === undefined || ch === byte ? c : String.fromCharCode(ch);
  });
  return fixed === line ? null : fixed;
}
