import { LAYOUTS, type Layout } from '@imr/contracts';
import { composeText } from './compose.ts';
import { type ExpectedFields, expectedFields } from './expected.ts';
import { makeFacts } from './letter.ts';
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

/** A synthetic IMR letter, the same for the same seed, with the extraction it must give. */
export function generateLetter(seed: number, options: LetterOptions = {}): SyntheticLetter {
  const r = new Random(seed);
  const truncated = options.truncated ?? r.chance(0.04);
  const redactedAge = options.redactedAge ?? r.chance(0.08);
  // A truncated letter loses its end: in layout 1 that is the last rationale, never the reviewer.
  const layout =
    options.layout ??
    (truncated ? 'imr-final-determination' : r.pick([...LAYOUTS, 'imr-final-determination']));
  const facts = makeFacts(r, {
    truncated,
    redactedAge,
    ...(options.headerBlock !== undefined ? { headerBlock: options.headerBlock } : {}),
  });
  let text = composeText(facts, layout);
  // What real letters carry: a quote lost as "?", a section sign.
  if (r.chance(0.3)) text = text.replace("patient's", 'patient?s');
  if (r.chance(0.3))
    text = text.replace(
      'Treatment to date has included',
      'Per 8 C.C.R. §§9792.20, treatment to date has included',
    );
  return { id: `syn-${seed}`, layout, text, expected: expectedFields(facts) };
}

/** `count` letters from consecutive seeds. */
export function generateCorpus(count: number, options: { seed?: number } = {}): SyntheticLetter[] {
  const base = options.seed ?? 1;
  return Array.from({ length: count }, (_, i) => generateLetter(base * 100_003 + i));
}
