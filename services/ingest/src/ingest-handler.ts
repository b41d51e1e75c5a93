import { createHash } from 'node:crypto';
import { type IngestPayload, type LetterManifest, type LetterPayload, PipelineError } from '@imr/contracts';
import { identifyContent, identifyImage, type PdfTextExtractor } from '@imr/documents';
import type { StageHandler, StageResult } from '@imr/queue';
import { type ArtifactStore, artifactKey, type ObjectStore } from '@imr/storage';

export interface IngestDeps {
  objects: ObjectStore;
  artifacts: ArtifactStore;
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
 * 3. a letter already extracted under any key goes straight to the index (one letter, two sources);
 * 4. identify it by its bytes (PDF, image or text; empty and binary files are refused with a code);
 *    a scan (a PDF without a text layer, or a TIFF/PNG/JPEG) goes to the `ocr` lane instead, which
 *    stores its text and manifest and hands it to normalize (steps 5 and 6 are its own);
 * 5. store its text as an artifact (original bytes for text, extracted UTF-8 for PDF), and a
 *    manifest of what it found, so any later stage can be re-run from the artifacts alone.
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
      // A reprocess run re-does the work even when a determination is stored.
      if (!payload.runId && (await deps.artifacts.exists(letterId, 'determination.json'))) {
        log.info({ letterId, size: object.size }, 'letter already extracted; indexing this source');
        const next: LetterPayload = {
          ...base,
          contentType: 'text',
          textEncoding: 'detect',
          artifacts: { determination: artifactKey(letterId, 'determination.json') },
        };
        return { next, to: 'index' };
      }
      const scan = (contentType: 'pdf' | 'image', why: string): StageResult => {
        if (!deps.ocr) throw new PipelineError('no_text_layer', `${why}; OCR is off (IMR_OCR=off)`);
        log.info({ letterId, size: object.size, contentType }, 'a scan: to OCR');
        const next: LetterPayload = { ...base, contentType, textEncoding: 'utf-8', artifacts: {} };
        return { next, to: 'ocr' };
      };
      const image = identifyImage(object.bytes);
      if (image) return scan('image', `a ${image.format.toUpperCase()} image`);
      const kind = identifyContent(object.bytes);
      let text: string;
      if (kind === 'pdf') {
        const extracted = await deps
          .pdf()
          .extract(object.bytes)
          .catch((err: unknown) => {
            if (PipelineError.is(err) && err.code === 'no_text_layer') return null;
            throw err;
          });
        if (!extracted) return scan('pdf', 'a PDF without a text layer');
        log.info({ letterId, size: object.size, pages: extracted.pages }, 'pdf read');
        text = await deps.artifacts.putBytes(letterId, 'text', new TextEncoder().encode(extracted.text));
      } else {
        if (object.size > deps.maxTextBytes) {
          throw new PipelineError(
            'too_large',
            `a text letter of ${object.size} bytes; the limit is ${deps.maxTextBytes}`,
          );
        }
        text = await deps.artifacts.putBytes(letterId, 'text', object.bytes);
      }
      const manifest: LetterManifest = {
        letterId,
        contentType: kind,
        textEncoding: kind === 'pdf' ? 'utf-8' : 'detect',
        byteLength: object.size,
      };
      await deps.artifacts.putJson(letterId, 'manifest.json', manifest);
      return { next: { ...base, ...manifest, artifacts: { text } } };
    },
  };
}
