import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { HonoAdapter } from '@bull-board/hono';
import { serveStatic } from '@hono/node-server/serve-static';
import type { PipelineQueues } from '@imr/queue';
import type { Hono } from 'hono';

/**
 * Bull Board over every stage queue and the dead-letter queue: ops watch, retry and promote jobs
 * here. Job data holds references only (bucket, key, hashes), never letter text.
 */
export function bullBoard(queues: PipelineQueues, basePath: string): Hono {
  const adapter = new HonoAdapter(serveStatic);
  adapter.setBasePath(basePath);
  createBullBoard({
    queues: [
      ...Object.values(queues.stages).map((q) => new BullMQAdapter(q)),
      // Records of final failures: read here, replayed with `imr replay` (or by retrying the job).
      new BullMQAdapter(queues.deadLetters, {
        readOnlyMode: true,
        description: 'final failures; replay with imr replay',
      }),
    ],
    serverAdapter: adapter,
    options: { uiConfig: { boardTitle: 'imr-pipeline' } },
  });
  return adapter.registerPlugin();
}
