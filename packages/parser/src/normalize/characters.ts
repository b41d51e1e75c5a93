import type { RepairLog } from './repairs.ts';

const LIGATURES: Record<string, string> = {
  '\ufb00': 'ff',
  '\ufb01': 'fi',
  '\ufb02': 'fl',
  '\ufb03': 'ffi',
  '\ufb04': 'ffl',
  '\ufb05': 'st',
  '\ufb06': 'st',
};

/**
 * Character-level clean-up: line endings to LF, NFC, ligatures spelled out, non-breaking and
 * other fixed-width spaces to plain spaces, zero-width characters and control characters
 * removed (form feeds are kept: they mark page breaks for the layout step; tabs become spaces).
 */
export function cleanCharacters(input: string, log: RepairLog): string {
  let text = input;
  const crlf = text.match(/\r\n?/g)?.length ?? 0;
  if (crlf) {
    text = text.replace(/\r\n?/g, '\n');
    log.add('crlf', crlf);
  }
  const nfc = text.normalize('NFC');
  text = nfc;
  text = text.replace(/[\ufb00-\ufb06]/g, (c) => {
    log.add('ligature');
    return LIGATURES[c] ?? c;
  });
  text = text.replace(/[\u00a0\u2000-\u200a\u202f\u205f\u3000]/g, () => {
    log.add('nbsp');
    return ' ';
  });
  text = text.replace(/[\u200b-\u200d\u2060\ufeff\u00ad]/g, () => {
    log.add('zero-width');
    return '';
  });
  text = text.replace(/\t/g, ' ');
  // C0 controls except \n and \f, DEL, C1 controls (what survives of them after mojibake repair).
  text = text.replace(/[^\P{Cc}\n\f]/gu, () => {
    log.add('control-char');
    return '';
  });
  return text;
}

/**
 * Where a lost apostrophe or quote became `?`: `patient?s` -> `patient's`, `claimant?s`,
 * `don?t`, and an opening quote before a word after a space (` ?time to` -> ` "time to`). A `?`
 * that ends a word before a space or the end of a line is a real question and stays.
 */
export function repairLostQuotes(text: string, log: RepairLog): string {
  let out = text.replace(/(\p{L})\?(s|t|d|ll|re|ve|m)\b/gu, (_m, a: string, b: string) => {
    log.add('lost-quote');
    return `${a}'${b}`;
  });
  out = out.replace(/(^|[\s(])\?(\p{L})/gmu, (_m, a: string, b: string) => {
    log.add('lost-quote');
    return `${a}"${b}`;
  });
  return out;
}
