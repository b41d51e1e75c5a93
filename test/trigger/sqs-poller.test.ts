import { SendMessageBatchCommand, SQSClient } from '@aws-sdk/client-sqs';
import { Resources } from '@imr/app';
import { loadConfig } from '@imr/config';
import { RedisServer } from '@imr/embedded';
import { createLogger } from '@imr/logging';
import { createRedis, PipelineQueues } from '@imr/queue';
import { type DispatchDeps, type SqsOutcome, SqsPoller, type SqsPollerOptions } from '@imr/service-trigger';
import { type FauxqsServer, startFauxqs } from 'fauxqs';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  createTestDatabase,
  quietLog,
  startRedis,
  startS3,
  tempDir,
  uniquePrefix,
} from '../support/services.ts';
import { TcpProxy } from '../support/tcp-proxy.ts';
import { ingestJobs } from './helpers.ts';
import { eventBridgeEvent, type ObjectSpec, s3Notification, s3TestEvent, snsEnvelope } from './sqs-bodies.ts';

/**
 * The SQS poller in this process against fauxqs (started in-process), real Redis queues, s3rver and
 * the PostgreSQL index: bodies as AWS sends them, garbage that must stay for the DLQ, a burst of
 * 1,000 events, Redis and S3 outages.
 */
let redis: Awaited<ReturnType<typeof startRedis>>;
let s3: Awaited<ReturnType<typeof startS3>>;
let db: Awaited<ReturnType<typeof createTestDatabase>>;
let data: ReturnType<typeof tempDir>;
let resources: Resources;
let fauxqs: FauxqsServer;
let sqs: SQSClient;
let bucket: string;
const logLines: string[] = [];
const log = createLogger('sqs-test', {
  level: 'info',
  destination: { write: (line: string) => logLines.push(line) },
});
const running: SqsPoller[] = [];

beforeAll(async () => {
  [redis, s3, db] = await Promise.all([startRedis(), startS3(), createTestDatabase()]);
  data = tempDir('imr-sqs-poller-');
  const config = loadConfig({
    ...s3.env,
    REDIS_URL: redis.url,
    DATABASE_URL: db.url,
    IMR_QUEUE_PREFIX: uniquePrefix('sqs'),
    IMR_DATA_DIR: data.path,
  });
  resources = new Resources({ ...config, REDIS_URL: redis.url }, quietLog);
  await resources.prepare();
  bucket = config.IMR_LETTER_BUCKET;
  fauxqs = await startFauxqs({ port: 0, logger: false, messageSpies: { bufferSize: 20_000 } });
  sqs = new SQSClient({
    region: 'us-east-1',
    endpoint: fauxqs.address,
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
  });
});

afterEach(async () => {
  await Promise.all(running.splice(0).map((p) => p.stop()));
});

afterAll(async () => {
  sqs?.destroy();
  await fauxqs?.stop();
  await resources?.close();
  await s3?.stop();
  await db?.drop();
  await redis?.stop();
  data?.remove();
});

/** A queue with its DLQ (redrive after `maxReceiveCount` receives). */
function createQueue(name: string, maxReceiveCount = 3) {
  const dlq = fauxqs.createQueue(`${name}-dlq`);
  const queue = fauxqs.createQueue(name, {
    attributes: { RedrivePolicy: JSON.stringify({ deadLetterTargetArn: dlq.queueArn, maxReceiveCount }) },
  });
  return { name, url: queue.queueUrl, arn: queue.queueArn, dlq: dlq.queueName };
}

function dispatchDeps(overrides: Partial<DispatchDeps> = {}): DispatchDeps {
  return {
    queues: resources.queues,
    objects: resources.objects,
    removeSource: async (source) => (await resources.search()).removeSource(source),
    filter: { buckets: [bucket] },
    ...overrides,
  };
}

/** Every outcome of a poller, awaitable. */
class Outcomes {
  readonly all: SqsOutcome[] = [];
  private waiters: Array<{ done: () => boolean; resolve: () => void }> = [];

  constructor(poller: SqsPoller) {
    poller.onOutcome((o) => {
      this.all.push(o);
      this.waiters = this.waiters.filter((w) => {
        if (!w.done()) return true;
        w.resolve();
        return false;
      });
    });
  }

  /** Resolves once `done()` holds (checked now and after every outcome); rejects after `timeoutMs`. */
  until(done: () => boolean, timeoutMs = 30_000): Promise<void> {
    if (done()) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`outcomes: not there after ${timeoutMs} ms`)),
        timeoutMs,
      );
      this.waiters.push({
        done,
        resolve: () => {
          clearTimeout(timer);
          resolve();
        },
      });
    });
  }

  of(messageId: string): SqsOutcome[] {
    return this.all.filter((o) => o.messageId === messageId);
  }
}

function startPoller(
  queueUrl: string,
  options: Omit<SqsPollerOptions, 'queueUrl'> = {},
  dispatch: DispatchDeps = dispatchDeps(),
) {
  const poller = new SqsPoller({ sqs, dispatch, log }, { queueUrl, ...options });
  const outcomes = new Outcomes(poller);
  running.push(poller.start());
  return { poller, outcomes };
}

async function send(queueUrl: string, bodies: unknown[]): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < bodies.length; i += 10) {
    const out = await sqs.send(
      new SendMessageBatchCommand({
        QueueUrl: queueUrl,
        Entries: bodies.slice(i, i + 10).map((b, j) => ({
          Id: String(j),
          MessageBody: typeof b === 'string' ? b : JSON.stringify(b),
        })),
      }),
    );
    expect(out.Failed ?? []).toEqual([]);
    const byEntry = new Map((out.Successful ?? []).map((s) => [s.Id, s.MessageId as string]));
    for (let j = 0; j < Math.min(10, bodies.length - i); j++) ids.push(byEntry.get(String(j)) as string);
  }
  return ids;
}

/** Publishes to an SNS topic of fauxqs through its Query API, as S3 does to a topic. */
async function publishToSns(topicArn: string, message: unknown): Promise<void> {
  const res = await fetch(`${fauxqs.address}/`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      Action: 'Publish',
      Version: '2010-03-31',
      TopicArn: topicArn,
      Subject: 'Amazon S3 Notification',
      Message: JSON.stringify(message),
    }).toString(),
  });
  expect(res.status, await res.text()).toBe(200);
}

function queueState(name: string) {
  const state = fauxqs.inspectQueue(name);
  if (!state) throw new Error(`no queue ${name}`);
  return state.messages;
}

async function jobKeys(prefix: string, queues: PipelineQueues = resources.queues): Promise<string[]> {
  return (await ingestJobs(queues))
    .map((j) => j.data.source.key)
    .filter((k) => k.startsWith(prefix))
    .sort();
}

describe('SQS poller: what AWS puts in the queue', () => {
  it('S3 notifications, plain and through SNS (raw delivery on and off), and EventBridge events are dispatched and deleted; the s3:TestEvent is deleted with nothing done', async () => {
    const queue = createQueue('bodies');
    const viaSns = fauxqs.createTopic('bodies-envelope');
    fauxqs.subscribe({ topic: 'bodies-envelope', queue: queue.name });
    const viaSnsRaw = fauxqs.createTopic('bodies-raw');
    fauxqs.subscribe({ topic: 'bodies-raw', queue: queue.name, attributes: { RawMessageDelivery: 'true' } });
    const object = (key: string, etag?: string): ObjectSpec => ({ bucket, key, ...(etag ? { etag } : {}) });
    const created = {
      direct: object('bodies/Dr Smith+Jones é 100%.txt', '0f343b0931126a20f133d67c2b018a3b'),
      envelope: object('bodies/through sns.txt', '1f343b0931126a20f133d67c2b018a3b'),
      eventBridge: object('bodies/event bridge ü.pdf', '2f343b0931126a20f133d67c2b018a3b'),
      fauxqsSns: object('bodies/fauxqs sns envelope.txt', '3f343b0931126a20f133d67c2b018a3b'),
      fauxqsRaw: object('bodies/fauxqs sns raw.txt', '4f343b0931126a20f133d67c2b018a3b'),
    };
    const sentIds = await send(queue.url, [
      s3TestEvent(bucket),
      snsEnvelope(s3TestEvent(bucket)),
      s3Notification(created.direct),
      snsEnvelope(s3Notification(created.envelope)),
      eventBridgeEvent(created.eventBridge, 'Object Created'),
      eventBridgeEvent(object('bodies/deleted by eventbridge.txt'), 'Object Deleted'),
      s3Notification(object('bodies/deleted.txt'), 'ObjectRemoved:Delete'),
      s3Notification({ bucket: 'another-bucket', key: 'bodies/elsewhere.txt' }),
    ]);
    await publishToSns(viaSns.topicArn, s3Notification(created.fauxqsSns));
    await publishToSns(viaSnsRaw.topicArn, s3Notification(created.fauxqsRaw));
    expect(queueState(queue.name).ready).toHaveLength(10);

    const { poller, outcomes } = startPoller(queue.url);
    await outcomes.until(() => outcomes.all.length >= 10);
    expect(outcomes.all.every((o) => o.status === 'done' && o.deleted)).toBe(true);
    const counts = outcomes.all.map((o) => (o.status === 'done' ? o.counts : null));
    const total = (k: 'enqueued' | 'removed' | 'ignored' | 'kept') =>
      counts.reduce((n, c) => n + (c?.[k] ?? 0), 0);
    expect([total('enqueued'), total('removed'), total('ignored'), total('kept')]).toEqual([5, 2, 1, 0]);
    // The test events, plain and through SNS, are handled without a change.
    for (const id of sentIds.slice(0, 2)) {
      expect(outcomes.of(id)).toEqual([
        {
          messageId: id,
          status: 'done',
          deleted: true,
          counts: { enqueued: 0, removed: 0, kept: 0, ignored: 0 },
        },
      ]);
    }

    const jobs = (await ingestJobs(resources.queues)).filter((j) => j.data.source.key.startsWith('bodies/'));
    expect(jobs.map((j) => [j.data.source.key, j.data.source.etag, j.data.trigger]).sort()).toEqual(
      Object.values(created)
        .map((o) => [o.key, o.etag, 'event'])
        .sort(),
    );
    const state = queueState(queue.name);
    expect([state.ready.length, state.inflight.length]).toEqual([0, 0]);
    expect(queueState(queue.dlq).ready).toHaveLength(0);
    // Stopping abandons the long poll in progress (20 s on an empty queue) at once.
    const stopAt = Date.now();
    await poller.stop();
    expect(Date.now() - stopAt).toBeLessThan(5_000);
  });

  it('a message that is no event stays in the queue, comes back, and goes to the DLQ after maxReceiveCount; logs carry its id and code, never its body', async () => {
    const queue = createQueue('garbage', 2);
    const longKey = `bodies/JaneRoe-${'x'.repeat(1100)}.txt`;
    const garbage = {
      body_not_json: 'Patient: Jane Roe, DOB 1970-01-01. Not JSON at all.',
      not_an_event: JSON.stringify({ patient: 'Jane Roe', note: 'JSON, but no bucket event' }),
      key_too_long: JSON.stringify(s3Notification({ bucket, key: longKey })),
      sns_message_not_json: JSON.stringify({ ...snsEnvelope(null), Message: 'Jane Roe: not JSON' }),
      invalid_event: JSON.stringify({
        ...eventBridgeEvent({ bucket, key: 'JaneRoe.txt' }, 'Object Created'),
        detail: {},
      }),
    };
    const good = s3Notification({ bucket, key: 'garbage/good letter of Jane Roe.txt' });
    const ids = await send(queue.url, [...Object.values(garbage), good]);
    const codeOf = new Map(Object.keys(garbage).map((code, i) => [ids[i] as string, code]));
    const goodId = ids[5] as string;
    const { outcomes } = startPoller(queue.url, { visibilityTimeoutS: 1 });

    const moved = await fauxqs.spy.waitForMessages(
      { service: 'sqs', queueName: queue.name, status: 'dlq' },
      { count: 5, timeout: 30_000 },
    );
    expect(new Set(moved.map((m) => (m as { messageId: string }).messageId))).toEqual(new Set(codeOf.keys()));
    expect(
      queueState(queue.dlq)
        .ready.map((m) => m.body)
        .sort(),
    ).toEqual(Object.values(garbage).sort());
    const state = queueState(queue.name);
    expect([state.ready.length, state.inflight.length]).toEqual([0, 0]);
    for (const [id, code] of codeOf) {
      // Received twice (maxReceiveCount), refused each time with its code, never deleted.
      expect(outcomes.of(id).map((o) => [o.status, (o as { code?: string }).code])).toEqual([
        ['refused', code],
        ['refused', code],
      ]);
      expect(outcomes.of(id).map((o) => (o as { receiveCount: number }).receiveCount)).toEqual([1, 2]);
      expect(
        fauxqs.spy.checkForMessage({ service: 'sqs', messageId: id, status: 'consumed' }),
      ).toBeUndefined();
    }
    expect(outcomes.of(goodId)).toEqual([expect.objectContaining({ status: 'done', deleted: true })]);
    expect(await jobKeys('garbage/')).toEqual(['garbage/good letter of Jane Roe.txt']);

    const refusals = logLines.filter((l) => l.includes('no bucket event'));
    for (const [id, code] of codeOf) {
      expect(refusals.some((l) => l.includes(id) && l.includes(`"code":"${code}"`))).toBe(true);
    }
    const logged = logLines.join('\n');
    expect(logged).not.toMatch(/Jane|Roe|good letter/);
  });
});

describe('SQS poller: volume', () => {
  it('a burst of 1,000 events (and 50 repeated) enqueues every letter exactly once and deletes every message', async () => {
    const queue = createQueue('burst');
    const keys = Array.from({ length: 1000 }, (_, i) => `burst/${String(i).padStart(4, '0')} letter.txt`);
    const bodies = keys.map((key, i) =>
      s3Notification({ bucket, key, etag: i.toString(16).padStart(32, '0') }),
    );
    const ids = await send(queue.url, [...bodies, ...bodies.slice(0, 50)]);
    const { outcomes } = startPoller(queue.url);
    await fauxqs.spy.waitForMessages(
      { service: 'sqs', queueName: queue.name, status: 'consumed' },
      { count: ids.length, timeout: 110_000 },
    );
    expect(await jobKeys('burst/')).toEqual(keys);
    // Each message handled once: nothing was delivered twice, nothing is left.
    await outcomes.until(() => outcomes.all.length >= ids.length);
    expect(new Set(outcomes.all.map((o) => o.messageId))).toEqual(new Set(ids));
    expect(outcomes.all).toHaveLength(ids.length);
    expect(outcomes.all.every((o) => o.status === 'done' && o.deleted)).toBe(true);
    const state = queueState(queue.name);
    expect([state.ready.length, state.inflight.length]).toEqual([0, 0]);
  });
});

describe('SQS poller: outages and shutdown', () => {
  it('with Redis down a message is held (its visibility extended), not deleted; stop() waits until Redis is back and it is enqueued and deleted', async () => {
    const queue = createQueue('redis-down');
    const own = await startRedis();
    const connection = createRedis(own.url);
    const queues = new PipelineQueues({ connection, prefix: uniquePrefix('sqs-down') });
    let restarted: RedisServer | null = null;
    const { poller, outcomes } = startPoller(queue.url, { visibilityTimeoutS: 1 }, dispatchDeps({ queues }));
    try {
      await own.stop();
      const [id] = await send(queue.url, [s3Notification({ bucket, key: 'down/held letter.txt' })]);
      const inflight = () => queueState(queue.name).inflight;
      await vi.waitFor(() => expect(inflight()).toHaveLength(1), { timeout: 30_000, interval: 20 });
      const firstDeadline = inflight()[0]?.visibilityDeadline as number;
      // Heartbeats push the deadline on, time and again: never does the message become visible.
      await vi.waitFor(
        () => expect(inflight()[0]?.visibilityDeadline).toBeGreaterThan(firstDeadline + 2_000),
        { timeout: 30_000, interval: 50 },
      );
      expect(inflight()[0]?.message.approximateReceiveCount).toBe(1);
      expect(queueState(queue.name).ready).toHaveLength(0);

      const stopping = poller.stop();
      expect(poller.stop()).toBe(stopping);
      let stopped = false;
      void stopping.then(() => {
        stopped = true;
      });
      await new Promise((resolve) => setImmediate(resolve));
      expect(stopped).toBe(false);
      expect(outcomes.all).toEqual([]);

      restarted = await RedisServer.start({ port: own.port });
      await stopping;
      expect(outcomes.of(id as string)).toEqual([expect.objectContaining({ status: 'done', deleted: true })]);
      expect(await jobKeys('down/', queues)).toEqual(['down/held letter.txt']);
      expect(fauxqs.spy.checkForMessage({ service: 'sqs', messageId: id, status: 'consumed' })).toBeDefined();

      // Stopped: a message sent now is left alone.
      const [later] = await send(queue.url, [s3Notification({ bucket, key: 'down/later.txt' })]);
      await fauxqs.spy.expectNoMessage(
        { service: 'sqs', messageId: later },
        { status: 'consumed', within: 2_500 },
      );
      expect(outcomes.of(later as string)).toEqual([]);
    } finally {
      // Redis back (if the test failed early) before the poller and the queues wind down.
      restarted ??= await RedisServer.start({ port: own.port });
      await poller.stop();
      await queues.close();
      connection.disconnect();
      await restarted.stop();
    }
  });

  it('a transient dispatch failure (S3 down while a removal is checked) leaves the message; it comes back and is handled once S3 answers', async () => {
    const queue = createQueue('s3-down', 5);
    const proxy = await TcpProxy.start({ host: '127.0.0.1', port: s3.server.port });
    const objects = await s3.objects([], `http://127.0.0.1:${proxy.port}`);
    try {
      await proxy.down();
      const { outcomes } = startPoller(
        queue.url,
        { visibilityTimeoutS: 1, retryMs: 100 },
        dispatchDeps({ objects }),
      );
      const [id] = await send(queue.url, [
        eventBridgeEvent({ bucket, key: 's3-down/removed.txt' }, 'Object Deleted'),
      ]);
      await outcomes.until(() => outcomes.of(id as string).length >= 1);
      expect(outcomes.of(id as string)).toEqual([
        { messageId: id, status: 'failed', code: 'storage_unavailable' },
      ]);
      expect(
        fauxqs.spy.checkForMessage({ service: 'sqs', messageId: id, status: 'consumed' }),
      ).toBeUndefined();

      await proxy.up();
      await outcomes.until(() => outcomes.of(id as string).some((o) => o.status === 'done'));
      const last = outcomes.of(id as string).at(-1);
      expect(last).toMatchObject({ status: 'done', deleted: true, counts: { removed: 1 } });
      expect(
        outcomes
          .of(id as string)
          .slice(0, -1)
          .every((o) => o.status === 'failed'),
      ).toBe(true);
      await fauxqs.spy.waitForMessage(
        { service: 'sqs', messageId: id, status: 'consumed' },
        undefined,
        10_000,
      );
      expect(logLines.join('\n')).not.toContain('s3-down/removed.txt');
    } finally {
      objects.close();
      await proxy.close();
    }
  });

  it('a receive that fails (SQS unreachable) is retried with backoff until SQS answers', async () => {
    const queue = createQueue('unreachable');
    const proxy = await TcpProxy.start({ host: '127.0.0.1', port: fauxqs.port });
    const viaProxy = new SQSClient({
      region: 'us-east-1',
      endpoint: `http://127.0.0.1:${proxy.port}`,
      credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
      maxAttempts: 1,
    });
    const poller = new SqsPoller(
      { sqs: viaProxy, dispatch: dispatchDeps(), log },
      { queueUrl: queue.url, retryMs: 50, maxRetryMs: 200 },
    );
    const outcomes = new Outcomes(poller);
    try {
      await proxy.down();
      const before = logLines.length;
      running.push(poller.start());
      await vi.waitFor(
        () => expect(logLines.slice(before).some((l) => l.includes('receiving failed'))).toBe(true),
        { timeout: 10_000, interval: 20 },
      );
      const [id] = await send(queue.url, [s3Notification({ bucket, key: 'unreachable/letter.txt' })]);
      await proxy.up();
      await outcomes.until(() => outcomes.of(id as string).length > 0);
      expect(outcomes.of(id as string)).toEqual([expect.objectContaining({ status: 'done', deleted: true })]);
      expect(await jobKeys('unreachable/')).toEqual(['unreachable/letter.txt']);
    } finally {
      await poller.stop();
      viaProxy.destroy();
      await proxy.close();
    }
  });
});
