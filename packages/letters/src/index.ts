export type { ExpectedFields } from './expected.ts';
export { generateCorpus, generateLetter, type LetterOptions, type SyntheticLetter } from './generate.ts';
export type { PdfRendering } from './pdf-rendering.ts';
export { Random } from './random.ts';
export { type Rendering, renderLetter, type TextEncoding } from './render.ts';
export { SAMPLE_RENDERINGS, writeSampleLetters } from './samples.ts';
export type { TextRendering } from './text-rendering.ts';
