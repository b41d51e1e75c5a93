import { type LetterPayload, type OcrReading, PipelineError } from '@imr/contracts';
import type { OcrReader } from '@imr/documents';
import type { StageHandler } from '@imr/queue';
import type { ArtifactStore } from '@imr/storage';

export interface OcrDeps {
  artifacts: ArtifactStore;
  ocr: () => Pick<OcrReader, 'read'>;
  maxBytes: number;
  /** IMR_OCR: off, a scan already in the lane fails with `no_text_layer`. */
  enabled: boolean;
}

/**
 * The `ocr` lane: ingest sends it scans (a PDF without a text layer, or a TIFF/PNG/JPEG), by
 * reference. It reads the letter again (from this process's cache, else the source object, which
 * must still hold the letter ingest hashed), reads it by OCR, stores the text artifact, and hands
 * the letter to normalize, as ingest does for a PDF. The payload it passes on carries the OCR
 * reading (numbers), so the normalizer copes with OCR's habits, the determination says it was read
 * by OCR, and its stored manifest records it.
 */
export function createOcrHandler(deps: OcrDeps): StageHandler<'ocr'> {
  return {
    stage: 'ocr',
    async handle(payload: LetterPayload, { log }) {
      const { letterId } = payload;
      if (!deps.enabled) throw new PipelineError('no_text_layer', 'a scan; OCR is off (IMR_OCR=off)');
      if (payload.contentType === 'text') {
        throw new PipelineError('invalid_payload', 'the ocr lane reads PDFs and images, not text');
      }
      const bytes = await deps.artifacts.letter(payload.source, letterId, { maxBytes: deps.maxBytes });
      if (!bytes) {
        throw new PipelineError('object_missing', 'the object no longer holds the letter ingest read');
      }
      const started = Date.now();
      const read = await deps.ocr().read(bytes, payload.contentType);
      const ocr: OcrReading = { engine: read.engine, pages: read.pages, meanConfidence: read.meanConfidence };
      const text = await deps.artifacts.putBytes(letterId, 'text', new TextEncoder().encode(read.text));
      log.info(
        { letterId, pages: read.pages, meanConfidence: read.meanConfidence, ms: Date.now() - started },
        'read by OCR',
      );
      const next: LetterPayload = { ...payload, textEncoding: 'utf-8', ocr, artifacts: { text } };
      return { next };
    },
  };
}
