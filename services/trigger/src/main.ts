import { checkReadiness, Resources, startProcess } from '@imr/app';
import { ConfigError, loadConfig, withDefaultRedis } from '@imr/config';
import { createLogger } from '@imr/logging';
import { onShutdown } from '@imr/queue';
import type { KeyFilter } from './dispatch.ts';
import { Reconciler } from './reconcile.ts';
import { createTriggerServer, listenOn } from './server.ts';
import { startSqsSource } from './sqs-source.ts';

await startProcess('imr-trigger', async () => {
  const config = loadConfig();
  const log = createLogger('imr-trigger', { level: config.LOG_LEVEL });
  const auth = {
    ...(config.IMR_TRIGGER_TOKEN ? { token: config.IMR_TRIGGER_TOKEN } : {}),
    ...(config.IMR_TRIGGER_HMAC_SECRET ? { hmacSecret: config.IMR_TRIGGER_HMAC_SECRET } : {}),
  };
  // With IMR_SQS_QUEUE_URL alone, events come from SQS and no /events endpoint is served.
  const endpoint = Boolean(auth.token || auth.hmacSecret);
  if (!endpoint && !config.IMR_SQS_QUEUE_URL) {
    throw new ConfigError([
      'IMR_TRIGGER_TOKEN: set it (or IMR_TRIGGER_HMAC_SECRET) to serve /events, or IMR_SQS_QUEUE_URL to poll SQS; an open endpoint is refused',
    ]);
  }
  if (!config.DATABASE_URL) {
    log.warn(
      'DATABASE_URL is not set: the trigger opens the embedded index, which no other process may hold',
    );
  }
  const resources = new Resources(withDefaultRedis(config), log);
  await resources.prepare({ buckets: false });
  const filter: KeyFilter = {
    buckets: [config.IMR_LETTER_BUCKET],
    ...(config.IMR_KEY_PREFIX ? { prefix: config.IMR_KEY_PREFIX } : {}),
    ...(config.IMR_KEY_SUFFIXES ? { suffixes: config.IMR_KEY_SUFFIXES } : {}),
  };
  // SQS mode: the queue's events go through the same dispatch as the endpoint's.
  const sqs = config.IMR_SQS_QUEUE_URL
    ? await startSqsSource(
        config,
        {
          queues: resources.queues,
          objects: resources.objects,
          removeSource: async (source) => (await resources.search()).removeSource(source),
          filter,
        },
        log,
      )
    : null;
  const server = createTriggerServer({
    readiness: () => checkReadiness(resources, { database: true, buckets: [config.IMR_LETTER_BUCKET] }),
    queues: resources.queues,
    objects: resources.objects,
    removeSource: async (source) => (await resources.search()).removeSource(source),
    log,
    auth: endpoint ? auth : null,
    filter,
  });
  const url = await listenOn(server, config.PORT);
  const reconciler = new Reconciler(
    { objects: resources.objects, queues: resources.queues, log, index: () => resources.search() },
    {
      bucket: config.IMR_LETTER_BUCKET,
      ...(config.IMR_KEY_PREFIX ? { prefix: config.IMR_KEY_PREFIX } : {}),
      filter,
      intervalMs: config.IMR_RECONCILE_INTERVAL_MS,
    },
  ).start();
  log.info(
    {
      url,
      bucket: config.IMR_LETTER_BUCKET,
      reconcileMs: config.IMR_RECONCILE_INTERVAL_MS,
      sqs: Boolean(sqs),
    },
    endpoint
      ? 'trigger listening: POST /events, GET /healthz'
      : 'trigger listening: GET /healthz (events from SQS)',
  );
  onShutdown(log, async () => {
    // First: messages in hand are enqueued (and deleted) while Redis is still open.
    await sqs?.close(config.IMR_DRAIN_TIMEOUT_MS);
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await reconciler.stop();
    await resources.close();
  });
});
