import { PipelineError } from '@imr/contracts';

const CONNECTION_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENOTFOUND',
]);

/**
 * Turns anything a handler threw into a PipelineError. Unknown errors are `internal` and
 * transient: they are retried with backoff and, when attempts run out, dead-lettered with their
 * message, never swallowed.
 */
export function classifyError(err: unknown): PipelineError {
  if (PipelineError.is(err)) return err;
  const e = err as { code?: string; name?: string; message?: string };
  const message = typeof e?.message === 'string' ? e.message : String(err);
  if (e?.code && CONNECTION_CODES.has(e.code)) {
    const pg = /postgres|5432|pg/i.test(message);
    return new PipelineError(
      pg ? 'database_unavailable' : 'queue_unavailable',
      `${e.code}: connection lost`,
      {
        cause: err,
      },
    );
  }
  if (e?.code === '57P01' || e?.code === '08006' || e?.code === '08003' || e?.code === '53300') {
    return new PipelineError('database_unavailable', `postgres ${e.code}`, { cause: err });
  }
  if (e?.name === 'TimeoutError' || e?.name === 'AbortError') {
    return new PipelineError('timeout', message, { cause: err });
  }
  return new PipelineError('internal', `${e?.name ?? 'Error'}: ${message}`.slice(0, 500), { cause: err });
}

/** The failedReason BullMQ stores: the code first, so Bull Board lists show it. */
export function failedReason(err: PipelineError): string {
  return `[${err.code}] ${err.message}`;
}

/** Reads the code back from a failedReason written by `failedReason`. */
export function codeFromReason(reason: string | undefined): string {
  return /^\[([a-z_]+)\]/.exec(reason ?? '')?.[1] ?? 'internal';
}
