import type { Logger } from '@imr/logging';
import type { PipelineQueues } from '@imr/queue';
import type { SearchIndex } from '@imr/search';
import { Hono } from 'hono';
import { searchApi } from './api.ts';
import { requireToken } from './auth.ts';
import { bullBoard } from './board.ts';
import { boardGuard } from './board-guard.ts';

export interface DashboardDeps {
  queues: PipelineQueues;
  search: () => Promise<SearchIndex>;
  log: Logger;
  /** When set, /ui and /api require it (see auth.ts); /healthz and /readyz stay open for probes. */
  token?: string;
  /** GET /readyz: whether Redis, S3 and the index answer (503 with the failing parts when not). */
  readiness?: () => Promise<{ ready: boolean }>;
}

/** The ops dashboard: Bull Board at /ui, the search API at /api, a health check at /healthz. */
export function createDashboard(deps: DashboardDeps): Hono {
  const app = new Hono();
  app.get('/', (c) => c.redirect('/ui'));
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
  if (deps.token) {
    app.use('/ui/*', requireToken(deps.token));
    app.use('/ui', requireToken(deps.token));
    app.use('/api/*', requireToken(deps.token));
  } else {
    deps.log.warn(
      'IMR_DASHBOARD_TOKEN is not set: Bull Board and the search API are open to anyone who can reach them',
    );
  }
  app.use('/ui/api/*', boardGuard('/ui'));
  app.route('/ui', bullBoard(deps.queues, '/ui'));
  app.route('/api', searchApi(deps.search, deps.log));
  // API clients read JSON, also for a path that is no route (/api/letters/, /api/letters/a/b).
  app.notFound((c) =>
    c.req.path === '/api' || c.req.path.startsWith('/api/')
      ? c.json({ error: { code: 'not_found', message: 'no such route' } }, 404)
      : c.text('404 Not Found', 404),
  );
  return app;
}
