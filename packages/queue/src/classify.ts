import { isNetworkError, PipelineError } from '@imr/contracts';

/**
 * The one classification of what a handler threw, from codes and error types, never from message
 * text. Each adapter names its own dependency's failures at its boundary (storage:
 * `storage_unavailable`, `object_missing`; search: `database_unavailable`; artifacts:
 * `artifact_missing`, `artifact_corrupt`), so what reaches here with no code is a network failure
 * of the queue's own Redis connection, a timeout, or a bug: `internal`, transient, retried with
 * backoff and dead-lettered with its message when attempts run out, never swallowed.
 */
export function classifyError(err: unknown): PipelineError {
  if (PipelineError.is(err)) return err;
  const e = err as { code?: unknown; name?: unknown; message?: unknown } | null;
  const name = typeof e?.name === 'string' ? e.name : 'Error';
  if (isNetworkError(err) || name === 'MaxRetriesPerRequestError') {
    return new PipelineError('queue_unavailable', `${String(e?.code ?? name)}: connection lost`, {
      cause: err,
    });
  }
  if (name === 'TimeoutError' || name === 'AbortError') {
    return new PipelineError('timeout', name, { cause: err });
  }
  const message = typeof e?.message === 'string' ? e.message : String(err);
  return new PipelineError('internal', `${name}: ${message}`.slice(0, 500), { cause: err });
}

/** The failedReason BullMQ stores: the code first, so Bull Board lists show it. */
export function failedReason(err: PipelineError): string {
  return `[${err.code}] ${err.message}`;
}

/** Reads the code back from a failedReason written by `failedReason`. */
export function codeFromReason(reason: string | undefined): string {
  return /^\[([a-z_]+)\]/.exec(reason ?? '')?.[1] ?? 'internal';
}
