export { type ContentKind, identifyContent } from './identify.ts';
export { DEFAULT_PDF_LIMITS, type PdfLimits } from './pdf-limits.ts';
export { PdfTextExtractor } from './pdf-text-extractor.ts';
