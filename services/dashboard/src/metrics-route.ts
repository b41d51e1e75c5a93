import {
  collectProcessMetrics,
  type QueueGaugeValues,
  renderMetrics,
  setQueueGaugeSource,
} from '@imr/metrics';
import { type PipelineQueues, QueueState } from '@imr/queue';
import { Hono } from 'hono';

/** The queue gauges' values, read from Redis (see QueueState): fails fast while Redis is not connected. */
export function queueGaugeValues(state: QueueState, queues: PipelineQueues): () => Promise<QueueGaugeValues> {
  return async () => {
    if (queues.settings.connection.status !== 'ready') throw new Error('redis is not connected');
    const [stages, deadLetters] = await Promise.all([state.stages(), state.deadLetterCounts()]);
    return {
      queues: stages.map((s) => ({
        queue: s.stage,
        jobs: {
          waiting: s.waiting,
          active: s.active,
          delayed: s.delayed,
          failed: s.failed,
          prioritized: s.prioritized,
        },
        oldestWaitingSeconds: s.oldestWaitingSeconds ?? 0,
      })),
      deadLetters,
    };
  };
}

/**
 * GET /metrics of the dashboard: the one scrape target for queue state (jobs per queue and state,
 * the oldest waiting job's age, dead letters by stage and code, all read from Redis at scrape time),
 * with Node's default metrics and any job metrics of this process (the demo runs workers in it).
 * Mount it at /metrics; it sets the process's queue gauge source (one dashboard per process).
 */
export function metricsRoute(queues: PipelineQueues): Hono {
  collectProcessMetrics();
  // The lanes' queues (ocr) too: a backlog of scans shows beside the stages'.
  setQueueGaugeSource(queueGaugeValues(new QueueState(queues), queues));
  const app = new Hono();
  app.get('/', async (c) => {
    const { contentType, body } = await renderMetrics();
    return c.body(body, 200, { 'content-type': contentType, 'cache-control': 'no-store' });
  });
  return app;
}
