import { checkReadiness, Resources, startProcess } from '@imr/app';
import { loadConfig, withDefaultRedis } from '@imr/config';
import { createLogger } from '@imr/logging';
import { onShutdown } from '@imr/queue';
import { createDashboard } from './app.ts';
import { listen } from './serve.ts';

await startProcess('imr-dashboard', async () => {
  const config = loadConfig();
  const log = createLogger('imr-dashboard', { level: config.LOG_LEVEL });
  const resources = new Resources(withDefaultRedis(config), log);
  const server = await listen(
    createDashboard({
      queues: resources.queues,
      search: () => resources.search(),
      readiness: () => checkReadiness(resources, { database: true, buckets: [] }),
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
});
