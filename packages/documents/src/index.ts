export { type ContentKind, identifyContent } from './identify.ts';
export { DEFAULT_PDF_LIMITS, type PdfLimits, PdfTextExtractor } from './pdf-text-extractor.ts';
