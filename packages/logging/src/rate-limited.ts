import type { Logger } from 'pino';

/**
 * A log line that can repeat without end (connection errors, refused requests): the first is
 * written at once, later ones at most once per `everyMs`, each carrying how many were left out
 * since the one before (`suppressed`).
 */
export function rateLimited(
  log: Logger,
  level: 'warn' | 'info' | 'error',
  message: string,
  everyMs = 30_000,
): (fields: Record<string, unknown>) => void {
  let lastAt = Number.NEGATIVE_INFINITY;
  let suppressed = 0;
  return (fields) => {
    const now = Date.now();
    if (now - lastAt < everyMs) {
      suppressed++;
      return;
    }
    log[level]({ ...fields, suppressed }, message);
    lastAt = now;
    suppressed = 0;
  };
}
