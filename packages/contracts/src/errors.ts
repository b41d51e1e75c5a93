/**
 * Stable error codes. A code is part of the public contract: dashboards, replay filters and the
 * CLI's JSON output carry it. Add codes, never rename them.
 */
export const PERMANENT_ERROR_CODES = [
  'empty',
  'too_large',
  'unsupported_type',
  'pdf_encrypted',
  'pdf_corrupt',
  'pdf_timeout',
  'pdf_too_complex',
  'no_text_layer',
  'not_imr_letter',
  'object_missing',
  'artifact_missing',
  'artifact_corrupt',
  'invalid_payload',
  'storage_refused',
  'ocr_timeout',
  'ocr_too_many_pages',
  'ocr_memory',
  'ocr_unavailable',
  'image_too_large',
  'image_corrupt',
] as const;

export const TRANSIENT_ERROR_CODES = [
  'storage_unavailable',
  'queue_unavailable',
  'database_unavailable',
  'timeout',
  'internal',
] as const;

export const ERROR_CODES = [...PERMANENT_ERROR_CODES, ...TRANSIENT_ERROR_CODES] as const;
export type PermanentErrorCode = (typeof PERMANENT_ERROR_CODES)[number];
export type TransientErrorCode = (typeof TRANSIENT_ERROR_CODES)[number];
export type ErrorCode = (typeof ERROR_CODES)[number];

export const ERROR_DESCRIPTIONS: Record<ErrorCode, string> = {
  empty: 'the object has no content',
  too_large: 'the object is larger than the configured limit',
  unsupported_type: 'the object is neither a PDF, an image (TIFF, PNG, JPEG) nor text',
  pdf_encrypted: 'the PDF needs a password to open',
  pdf_corrupt: 'the PDF is damaged and cannot be read',
  pdf_timeout: 'reading the PDF took longer than the time limit',
  pdf_too_complex: 'reading the PDF needed more memory or pages than the limit allows',
  no_text_layer: 'a scan with no readable text: OCR found none, or OCR is off (IMR_OCR=off)',
  not_imr_letter: 'the document is not an IMR determination letter',
  object_missing: 'the object is no longer in the bucket',
  artifact_missing: "a stage's stored input is missing; re-run the stage before it",
  artifact_corrupt:
    "a stage's stored input does not parse or does not match its schema; re-run the stage before it",
  invalid_payload: 'the job payload does not match its schema',
  storage_unavailable: 'object storage could not be reached or answered with a server error',
  storage_refused:
    'object storage refused the request (credentials, policy or a bad request); fix it, then replay',
  queue_unavailable: 'Redis could not be reached',
  ocr_timeout: 'OCR of one page took longer than the time limit (IMR_OCR_PAGE_TIMEOUT_MS)',
  ocr_too_many_pages: 'the scan has more pages than OCR may read (IMR_OCR_MAX_PAGES)',
  ocr_memory: 'OCR needed more memory than the limit allows (IMR_OCR_MAX_MEMORY_MB)',
  ocr_unavailable:
    'the OCR engine (tesseract, poppler-utils) is not installed or cannot start; fix it, then replay',
  image_too_large: 'a scanned page has more pixels than OCR may read',
  image_corrupt: 'the image is damaged or truncated and cannot be read',
  database_unavailable: 'the search database could not be reached',
  timeout: 'an operation timed out',
  internal: 'an unexpected error',
};

const PERMANENT = new Set<string>(PERMANENT_ERROR_CODES);

/**
 * Error codes Node's sockets, DNS and HTTP client (undici) give when a server cannot be reached or
 * the connection breaks: whatever the dependency, a retry may heal them. The one list; each adapter
 * (storage, search, queue) names its own dependency's code from it.
 */
export const NETWORK_ERROR_CODES: ReadonlySet<string> = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'UND_ERR_SOCKET',
  'UND_ERR_CONNECT_TIMEOUT',
]);

/** True when `err` (or its cause) carries one of the network error codes. */
export function isNetworkError(err: unknown): boolean {
  for (let e = err, depth = 0; e && depth < 4; depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && NETWORK_ERROR_CODES.has(code)) return true;
    e = (e as { cause?: unknown }).cause;
  }
  return false;
}

export function isPermanentCode(code: string): code is PermanentErrorCode {
  return PERMANENT.has(code);
}

export function isErrorCode(code: string): code is ErrorCode {
  return (ERROR_CODES as readonly string[]).includes(code);
}

/**
 * An error the pipeline understands: it carries a stable code, and whether a retry can heal it
 * follows from the code. Messages never contain letter text.
 */
export class PipelineError extends Error {
  readonly code: ErrorCode;
  readonly permanent: boolean;
  /** Marker so that instances survive duplicated module copies and worker-thread boundaries. */
  readonly isPipelineError = true;

  constructor(code: ErrorCode, message?: string, options?: { cause?: unknown }) {
    super(message ?? ERROR_DESCRIPTIONS[code], options);
    this.name = 'PipelineError';
    this.code = code;
    this.permanent = isPermanentCode(code);
  }

  static is(value: unknown): value is PipelineError {
    return (
      typeof value === 'object' &&
      value !== null &&
      (value as { isPipelineError?: unknown }).isPipelineError === true &&
      typeof (value as { code?: unknown }).code === 'string'
    );
  }
}
