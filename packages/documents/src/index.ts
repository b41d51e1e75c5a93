export { type ContentKind, identifyContent } from './identify.ts';
export { type ImageFormat, type ImageInfo, identifyImage } from './ocr-image.ts';
export { DEFAULT_OCR_LIMITS, type OcrLimits, OcrReader, type OcrResult } from './ocr-reader.ts';
export { DEFAULT_PDF_LIMITS, type PdfLimits } from './pdf-limits.ts';
export { PdfTextExtractor } from './pdf-text-extractor.ts';
