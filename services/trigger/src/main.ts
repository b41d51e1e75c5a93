import { Resources } from '@imr/app';
import { loadConfig } from '@imr/config';
import { createLogger } from '@imr/logging';
import { onShutdown } from '@imr/queue';
import { Reconciler } from './reconcile.ts';
import { createTriggerServer, listenOn } from './server.ts';

const log = createLogger('imr-trigger');
const config = loadConfig();
const resources = new Resources({ ...config, REDIS_URL: config.REDIS_URL ?? 'redis://127.0.0.1:6379' }, log);
await resources.prepare({ buckets: false });
const filter = {
  buckets: [config.IMR_LETTER_BUCKET],
  ...(config.IMR_KEY_PREFIX ? { prefix: config.IMR_KEY_PREFIX } : {}),
  ...(config.IMR_KEY_SUFFIXES ? { suffixes: config.IMR_KEY_SUFFIXES } : {}),
};
const server = createTriggerServer({
  queues: resources.queues,
  removeSource: async (source) => {
    await (await resources.search()).removeSource(source);
  },
  log,
  auth: {
    ...(config.IMR_TRIGGER_TOKEN ? { token: config.IMR_TRIGGER_TOKEN } : {}),
    ...(config.IMR_TRIGGER_HMAC_SECRET ? { hmacSecret: config.IMR_TRIGGER_HMAC_SECRET } : {}),
  },
  filter,
});
const url = await listenOn(server, config.PORT);
const reconciler = new Reconciler(
  { objects: resources.objects, queues: resources.queues, log },
  { bucket: config.IMR_LETTER_BUCKET, filter, intervalMs: config.IMR_RECONCILE_INTERVAL_MS },
).start();
log.info({ url, reconcileMs: config.IMR_RECONCILE_INTERVAL_MS }, 'trigger listening on POST /events');
onShutdown(log, async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await reconciler.stop();
  await resources.close();
});
