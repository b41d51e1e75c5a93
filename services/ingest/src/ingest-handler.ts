import { createHash } from 'node:crypto';
import { type IngestPayload, type LetterPayload, PipelineError } from '@imr/contracts';
import { identifyContent, identifyImage, type PdfTextExtractor } from '@imr/documents';
import type { ExtractedLetters, StageHandler, StageResult } from '@imr/queue';
import { type ArtifactStore, artifactKey, type ObjectStore } from '@imr/storage';

export interface IngestDeps {
  objects: ObjectStore;
  artifacts: ArtifactStore;
  /** Letters extracted lately: asked before looking for a stored determination. */
  extracted: Pick<ExtractedLetters, 'has'>;
  pdf: () => PdfTextExtractor;
  maxBytes: number;
  /** A text letter larger than this is no letter (`too_large`); the larger limit is for PDFs. */
  maxTextBytes: number;
  /** Whether scans go to the `ocr` lane (IMR_OCR); off, they fail with `no_text_layer`. */
  ocr: boolean;
}

/**
 * Ingest, as an explicit order of steps:
 * 1. read the object (refusing anything over the size limit before download);
 * 2. hash its bytes: the SHA-256 is the letter's id;
 * 3. a letter already extracted under any key goes straight to the index (one letter, two sources):
 *    Redis's hint of letters extracted lately is asked, so a new letter costs no request; a scan
 *    the hint does not know is looked for in S3 too (OCR again would cost seconds a page);
 * 4. identify it by its bytes (PDF, image or text; empty and binary files are refused with a code);
 *    a scan (a PDF without a text layer, or a TIFF/PNG/JPEG) goes to the `ocr` lane instead, which
 *    stores its text and hands it to normalize (step 5 is its own);
 * 5. a PDF's text layer is stored as an artifact, so a later stage can be re-run without reading
 *    the PDF again; a text letter is its own text (its source object, checked by its SHA-256).
 * What ingest learned (content type, encoding, size) travels in the payload, and is stored with
 * the determination as its manifest.
 */
export function createIngestHandler(deps: IngestDeps): StageHandler<'ingest'> {
  return {
    stage: 'ingest',
    async handle(payload: IngestPayload, { log }) {
      const { bucket, key } = payload.source;
      const object = await deps.objects.get(bucket, key, { maxBytes: deps.maxBytes });
      const letterId = createHash('sha256').update(object.bytes).digest('hex');
      const source = { bucket, key, etag: object.etag, versionId: object.versionId };
      const base = {
        letterId,
        source,
        byteLength: object.size,
        trigger: payload.trigger,
        seenAt: payload.seenAt,
        ...(payload.runId ? { runId: payload.runId } : {}),
      };
      const toIndex = (): StageResult => {
        log.info({ letterId, size: object.size }, 'letter already extracted; indexing this source');
        const next: LetterPayload = {
          ...base,
          contentType: 'text',
          textEncoding: 'detect',
          artifacts: { determination: artifactKey(letterId, 'determination.json') },
        };
        return { next, to: 'index' };
      };
      // A reprocess run re-does the work even when a determination is stored.
      const known = !payload.runId && (await deps.extracted.has(letterId));
      if (known && (await deps.artifacts.determination(letterId))) return toIndex();
      const scan = async (contentType: 'pdf' | 'image', why: string): Promise<StageResult> => {
        if (!deps.ocr) throw new PipelineError('no_text_layer', `${why}; OCR is off (IMR_OCR=off)`);
        // OCR takes seconds a page: a scan the hint does not know is looked for in S3 before it is read again.
        if (!payload.runId && !known && (await deps.artifacts.determination(letterId))) return toIndex();
        deps.artifacts.rememberLetter(letterId, object.bytes);
        log.info({ letterId, size: object.size, contentType }, 'a scan: to OCR');
        const next: LetterPayload = { ...base, contentType, textEncoding: 'utf-8', artifacts: {} };
        return { next, to: 'ocr' };
      };
      const image = identifyImage(object.bytes);
      if (image) return scan('image', `a ${image.format.toUpperCase()} image`);
      const kind = identifyContent(object.bytes);
      if (kind === 'text') {
        if (object.size > deps.maxTextBytes) {
          throw new PipelineError(
            'too_large',
            `a text letter of ${object.size} bytes; the limit is ${deps.maxTextBytes}`,
          );
        }
        // Kept for normalize and extract in this process: a text letter is its own text.
        deps.artifacts.rememberLetter(letterId, object.bytes);
        return { next: { ...base, contentType: 'text', textEncoding: 'detect', artifacts: {} } };
      }
      const extracted = await deps
        .pdf()
        .extract(object.bytes)
        .catch((err: unknown) => {
          if (PipelineError.is(err) && err.code === 'no_text_layer') return null;
          throw err;
        });
      if (!extracted) return scan('pdf', 'a PDF without a text layer');
      log.info({ letterId, size: object.size, pages: extracted.pages }, 'pdf read');
      const text = await deps.artifacts.putBytes(letterId, 'text', new TextEncoder().encode(extracted.text));
      return { next: { ...base, contentType: 'pdf', textEncoding: 'utf-8', artifacts: { text } } };
    },
  };
}
