import { setTimeout as sleep } from 'node:timers/promises';
import {
  ChangeMessageVisibilityBatchCommand,
  DeleteMessageBatchCommand,
  type Message,
  ReceiveMessageCommand,
  type SQSClient,
} from '@aws-sdk/client-sqs';
import { type Logger, rateLimited } from '@imr/logging';
import { classifyError } from '@imr/queue';
import { type DispatchCounts, type DispatchDeps, dispatchChanges } from './dispatch.ts';
import { readSqsMessage, type SqsRefusalCode } from './sqs-messages.ts';

/** SQS's own limits: the longest long poll, the most messages per receive or batch call, the longest visibility. */
export const SQS_MAX_WAIT_S = 20;
export const SQS_MAX_BATCH = 10;
export const SQS_MAX_VISIBILITY_S = 43_200;

export interface SqsPollerOptions {
  queueUrl: string;
  /**
   * Seconds a received message stays hidden (asked for in each receive, whatever the queue's
   * default). Heartbeats extend it while the message is handled; a message left behind (refused,
   * failed, or held by a killed poller) is delivered again once it runs out. Default 30.
   */
  visibilityTimeoutS?: number;
  /** Long-poll wait per receive, 1 to 20 s (the default). */
  waitTimeS?: number;
  /** Messages per receive, at most 10 (the default). */
  maxMessages?: number;
  /** How often visibility is extended for messages in hand; default a third of the visibility timeout. */
  heartbeatMs?: number;
  /** First pause after a failed receive or a batch with transient failures; doubles up to `maxRetryMs`. */
  retryMs?: number;
  maxRetryMs?: number;
}

export interface SqsPollerDeps {
  sqs: Pick<SQSClient, 'send'>;
  /** Where messages' object changes go: the HTTP trigger's own dispatch (enqueue, removal). */
  dispatch: DispatchDeps;
  log: Logger;
}

/**
 * What became of one message: `done` (its changes dispatched; deleted unless the delete failed),
 * `refused` (no event: left for the queue's redrive policy) or `failed` (a transient failure, such
 * as Redis being down: left to be delivered again).
 */
export type SqsOutcome =
  | { messageId: string; status: 'done'; counts: DispatchCounts; deleted: boolean }
  | { messageId: string; status: 'refused'; code: SqsRefusalCode; receiveCount: number | null }
  | { messageId: string; status: 'failed'; code: string };

/** An AWS SDK or network error's code (`QueueDoesNotExist`, `ECONNREFUSED`, ...): never its message. */
export function sqsErrorCode(err: unknown): string {
  const e = err as { code?: unknown; name?: unknown } | null;
  if (typeof e?.code === 'string' && e.code) return e.code;
  return typeof e?.name === 'string' && e.name ? e.name : 'unknown';
}

function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

function integerIn(name: string, value: number, min: number, max: number): number {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new RangeError(`SqsPoller: ${name} must be an integer from ${min} to ${max}`);
  }
  return value;
}

/**
 * Long-polls an SQS queue for bucket events and hands their object changes to the trigger's
 * dispatch. At least once: a message is deleted only after its changes are dispatched (letters
 * enqueued, removals done), and deterministic job ids make a message delivered twice harmless.
 * While a batch is handled its messages' visibility is extended (a heartbeat); a message that is no
 * event is left for the queue's redrive policy (its dead-letter queue); a transient failure leaves
 * the message too and pauses polling, with backoff. Logs carry message ids, codes and counts, never
 * a body or an object key.
 */
export class SqsPoller {
  private readonly visibilityTimeoutS: number;
  private readonly waitTimeS: number;
  private readonly maxMessages: number;
  private readonly heartbeatMs: number;
  private readonly retryMs: number;
  private readonly maxRetryMs: number;
  private readonly abort = new AbortController();
  /** Receipt handle -> message id of every message received and not yet deleted or given up. */
  private readonly inHand = new Map<string, string>();
  private readonly listeners = new Set<(outcome: SqsOutcome) => void>();
  private readonly logReceiveFailure: (fields: Record<string, unknown>) => void;
  private readonly logHeartbeatFailure: (fields: Record<string, unknown>) => void;
  private loop: Promise<void> | null = null;
  private stopping: Promise<void> | null = null;
  private heartbeat: NodeJS.Timeout | null = null;
  private extending = false;

  constructor(
    private readonly deps: SqsPollerDeps,
    private readonly options: SqsPollerOptions,
  ) {
    let url: URL;
    try {
      url = new URL(options.queueUrl);
    } catch {
      throw new TypeError('SqsPoller: queueUrl is not a URL');
    }
    if (url.protocol !== 'https:' && url.protocol !== 'http:') {
      throw new TypeError('SqsPoller: queueUrl must be an http(s) URL');
    }
    this.visibilityTimeoutS = integerIn(
      'visibilityTimeoutS',
      options.visibilityTimeoutS ?? 30,
      1,
      SQS_MAX_VISIBILITY_S,
    );
    // At least 1 s: an empty queue is then waited on, never spun on.
    this.waitTimeS = integerIn('waitTimeS', options.waitTimeS ?? SQS_MAX_WAIT_S, 1, SQS_MAX_WAIT_S);
    this.maxMessages = integerIn('maxMessages', options.maxMessages ?? SQS_MAX_BATCH, 1, SQS_MAX_BATCH);
    // Three heartbeats per visibility timeout: one lost or late call does not let a message reappear.
    const heartbeatMs = options.heartbeatMs ?? Math.floor((this.visibilityTimeoutS * 1000) / 3);
    this.heartbeatMs = integerIn('heartbeatMs', heartbeatMs, 100, this.visibilityTimeoutS * 1000 - 1);
    this.retryMs = integerIn('retryMs', options.retryMs ?? 1_000, 1, 3_600_000);
    this.maxRetryMs = integerIn('maxRetryMs', options.maxRetryMs ?? 30_000, this.retryMs, 3_600_000);
    this.logReceiveFailure = rateLimited(deps.log, 'error', 'sqs: receiving failed; retrying with backoff');
    this.logHeartbeatFailure = rateLimited(deps.log, 'warn', 'sqs: extending visibility failed');
  }

  /** Starts polling (once; a stopped poller stays stopped). */
  start(): this {
    if (this.loop || this.abort.signal.aborted) return this;
    this.heartbeat = setInterval(() => void this.extendVisibility(), this.heartbeatMs);
    this.heartbeat.unref();
    this.deps.log.info(
      {
        queue: this.options.queueUrl,
        visibilityTimeoutS: this.visibilityTimeoutS,
        waitTimeS: this.waitTimeS,
      },
      'sqs: polling',
    );
    this.loop = this.run().finally(() => {
      if (this.heartbeat) clearInterval(this.heartbeat);
      this.heartbeat = null;
    });
    return this;
  }

  /** Called with each message's outcome, once its batch is done. Returns a function that unsubscribes. */
  onOutcome(listener: (outcome: SqsOutcome) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Stops polling (a long poll in progress is abandoned) and waits for the messages in hand to be
   * dispatched and deleted, up to `timeoutMs` when given; messages still in hand then are delivered
   * again after their visibility timeout. Idempotent: every call returns the same promise.
   */
  stop(options: { timeoutMs?: number } = {}): Promise<void> {
    this.stopping ??= (async () => {
      this.abort.abort();
      if (!this.loop) return;
      if (options.timeoutMs === undefined) return void (await this.loop);
      let timer: NodeJS.Timeout | undefined;
      const late = new Promise<'late'>((resolve) => {
        timer = setTimeout(() => resolve('late'), options.timeoutMs);
      });
      const result = await Promise.race([this.loop.then(() => 'done' as const), late]);
      clearTimeout(timer);
      if (result === 'late') {
        this.deps.log.warn(
          { inHand: this.inHand.size },
          'sqs: stopped before every message in hand was handled; they will be delivered again',
        );
      }
    })();
    return this.stopping;
  }

  private async run(): Promise<void> {
    const signal = this.abort.signal;
    let failures = 0;
    while (!signal.aborted) {
      let messages: Message[];
      try {
        const received = await this.deps.sqs.send(
          new ReceiveMessageCommand({
            QueueUrl: this.options.queueUrl,
            MaxNumberOfMessages: this.maxMessages,
            WaitTimeSeconds: this.waitTimeS,
            VisibilityTimeout: this.visibilityTimeoutS,
            MessageSystemAttributeNames: ['ApproximateReceiveCount'],
          }),
          { abortSignal: signal },
        );
        messages = received.Messages ?? [];
      } catch (err) {
        if (signal.aborted) break;
        failures++;
        this.logReceiveFailure({ code: sqsErrorCode(err), failures });
        await this.pause(failures);
        continue;
      }
      if (messages.length === 0) continue;
      const outcomes = await this.handleBatch(messages);
      if (outcomes.some((o) => o.status === 'failed' || (o.status === 'done' && !o.deleted))) {
        failures++;
        await this.pause(failures);
      } else {
        failures = 0;
      }
    }
  }

  /** Waits before trying again: exponential backoff with jitter, cut short by stop(). */
  private async pause(failures: number): Promise<void> {
    const ms = Math.min(this.maxRetryMs, this.retryMs * 2 ** Math.min(failures - 1, 30));
    await sleep(ms * (0.5 + Math.random() / 2), undefined, { signal: this.abort.signal }).catch(
      () => undefined,
    );
  }

  private async handleBatch(messages: Message[]): Promise<SqsOutcome[]> {
    for (const m of messages) if (m.ReceiptHandle) this.inHand.set(m.ReceiptHandle, m.MessageId ?? '');
    const handled = await Promise.all(messages.map((m) => this.handle(m)));
    const deleted = await this.deleteMessages(messages.filter((_, i) => handled[i]?.status === 'done'));
    for (const m of messages) if (m.ReceiptHandle) this.inHand.delete(m.ReceiptHandle);
    const outcomes = handled.map((o) =>
      o.status === 'done' ? { ...o, deleted: deleted.has(o.messageId) } : o,
    );
    const total = { enqueued: 0, removed: 0, kept: 0, ignored: 0, refused: 0, failed: 0 };
    for (const o of outcomes) {
      if (o.status === 'done') {
        total.enqueued += o.counts.enqueued;
        total.removed += o.counts.removed;
        total.kept += o.counts.kept;
        total.ignored += o.counts.ignored;
      } else total[o.status]++;
    }
    this.deps.log.info({ messages: messages.length, ...total }, 'sqs: messages handled');
    for (const o of outcomes) {
      for (const listener of this.listeners) {
        try {
          listener(o);
        } catch (err) {
          this.deps.log.error({ err }, 'sqs: an outcome listener threw');
        }
      }
    }
    return outcomes;
  }

  /** One message: its changes dispatched, or why not. Never throws. */
  private async handle(message: Message): Promise<SqsOutcome> {
    const messageId = message.MessageId ?? '';
    const forget = () => {
      if (message.ReceiptHandle) this.inHand.delete(message.ReceiptHandle);
    };
    try {
      const reading = readSqsMessage(message.Body, this.deps.log);
      if (!reading.ok) {
        forget();
        const count = Number(message.Attributes?.ApproximateReceiveCount);
        const receiveCount = Number.isInteger(count) ? count : null;
        // Ids, codes and sizes only: a body names letters.
        this.deps.log.warn(
          { messageId, code: reading.code, receiveCount, size: Buffer.byteLength(message.Body ?? '') },
          'sqs: a message that is no bucket event stays for the queue redrive policy',
        );
        return { messageId, status: 'refused', code: reading.code, receiveCount };
      }
      const counts = await dispatchChanges(reading.changes, this.deps.dispatch);
      return { messageId, status: 'done', counts, deleted: false };
    } catch (err) {
      // Redis or S3 unavailable (or a bug, `internal`): the message comes back, and after
      // maxReceiveCount failures goes to the DLQ like any message that cannot be handled.
      forget();
      const code = classifyError(err).code;
      this.deps.log.error(
        { messageId, code },
        'sqs: could not dispatch a message; it will be delivered again',
      );
      return { messageId, status: 'failed', code };
    }
  }

  /** Deletes handled messages; returns the ids of those deleted. */
  private async deleteMessages(messages: Message[]): Promise<Set<string>> {
    const deleted = new Set<string>();
    const deletable = messages.filter((m) => m.ReceiptHandle);
    for (const batch of chunks(deletable, SQS_MAX_BATCH)) {
      // Not extended any more: a heartbeat racing the delete would only fail on a gone handle.
      for (const m of batch) this.inHand.delete(m.ReceiptHandle as string);
      try {
        const out = await this.deps.sqs.send(
          new DeleteMessageBatchCommand({
            QueueUrl: this.options.queueUrl,
            Entries: batch.map((m, i) => ({ Id: String(i), ReceiptHandle: m.ReceiptHandle })),
          }),
        );
        for (const ok of out.Successful ?? []) deleted.add(batch[Number(ok.Id)]?.MessageId ?? '');
        for (const failed of out.Failed ?? []) {
          this.deps.log.warn(
            { messageId: batch[Number(failed.Id)]?.MessageId, code: failed.Code },
            'sqs: could not delete a handled message; its redelivery will change nothing',
          );
        }
      } catch (err) {
        this.deps.log.warn(
          { messages: batch.length, code: sqsErrorCode(err) },
          'sqs: could not delete handled messages; their redelivery will change nothing',
        );
      }
    }
    return deleted;
  }

  /** The heartbeat: every message in hand stays hidden for another visibility timeout. */
  private async extendVisibility(): Promise<void> {
    if (this.extending || this.inHand.size === 0) return;
    this.extending = true;
    try {
      for (const batch of chunks([...this.inHand.keys()], SQS_MAX_BATCH)) {
        try {
          const out = await this.deps.sqs.send(
            new ChangeMessageVisibilityBatchCommand({
              QueueUrl: this.options.queueUrl,
              Entries: batch.map((ReceiptHandle, i) => ({
                Id: String(i),
                ReceiptHandle,
                VisibilityTimeout: this.visibilityTimeoutS,
              })),
            }),
          );
          for (const failed of out.Failed ?? []) {
            const handle = batch[Number(failed.Id)];
            // A message deleted or given up meanwhile needs no more time.
            if (handle && this.inHand.has(handle)) {
              this.logHeartbeatFailure({ messageId: this.inHand.get(handle), code: failed.Code });
            }
          }
        } catch (err) {
          this.logHeartbeatFailure({ messages: batch.length, code: sqsErrorCode(err) });
        }
      }
    } finally {
      this.extending = false;
    }
  }
}
