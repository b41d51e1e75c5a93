import { checkReadiness, Resources, startProcess } from '@imr/app';
import { loadConfig, withDefaultRedis } from '@imr/config';
import { createLogger } from '@imr/logging';
import { onShutdown } from '@imr/queue';
import { dashboardTokens } from './access.ts';
import { createDashboard } from './app.ts';
import { listen } from './serve.ts';

await startProcess('imr-dashboard', async () => {
  const config = loadConfig();
  // Before anything connects: no token on a non-loopback address is a ConfigError (exit 2).
  const tokens = dashboardTokens(config);
  const log = createLogger('imr-dashboard', { level: config.LOG_LEVEL });
  const resources = new Resources(withDefaultRedis(config), log);
  const server = await listen(
    createDashboard({
      queues: resources.queues,
      search: () => resources.search(),
      readiness: () => checkReadiness(resources, { database: true, buckets: [] }),
      log,
      tokens,
    }),
    config.PORT,
    config.HOST,
  );
  log.info(
    { url: server.url, roles: Object.keys(tokens) },
    'dashboard listening: search page at /, Bull Board at /ui, search API at /api',
  );
  onShutdown(log, async () => {
    await server.close();
    await resources.close();
  });
});
