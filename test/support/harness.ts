import type { LetterPayload, Stage } from '@imr/contracts';
import { createLogger } from '@imr/logging';
import {
  buildCatalog,
  createRedis,
  DeadLetters,
  type JobOutcome,
  PipelineQueues,
  type StageHandler,
  StageWorker,
  type StageWorkerOptions,
} from '@imr/queue';
import type { Redis } from 'ioredis';

export const LETTER_ID = 'a'.repeat(64);

/** A stage payload; its artifact is the letter's own unless `overrides` say otherwise. */
export function letterPayload(overrides: Partial<LetterPayload> = {}): LetterPayload {
  const letterId = overrides.letterId ?? LETTER_ID;
  return {
    letterId,
    source: { bucket: 'letters', key: 'in/a.txt', etag: 'e1', versionId: null },
    contentType: 'text',
    textEncoding: 'detect',
    byteLength: 10,
    artifacts: { text: `artifacts/${letterId}/text` },
    trigger: 'cli',
    ...overrides,
  };
}

/** Queues and one stage worker on a real Redis, with a handler the test supplies. */
export class Harness {
  readonly connection: Redis;
  readonly workerConnection: Redis;
  readonly queues: PipelineQueues;
  readonly deadLetters: DeadLetters;
  readonly outcomes: JobOutcome[] = [];
  private workers: StageWorker[] = [];

  constructor(
    redisUrl: string,
    readonly prefix: string,
  ) {
    this.connection = createRedis(redisUrl);
    this.workerConnection = createRedis(redisUrl);
    this.queues = new PipelineQueues({ connection: this.connection, prefix });
    this.deadLetters = new DeadLetters(this.queues);
  }

  startWorker<S extends Stage>(
    stage: S,
    handle: StageHandler<S>['handle'],
    options: Pick<StageWorkerOptions, 'lockDurationMs' | 'stalledIntervalMs' | 'sourceBuckets'> = {},
  ): StageWorker {
    const catalog = buildCatalog([{ stage, handle } as unknown as StageHandler], [stage]);
    const entry = catalog[stage];
    if (!entry) throw new Error('no entry');
    const worker = new StageWorker(entry, {
      connection: this.workerConnection,
      queues: this.queues,
      log: createLogger('test', { level: 'silent' }),
      ...options,
    });
    worker.onOutcome((o) => this.outcomes.push(o));
    this.workers.push(worker);
    return worker.start();
  }

  /** Resolves with the first outcome matching `predicate` (already seen or still to come). */
  nextOutcome(predicate: (o: JobOutcome) => boolean): Promise<JobOutcome> {
    const seen = this.outcomes.find(predicate);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve) => {
      const offs = this.workers.map((w) =>
        w.onOutcome((o) => {
          if (!predicate(o)) return;
          for (const off of offs) off();
          resolve(o);
        }),
      );
    });
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.close(5_000)));
    await this.queues.close();
    this.connection.disconnect();
    this.workerConnection.disconnect();
  }
}
