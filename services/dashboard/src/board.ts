import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { HonoAdapter } from '@bull-board/hono';
import { serveStatic } from '@hono/node-server/serve-static';
import type { PipelineQueues } from '@imr/queue';
import type { Hono, MiddlewareHandler } from 'hono';

/**
 * Bull Board's policy: its scripts, styles and API from this origin (it styles with inline
 * attributes, so inline styles stay), nothing from elsewhere (its page asks Google for fonts: a
 * visit to the board is nobody else's business), no framing.
 */
export const BOARD_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

export const boardHeaders: MiddlewareHandler = async (c, next) => {
  await next();
  c.header('Content-Security-Policy', BOARD_CSP);
  c.header('X-Content-Type-Options', 'nosniff');
  c.header('Referrer-Policy', 'no-referrer');
  c.header('X-Frame-Options', 'DENY');
};

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
