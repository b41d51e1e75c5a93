import { totalmem } from 'node:os';

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
  /** A document whose text is longer is refused (`too_large`): no letter has that much. */
  maxTextBytes: number;
  /**
   * The most memory (RSS) the whole process may reach while documents are read, whatever each
   * document's allowance; the document that crosses it fails with `pdf_too_complex` before the
   * container's OOM killer ends the process. Default: 85% of the container's memory limit (cgroup),
   * none where there is no limit.
   */
  memoryCeilingMb: number | null;
}

/** The share of a container's memory limit the process may reach while reading PDFs. */
const CEILING_SHARE = 0.85;

/**
 * The ceiling for a container limit of `constrainedBytes` (Node's `process.constrainedMemory()`:
 * the cgroup limit, or a huge number or undefined where there is none) on a machine of `totalBytes`.
 */
export function memoryCeilingMb(
  constrainedBytes: number | undefined = process.constrainedMemory?.(),
  totalBytes: number = totalmem(),
): number | null {
  if (!constrainedBytes || constrainedBytes >= totalBytes) return null;
  return Math.floor((constrainedBytes * CEILING_SHARE) / 1024 / 1024);
}

export const DEFAULT_PDF_LIMITS: Omit<PdfLimits, 'memoryCeilingMb'> = {
  timeoutMs: 20_000,
  maxMemoryMb: 256,
  maxPages: 500,
  maxTextBytes: 4 * 1024 * 1024,
};

export function resolvePdfLimits(limits: Partial<PdfLimits> = {}): PdfLimits {
  const resolved = { memoryCeilingMb: memoryCeilingMb(), ...DEFAULT_PDF_LIMITS, ...limits };
  const { timeoutMs, maxMemoryMb, maxPages, maxTextBytes } = resolved;
  if (!(timeoutMs > 0) || !(maxMemoryMb >= 32) || !(maxPages >= 1) || !(maxTextBytes >= 1)) {
    throw new RangeError(
      `PDF limits must be positive, with at least 32 MB of memory (timeoutMs ${timeoutMs}, maxMemoryMb ${maxMemoryMb}, maxPages ${maxPages}, maxTextBytes ${maxTextBytes})`,
    );
  }
  return resolved;
}
