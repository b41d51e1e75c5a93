import { Gauge } from 'prom-client';
import { codeLabel, queueLabel, registry, stageLabel } from './metrics.ts';

/** Job states `imr_queue_jobs` reports. */
export const QUEUE_JOB_STATES = ['waiting', 'active', 'delayed', 'failed', 'prioritized'] as const;
export type QueueJobState = (typeof QUEUE_JOB_STATES)[number];

/** What the queue gauges show: read from Redis at scrape time by whoever serves them. */
export interface QueueGaugeValues {
  queues: {
    queue: string;
    jobs: Record<QueueJobState, number>;
    /** Age of the job that has waited longest; 0 when none waits. */
    oldestWaitingSeconds: number;
  }[];
  deadLetters: { stage: string; code: string; count: number }[];
}

export type QueueGaugeSource = () => Promise<QueueGaugeValues>;

/** A scrape reads Redis once for all the gauges (they are collected at the same time). */
const SHARE_MS = 1_000;
const READ_TIMEOUT_MS = 5_000;

let source: QueueGaugeSource | null = null;
let shared: { at: number; values: Promise<QueueGaugeValues | null> } | null = null;

/**
 * Sets where the queue gauges come from: one per process, the dashboard's queues. Without one they
 * have no samples, as on workers (queue state has one scrape target, the dashboard); a read that
 * fails or takes over 5 s leaves them without samples for that scrape (`absent(imr_queue_jobs)`).
 * Returns a function that unsets it.
 */
export function setQueueGaugeSource(next: QueueGaugeSource): () => void {
  source = next;
  shared = null;
  return () => {
    if (source === next) {
      source = null;
      shared = null;
    }
  };
}

function read(): Promise<QueueGaugeValues | null> {
  const from = source;
  if (!from) return Promise.resolve(null);
  const now = Date.now();
  if (shared && now - shared.at < SHARE_MS) return shared.values;
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<null>((resolve) => {
    timer = setTimeout(() => resolve(null), READ_TIMEOUT_MS);
  });
  const values = Promise.race([from().catch(() => null), late]).finally(() => clearTimeout(timer));
  shared = { at: now, values };
  return values;
}

export const queueJobs = new Gauge({
  name: 'imr_queue_jobs',
  help: 'Jobs in each stage queue by state (read from Redis at scrape time).',
  labelNames: ['queue', 'state'] as const,
  registers: [registry],
  async collect() {
    this.reset();
    const values = await read();
    for (const q of values?.queues ?? []) {
      for (const state of QUEUE_JOB_STATES)
        this.set({ queue: queueLabel(q.queue), state }, q.jobs[state] ?? 0);
    }
  },
});

export const queueOldestWaiting = new Gauge({
  name: 'imr_queue_oldest_waiting_seconds',
  help: 'Age of the job that has waited longest in each stage queue; 0 when none waits.',
  labelNames: ['queue'] as const,
  registers: [registry],
  async collect() {
    this.reset();
    const values = await read();
    for (const q of values?.queues ?? []) this.set({ queue: queueLabel(q.queue) }, q.oldestWaitingSeconds);
  },
});

export const deadLetters = new Gauge({
  name: 'imr_dead_letters',
  help: 'Entries in the dead-letter queue, by the stage that failed and the error code.',
  labelNames: ['stage', 'code'] as const,
  registers: [registry],
  async collect() {
    this.reset();
    const values = await read();
    // Entries are data in Redis: values outside the known sets are summed under `other`.
    for (const d of values?.deadLetters ?? [])
      this.inc({ stage: stageLabel(d.stage), code: codeLabel(d.code) }, d.count);
  },
});

/** Dependencies `imr_dependency_up` reports. */
export const DEPENDENCIES = ['redis', 's3', 'database'] as const;
export type Dependency = (typeof DEPENDENCIES)[number];
export type DependencySource = () => Promise<Partial<Record<Dependency, boolean>>>;

let dependencySource: DependencySource | null = null;

/**
 * Sets the readiness check `imr_dependency_up` reports at scrape time (a worker process's: the one
 * its /readyz answers with). Returns a function that unsets it.
 */
export function setDependencySource(next: DependencySource): () => void {
  dependencySource = next;
  return () => {
    if (dependencySource === next) dependencySource = null;
  };
}

export const dependencyUp = new Gauge({
  name: 'imr_dependency_up',
  help: "Whether this process's dependencies answer its readiness check at scrape time (1) or not (0).",
  labelNames: ['dependency'] as const,
  registers: [registry],
  async collect() {
    this.reset();
    if (!dependencySource) return;
    let states: Partial<Record<Dependency, boolean>> | null = null;
    try {
      states = await dependencySource();
    } catch {
      states = null;
    }
    for (const dependency of DEPENDENCIES) {
      const up = states?.[dependency];
      // A check that failed as a whole says nothing is known to answer.
      if (states === null) this.set({ dependency }, 0);
      else if (up !== undefined) this.set({ dependency }, up ? 1 : 0);
    }
  },
});
