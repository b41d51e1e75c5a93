import type { SyntheticLetter } from './generate.ts';
import { type PdfRendering, renderPdf } from './pdf-rendering.ts';
import { renderText, type TextEncoding, type TextRendering } from './text-rendering.ts';

export type { TextEncoding };
export type Rendering = TextRendering | PdfRendering;

/** The letter as the bytes of a file: text in an encoding and layout, or a PDF. Deterministic. */
export async function renderLetter(letter: SyntheticLetter, rendering: Rendering): Promise<Buffer> {
  if (rendering.format === 'pdf')
    return renderPdf(letter.text, letter.expected.caseNumber ?? 'IMR Final Determination', rendering);
  return renderText(letter.text, rendering);
}
