/**
 * Whether every character of `text` is ASCII (below U+0080). Most letters are: then the scans for
 * mojibake, Unicode normalization and special spaces have nothing to find. Counting UTF-8 bytes is
 * native and about fifty times faster than a regex test for `[\u0080-\uffff]` on a letter.
 */
export function isAscii(text: string): boolean {
  return Buffer.byteLength(text, 'utf8') === text.length;
}
