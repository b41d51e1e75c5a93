import type { NormalizedText } from '@imr/contracts';

// Repairs that change what the letter's characters are, as opposed to its layout or whitespace.
const ENCODING_REPAIR = /mojibake|encod|double|utf|latin|1252|charset|quote|replacement/i;

/** Plain-language warnings carried over from the normalize stage. */
export function encodingWarnings(normalized: NormalizedText): string[] {
  const warnings: string[] = [];
  for (const repair of normalized.repairs) {
    if (repair.count > 0 && ENCODING_REPAIR.test(repair.name)) {
      warnings.push(`repaired encoding: ${repair.name} (${repair.count})`);
    }
  }
  for (const warning of normalized.warnings) if (!warnings.includes(warning)) warnings.push(warning);
  return warnings;
}
