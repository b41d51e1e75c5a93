import { z } from 'zod';

/** What the normalize stage produces: repaired, re-flowed text and a report of what was done. */
export const normalizedTextSchema = z.object({
  text: z.string(),
  /** Encoding the bytes were decoded from: utf-8, utf-16le, utf-16be, windows-1252, iso-8859-1, ... */
  encoding: z.string(),
  /** Stable repair names with counts, e.g. { name: 'mojibake', count: 2 }. */
  repairs: z.array(z.object({ name: z.string(), count: z.number().int().nonnegative() })),
  warnings: z.array(z.string()),
});
export type NormalizedText = z.infer<typeof normalizedTextSchema>;
