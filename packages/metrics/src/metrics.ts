import { ERROR_CODES, QUEUE_NAMES, TRIGGERS, WORKER_STAGES } from '@imr/contracts';
import { Counter, collectDefaultMetrics, Histogram, Registry } from 'prom-client';

/**
 * Every metric of the pipeline, defined once, in one registry per process. Labels are few and
 * bounded (stage, queue, state, code, trigger, outcome): never a key, an id or any text of a letter.
 * A value outside its label's known set is counted as `other`, so a forged job cannot grow a series.
 */
export const registry = new Registry();

const known = (values: readonly string[]) => {
  const set = new Set(values);
  return (value: string | null | undefined) => (value && set.has(value) ? value : 'other');
};
/** Label values as exported: the value when it is in its known set, else `other`. */
export const stageLabel = known(WORKER_STAGES);
export const codeLabel = known(ERROR_CODES);
export const queueLabel = known(QUEUE_NAMES);
export const triggerLabel = known(TRIGGERS);

export const jobsCompleted = new Counter({
  name: 'imr_jobs_completed_total',
  help: 'Stage jobs completed by this process.',
  labelNames: ['stage'] as const,
  registers: [registry],
});

export const jobsFailed = new Counter({
  name: 'imr_jobs_failed_total',
  help: 'Failed stage job attempts (every attempt, retried or not), by error code.',
  labelNames: ['stage', 'code'] as const,
  registers: [registry],
});

export const jobsDeadLettered = new Counter({
  name: 'imr_jobs_dead_lettered_total',
  help: 'Stage jobs whose final attempt failed (permanent code or attempts used up): dead letters written.',
  labelNames: ['stage', 'code'] as const,
  registers: [registry],
});

export const jobDuration = new Histogram({
  name: 'imr_job_duration_seconds',
  help: 'Time a completed stage job took, from a worker taking it to its completion.',
  labelNames: ['stage'] as const,
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120],
  registers: [registry],
});

export const dropToIndexed = new Histogram({
  name: 'imr_drop_to_indexed_seconds',
  help:
    'Time from the S3 event (or the listing that found the letter) to its index write. ' +
    'trigger says what enqueued it (event, backfill, reconcile, demo, cli, replay, reprocess).',
  labelNames: ['trigger'] as const,
  buckets: [0.25, 0.5, 1, 2, 5, 10, 30, 60, 120, 300, 600, 1800, 3600, 4 * 3600, 24 * 3600],
  registers: [registry],
});

export const pdfSeconds = new Histogram({
  name: 'imr_pdf_seconds',
  help: 'Time a PDF text extraction took, waiting for a PDF thread included; outcome ok or error.',
  labelNames: ['outcome'] as const,
  buckets: [0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 20, 30, 60],
  registers: [registry],
});

export const ocrSeconds = new Histogram({
  name: 'imr_ocr_seconds',
  help: 'Time OCR of a scanned letter took; outcome ok or error.',
  labelNames: ['outcome'] as const,
  buckets: [0.5, 1, 2, 5, 10, 20, 30, 60, 120, 300],
  registers: [registry],
});

export const indexBatchSize = new Histogram({
  name: 'imr_index_batch_size',
  help: 'Letters written in one index transaction (group commit of concurrent index jobs).',
  buckets: [1, 2, 5, 10, 20, 50, 100, 150, 200],
  registers: [registry],
});

/** The object-store operations the pipeline makes (the label set of imr_s3_requests_total). */
export const S3_OPERATIONS = [
  'get',
  'head',
  'put',
  'delete',
  'list',
  'head_bucket',
  'create_bucket',
] as const;
export type S3Operation = (typeof S3_OPERATIONS)[number];

export const s3Requests = new Counter({
  name: 'imr_s3_requests_total',
  help: 'S3 requests made by this process, by operation; outcome ok or error (an answered 404 is ok).',
  labelNames: ['operation', 'outcome'] as const,
  registers: [registry],
});

type Outcome = 'ok' | 'error';

/** What the pipeline's code calls: typed, with label values checked against their known sets. */
export const pipelineMetrics = {
  /** Makes a stage's series exist at zero (so the first job shows as an increase). */
  stageStarted(stage: string): void {
    const labels = { stage: stageLabel(stage) };
    jobsCompleted.inc(labels, 0);
    jobDuration.zero(labels);
  },
  jobCompleted(stage: string, seconds: number): void {
    const labels = { stage: stageLabel(stage) };
    jobsCompleted.inc(labels);
    jobDuration.observe(labels, Math.max(0, seconds));
  },
  /** One failed attempt, retried or not. */
  jobFailed(stage: string, code: string): void {
    jobsFailed.inc({ stage: stageLabel(stage), code: codeLabel(code) });
  },
  /** A job whose final attempt failed (a dead letter is written for it). */
  jobDeadLettered(stage: string, code: string): void {
    jobsDeadLettered.inc({ stage: stageLabel(stage), code: codeLabel(code) });
  },
  /**
   * A letter written to the index: observes the time since `seenAt` (ISO), the time its S3 event
   * (or listing) saw it. Payloads without it (enqueued by an older version) are not observed.
   */
  letterIndexed(trigger: string, seenAt: string | undefined, now = Date.now()): void {
    if (!seenAt) return;
    const seen = Date.parse(seenAt);
    if (Number.isNaN(seen)) return;
    dropToIndexed.observe({ trigger: triggerLabel(trigger) }, Math.max(0, (now - seen) / 1000));
  },
  /** Starts timing a PDF extraction; call the returned function with its outcome. */
  pdfTimer(): (outcome: Outcome) => void {
    const end = pdfSeconds.startTimer();
    return (outcome) => void end({ outcome });
  },
  ocrTimer(): (outcome: Outcome) => void {
    const end = ocrSeconds.startTimer();
    return (outcome) => void end({ outcome });
  },
  indexBatch(size: number): void {
    indexBatchSize.observe(size);
  },
  s3Request(operation: S3Operation, outcome: Outcome): void {
    s3Requests.inc({ operation, outcome });
  },
};

let defaultsOn = false;

/** Node's default metrics (CPU, memory, event loop lag, GC, handles) in `registry`. Idempotent. */
export function collectProcessMetrics(): void {
  if (defaultsOn) return;
  defaultsOn = true;
  collectDefaultMetrics({ register: registry });
}

/** The exposition of every metric of this process, and its Content-Type. */
export async function renderMetrics(): Promise<{ contentType: string; body: string }> {
  return { contentType: registry.contentType, body: await registry.metrics() };
}

/**
 * Every series name the registry can expose (histograms' `_bucket`, `_sum` and `_count` included),
 * for checking dashboards and alert rules against it. Node's default metrics are included once
 * collectProcessMetrics() has run.
 */
export function metricNames(): string[] {
  return registry.getMetricsAsArray().flatMap((m) => {
    const { name, type } = m as unknown as { name: string; type: string };
    if (type === 'histogram') return [`${name}_bucket`, `${name}_sum`, `${name}_count`];
    if (type === 'summary') return [name, `${name}_sum`, `${name}_count`];
    return [name];
  });
}
