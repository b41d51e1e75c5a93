import { Resources } from '@imr/app';
import { loadConfig } from '@imr/config';
import { createLogger } from '@imr/logging';
import { onShutdown } from '@imr/queue';
import { createDashboard } from './app.ts';
import { listen } from './serve.ts';

const log = createLogger('imr-dashboard');
const config = loadConfig();
const resources = new Resources({ ...config, REDIS_URL: config.REDIS_URL ?? 'redis://127.0.0.1:6379' }, log);
const server = await listen(
  createDashboard({
    queues: resources.queues,
    search: () => resources.search(),
    log,
    ...(config.IMR_DASHBOARD_TOKEN ? { token: config.IMR_DASHBOARD_TOKEN } : {}),
  }),
  config.PORT,
);
log.info({ url: server.url }, 'dashboard listening: Bull Board at /ui, search API at /api');
onShutdown(log, async () => {
  await server.close();
  await resources.close();
});
