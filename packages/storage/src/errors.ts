import { isNetworkError, PipelineError } from '@imr/contracts';

interface AwsLikeError {
  name?: string;
  code?: string;
  $metadata?: { httpStatusCode?: number };
  $retryable?: unknown;
}

/** True when S3 said the object or bucket does not exist. */
export function isNotFound(err: unknown): boolean {
  const e = err as AwsLikeError;
  return e?.name === 'NoSuchKey' || e?.name === 'NotFound' || e?.$metadata?.httpStatusCode === 404;
}

/**
 * Maps an S3 client error to a PipelineError: missing objects are permanent, everything the
 * network or the server can heal (5xx, throttling, refused connections) is transient.
 */
export function toStorageError(err: unknown, what: string): PipelineError {
  if (PipelineError.is(err)) return err;
  if (isNotFound(err)) return new PipelineError('object_missing', `${what}: not found`, { cause: err });
  const e = err as AwsLikeError;
  const status = e?.$metadata?.httpStatusCode;
  const detail = [e?.name, e?.code, status].filter(Boolean).join(' ');
  if (status === 413) return new PipelineError('too_large', `${what}: ${detail}`, { cause: err });
  if (status !== undefined && status >= 400 && status < 500 && status !== 408 && status !== 429) {
    // A client error other than throttling or timeout: retrying will not change it. It may be a
    // credential or policy problem an operator fixes; the dead letter is replayed then.
    return new PipelineError('storage_refused', `${what}: ${detail}`, { cause: err });
  }
  const reason = isNetworkError(err) ? `network ${e.code ?? 'error'}` : detail || 'unknown error';
  return new PipelineError('storage_unavailable', `${what}: ${reason}`, { cause: err });
}
