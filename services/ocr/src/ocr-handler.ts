import { createHash } from 'node:crypto';
import { type LetterManifest, type LetterPayload, type OcrReading, PipelineError } from '@imr/contracts';
import type { OcrReader } from '@imr/documents';
import type { StageHandler } from '@imr/queue';
import type { ArtifactStore, ObjectStore } from '@imr/storage';

export interface OcrDeps {
  objects: ObjectStore;
  artifacts: ArtifactStore;
  ocr: () => Pick<OcrReader, 'read'>;
  maxBytes: number;
  /** IMR_OCR: off, a scan already in the lane fails with `no_text_layer`. */
  enabled: boolean;
}

/**
 * The `ocr` lane: ingest sends it scans (a PDF without a text layer, or a TIFF/PNG/JPEG), by
 * reference. It reads the source object again (the job holds no bytes; the object must still be
 * the letter ingest hashed), reads it by OCR, stores the text artifact and the manifest (which
 * records OCR and its mean confidence), and hands the letter to normalize, as ingest does for a
 * text letter. The payload it passes on carries the OCR reading (numbers), so the normalizer
 * copes with OCR's habits and the determination says it was read by OCR.
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
      const { bucket, key } = payload.source;
      const object = await deps.objects.get(bucket, key, { maxBytes: deps.maxBytes });
      if (createHash('sha256').update(object.bytes).digest('hex') !== letterId) {
        throw new PipelineError('object_missing', 'the object no longer holds the letter ingest read');
      }
      const started = Date.now();
      const read = await deps.ocr().read(object.bytes, payload.contentType);
      const ocr: OcrReading = { engine: read.engine, pages: read.pages, meanConfidence: read.meanConfidence };
      const text = await deps.artifacts.putBytes(letterId, 'text', new TextEncoder().encode(read.text));
      const manifest: LetterManifest = {
        letterId,
        contentType: payload.contentType,
        textEncoding: 'utf-8',
        byteLength: payload.byteLength,
        ocr,
      };
      await deps.artifacts.putJson(letterId, 'manifest.json', manifest);
      log.info(
        { letterId, pages: read.pages, meanConfidence: read.meanConfidence, ms: Date.now() - started },
        'read by OCR',
      );
      const next: LetterPayload = { ...payload, textEncoding: 'utf-8', ocr, artifacts: { text } };
      return { next };
    },
  };
}
