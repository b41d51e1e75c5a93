import { LAYOUTS, type Layout } from '@imr/contracts';
import { composeText } from './compose.ts';
import { type ExpectedFields, expectedFields } from './expected.ts';
import { makeFacts } from './facts.ts';
import { Random } from './random.ts';

export interface SyntheticLetter {
  id: string;
  layout: Layout;
  text: string;
  expected: ExpectedFields;
}

export interface LetterOptions {
  layout?: Layout;
  truncated?: boolean;
  redactedAge?: boolean;
  headerBlock?: boolean;
}

/** A synthetic IMR letter, the same for the same seed and options, with the extraction it must give. */
export function generateLetter(seed: number, options: LetterOptions = {}): SyntheticLetter {
  const r = new Random(seed);
  const truncated = r.chance(0.05);
  const redactedAge = r.chance(0.08);
  const layout = r.pick<Layout>([...LAYOUTS, 'imr-final-determination']);
  const facts = makeFacts(r, {
    layout: options.layout ?? layout,
    truncated: options.truncated ?? truncated,
    redactedAge: options.redactedAge ?? redactedAge,
    ...(options.headerBlock !== undefined ? { headerBlock: options.headerBlock } : {}),
  });
  const text = composeText(facts, r);
  return { id: `syn-${seed}`, layout: facts.layout, text, expected: expectedFields(facts) };
}

/** `count` letters from consecutive seeds (`seed`, default 1, picks the series). */
export function generateCorpus(count: number, options: { seed?: number } = {}): SyntheticLetter[] {
  const base = (options.seed ?? 1) * 100_003;
  return Array.from({ length: count }, (_, i) => generateLetter(base + i));
}
