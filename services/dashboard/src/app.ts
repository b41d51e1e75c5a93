import type { Logger } from '@imr/logging';
import type { PipelineQueues } from '@imr/queue';
import type { SearchIndex } from '@imr/search';
import { Hono } from 'hono';
import { searchApi } from './api.ts';
import { accessControl, type DashboardTokens, isOpen } from './auth.ts';
import { boardHeaders, bullBoard } from './board.ts';
import { boardGuard } from './board-guard.ts';
import { metricsRoute } from './metrics-route.ts';
import { searchPage } from './page/routes.ts';

export interface DashboardDeps {
  queues: PipelineQueues;
  search: () => Promise<SearchIndex>;
  log: Logger;
  /**
   * Who may use what (see auth.ts): the admin token everything, the read token all but Bull Board;
   * /healthz and /readyz stay open for probes. None: open (main.ts allows that on loopback only).
   */
  tokens?: DashboardTokens;
  /** GET /readyz: whether Redis, S3 and the index answer (503 with the failing parts when not). */
  readiness?: () => Promise<{ ready: boolean }>;
}

/** The ops dashboard: the search page at /, Bull Board at /ui, the search API at /api, health checks. */
export function createDashboard(deps: DashboardDeps): Hono {
  const app = new Hono();
  const tokens = deps.tokens ?? {};
  // First, for every path: probes open, /ui admin, the rest (/, /api, /metrics, ...) the read role.
  app.use('*', accessControl(tokens));
  if (isOpen(tokens)) {
    deps.log.warn(
      'no dashboard token is set: the search page, the API and Bull Board are open to anyone who can reach them',
    );
  }
  app.get('/healthz', async (c) => {
    const pong = await deps.queues.settings.connection.ping().catch(() => null);
    return pong === 'PONG' ? c.json({ ok: true }) : c.json({ ok: false, redis: 'unreachable' }, 503);
  });
  const { readiness } = deps;
  if (readiness) {
    app.get('/readyz', async (c) => {
      const state = await readiness();
      return c.json(state, state.ready ? 200 : 503);
    });
  }
  app.route('/metrics', metricsRoute(deps.queues));
  app.use('/ui', boardHeaders);
  app.use('/ui/*', boardHeaders);
  app.use('/ui/api/*', boardGuard('/ui'));
  app.route('/ui', bullBoard(deps.queues, '/ui'));
  app.route('/api', searchApi(deps.search, deps.log));
  app.route('/', searchPage());
  // API clients read JSON, also for a path that is no route (/api/letters/, /api/letters/a/b).
  app.notFound((c) =>
    c.req.path === '/api' || c.req.path.startsWith('/api/')
      ? c.json({ error: { code: 'not_found', message: 'no such route' } }, 404)
      : c.text('404 Not Found', 404),
  );
  return app;
}
