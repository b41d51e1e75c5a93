import type { Logger } from '@imr/logging';

/**
 * SIGTERM / SIGINT: stop taking work, let `close` drain and disconnect, then exit 0. A second
 * signal exits at once (1). Returns a function that removes the handlers.
 */
export function onShutdown(log: Logger, close: () => Promise<void>): () => void {
  let shuttingDown = false;
  const handler = (signal: NodeJS.Signals) => {
    if (shuttingDown) {
      log.warn({ signal }, 'second signal: exiting now');
      process.exit(1);
    }
    shuttingDown = true;
    log.info({ signal }, 'shutting down: draining in-flight jobs');
    close().then(
      () => {
        log.info('shut down cleanly');
        process.exit(0);
      },
      (err) => {
        log.error({ err }, 'error during shutdown');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', handler);
  process.on('SIGINT', handler);
  return () => {
    process.off('SIGTERM', handler);
    process.off('SIGINT', handler);
  };
}
