import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { type NormalizedText, PipelineError } from '@imr/contracts';
import { identifyContent, PdfTextExtractor } from '@imr/documents';
import { normalizeBytes, normalizeText } from '@imr/parser';

export interface LocalLetter {
  path: string;
  letterId: string;
  normalized: NormalizedText;
}

export type LocalResult = LocalLetter | { path: string; error: PipelineError };

/**
 * Reads files from disk the way the pipeline reads objects (identify by bytes, PDF text in a
 * sandboxed thread, normalize), one at a time; a bad file yields a coded error, never a throw.
 */
export async function* readLocalLetters(paths: string[], maxBytes: number): AsyncGenerator<LocalResult> {
  const pdf = new PdfTextExtractor();
  try {
    for (const path of paths) {
      try {
        const info = await stat(path);
        if (info.size > maxBytes)
          throw new PipelineError('too_large', `${info.size} bytes; the limit is ${maxBytes}`);
        const bytes = await readFile(path);
        const letterId = createHash('sha256').update(bytes).digest('hex');
        const normalized =
          identifyContent(bytes) === 'pdf'
            ? normalizeText((await pdf.extract(bytes)).text)
            : normalizeBytes(bytes);
        yield { path, letterId, normalized };
      } catch (err) {
        yield { path, error: toCliError(err) };
      }
    }
  } finally {
    await pdf.close();
  }
}

export function toCliError(err: unknown): PipelineError {
  if (PipelineError.is(err)) return err;
  const code = (err as { code?: string }).code;
  if (code === 'ENOENT' || code === 'EISDIR' || code === 'EACCES') {
    return new PipelineError('object_missing', `cannot read file (${code})`);
  }
  return new PipelineError('internal', (err as Error)?.message ?? String(err));
}

export function errorLine(path: string, error: PipelineError): string {
  return JSON.stringify({ source: { path }, error: { code: error.code, message: error.message } });
}
