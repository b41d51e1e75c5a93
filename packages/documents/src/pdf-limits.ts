/** What one PDF may cost. */
export interface PdfLimits {
  /** Wall-clock time for one document; its thread is terminated after it (`pdf_timeout`). */
  timeoutMs: number;
  /**
   * The JavaScript heap of the thread that reads the document (`pdf_too_complex` when exhausted).
   * Memory outside the heap (decompressed streams) is watched as well: while documents are read,
   * the process may grow by at most twice this, plus a thread's own cost, per document.
   */
  maxMemoryMb: number;
  /** Documents with more pages are refused before any page is read (`pdf_too_complex`). */
  maxPages: number;
}

export const DEFAULT_PDF_LIMITS: PdfLimits = { timeoutMs: 20_000, maxMemoryMb: 256, maxPages: 500 };

export function resolvePdfLimits(limits: Partial<PdfLimits> = {}): PdfLimits {
  const resolved = { ...DEFAULT_PDF_LIMITS, ...limits };
  const { timeoutMs, maxMemoryMb, maxPages } = resolved;
  if (!(timeoutMs > 0) || !(maxMemoryMb >= 32) || !(maxPages >= 1)) {
    throw new RangeError(
      `PDF limits must be positive, with at least 32 MB of memory (timeoutMs ${timeoutMs}, maxMemoryMb ${maxMemoryMb}, maxPages ${maxPages})`,
    );
  }
  return resolved;
}
