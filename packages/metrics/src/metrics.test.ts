import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  collectProcessMetrics,
  metricNames,
  pipelineMetrics,
  type QueueGaugeValues,
  registry,
  renderMetrics,
  setDependencySource,
  setQueueGaugeSource,
} from './index.ts';

type Sample = { labels: Record<string, string | number>; value: number; metricName?: string };

async function samples(name: string): Promise<Sample[]> {
  const metric = registry.getSingleMetric(name);
  if (!metric) throw new Error(`no metric ${name}`);
  return (await metric.get()).values as Sample[];
}

async function value(name: string, labels: Record<string, string>): Promise<number | undefined> {
  return (await samples(name)).find((s) => Object.entries(labels).every(([k, v]) => s.labels[k] === v))
    ?.value;
}

const ALLOWED_LABELS = new Set([
  'stage',
  'queue',
  'state',
  'code',
  'trigger',
  'outcome',
  'dependency',
  'operation',
  'le',
]);

beforeEach(() => registry.resetMetrics());
let unset: (() => void) | null = null;
afterEach(() => {
  unset?.();
  unset = null;
});

describe('metric definitions', () => {
  it('name every pipeline metric by the Prometheus conventions, with only low-cardinality labels', async () => {
    const ours = (await registry.getMetricsAsJSON()).filter((m) => m.name.startsWith('imr_'));
    expect(ours.map((m) => m.name).sort()).toEqual([
      'imr_dead_letters',
      'imr_dependency_up',
      'imr_drop_to_indexed_seconds',
      'imr_index_batch_size',
      'imr_job_duration_seconds',
      'imr_jobs_completed_total',
      'imr_jobs_dead_lettered_total',
      'imr_jobs_failed_total',
      'imr_ocr_seconds',
      'imr_pdf_seconds',
      'imr_queue_jobs',
      'imr_queue_oldest_waiting_seconds',
      'imr_s3_requests_total',
    ]);
    for (const m of ours) {
      expect(m.help.length, m.name).toBeGreaterThan(10);
      if (String(m.type) === 'counter') expect(m.name, m.name).toMatch(/_total$/);
      else expect(m.name, m.name).not.toMatch(/_total$/);
    }
    for (const name of metricNames().filter((n) => n.startsWith('imr_'))) {
      const metric = registry.getSingleMetric(name.replace(/_(bucket|sum|count)$/, ''));
      const labelNames = (metric as unknown as { labelNames: string[] } | undefined)?.labelNames ?? [];
      for (const label of labelNames) expect(ALLOWED_LABELS.has(label), `${name}{${label}}`).toBe(true);
    }
  });

  it('lists histogram series and, once enabled, Node default metrics', () => {
    expect(metricNames()).toContain('imr_drop_to_indexed_seconds_count');
    expect(metricNames()).toContain('imr_job_duration_seconds_bucket');
    expect(metricNames()).not.toContain('process_cpu_seconds_total');
    collectProcessMetrics();
    collectProcessMetrics();
    expect(metricNames()).toContain('process_cpu_seconds_total');
    expect(metricNames()).toContain('nodejs_eventloop_lag_seconds');
  });
});

describe('pipeline metrics', () => {
  it('counts completed jobs and their durations per stage, starting at zero', async () => {
    pipelineMetrics.stageStarted('extract');
    expect(await value('imr_jobs_completed_total', { stage: 'extract' })).toBe(0);
    pipelineMetrics.jobCompleted('extract', 0.2);
    pipelineMetrics.jobCompleted('extract', 0.4);
    pipelineMetrics.jobCompleted('index', 0.1);
    expect(await value('imr_jobs_completed_total', { stage: 'extract' })).toBe(2);
    expect(await value('imr_jobs_completed_total', { stage: 'index' })).toBe(1);
    const duration = await samples('imr_job_duration_seconds');
    const count = duration.find(
      (s) => s.metricName === 'imr_job_duration_seconds_count' && s.labels.stage === 'extract',
    );
    const sum = duration.find(
      (s) => s.metricName === 'imr_job_duration_seconds_sum' && s.labels.stage === 'extract',
    );
    expect(count?.value).toBe(2);
    expect(sum?.value).toBeCloseTo(0.6);
  });

  it('counts every failed attempt and, apart, final failures; unknown labels are counted as other', async () => {
    pipelineMetrics.jobFailed('ingest', 'storage_unavailable');
    pipelineMetrics.jobFailed('ingest', 'storage_unavailable');
    pipelineMetrics.jobFailed('extract', 'not_imr_letter');
    pipelineMetrics.jobDeadLettered('extract', 'not_imr_letter');
    // A forged job's reason or stage never becomes a label value.
    pipelineMetrics.jobFailed('incoming/Jane Roe.txt', 'Jane Roe, born 1970');
    const failed = await samples('imr_jobs_failed_total');
    expect(failed.map((s) => [s.labels, s.value])).toEqual([
      [{ stage: 'ingest', code: 'storage_unavailable' }, 2],
      [{ stage: 'extract', code: 'not_imr_letter' }, 1],
      [{ stage: 'other', code: 'other' }, 1],
    ]);
    expect((await samples('imr_jobs_dead_lettered_total')).map((s) => [s.labels, s.value])).toEqual([
      [{ stage: 'extract', code: 'not_imr_letter' }, 1],
    ]);
  });

  it('observes drop-to-indexed time from the event time, by trigger; skips payloads without one', async () => {
    const now = Date.parse('2026-01-01T00:01:00Z');
    pipelineMetrics.letterIndexed('event', '2026-01-01T00:00:00Z', now);
    pipelineMetrics.letterIndexed('event', '2026-01-01T00:00:59.5Z', now);
    pipelineMetrics.letterIndexed('backfill', undefined, now);
    pipelineMetrics.letterIndexed('backfill', 'not a time', now);
    const all = await samples('imr_drop_to_indexed_seconds');
    const of = (metricName: string) =>
      all.filter((s) => s.metricName === metricName).map((s) => [s.labels.trigger, s.value]);
    expect(of('imr_drop_to_indexed_seconds_count')).toEqual([['event', 2]]);
    expect(of('imr_drop_to_indexed_seconds_sum')).toEqual([['event', 60.5]]);
    const le1 = all.find((s) => s.metricName === 'imr_drop_to_indexed_seconds_bucket' && s.labels.le === 1);
    expect(le1?.value).toBe(1);
  });

  it('times PDF extractions by outcome and observes index batch sizes', async () => {
    pipelineMetrics.pdfTimer()('ok');
    pipelineMetrics.pdfTimer()('error');
    pipelineMetrics.ocrTimer()('ok');
    pipelineMetrics.indexBatch(1);
    pipelineMetrics.indexBatch(40);
    const count = async (name: string) =>
      (await samples(name)).filter((s) => s.metricName === `${name}_count`).map((s) => [s.labels, s.value]);
    expect(await count('imr_pdf_seconds')).toEqual([
      [{ outcome: 'ok' }, 1],
      [{ outcome: 'error' }, 1],
    ]);
    expect(await count('imr_ocr_seconds')).toEqual([[{ outcome: 'ok' }, 1]]);
    const batch = await samples('imr_index_batch_size');
    expect(batch.find((s) => s.metricName === 'imr_index_batch_size_sum')?.value).toBe(41);
    expect(
      batch.find((s) => s.metricName === 'imr_index_batch_size_bucket' && s.labels.le === 50)?.value,
    ).toBe(2);
  });
});

describe('queue gauges', () => {
  const values: QueueGaugeValues = {
    queues: [
      {
        queue: 'ingest',
        jobs: { waiting: 7, active: 2, delayed: 1, failed: 3, prioritized: 0 },
        oldestWaitingSeconds: 42,
      },
    ],
    deadLetters: [
      { stage: 'extract', code: 'not_imr_letter', count: 3 },
      { stage: 'extract', code: 'made up', count: 1 },
      { stage: 'extract', code: 'also made up', count: 2 },
    ],
  };

  it('have no samples without a source (worker processes)', async () => {
    expect(await samples('imr_queue_jobs')).toEqual([]);
    expect(await samples('imr_dead_letters')).toEqual([]);
  });

  it('are read from the source once per scrape, at scrape time', async () => {
    let reads = 0;
    let current = values;
    unset = setQueueGaugeSource(async () => {
      reads++;
      return current;
    });
    const text = (await renderMetrics()).body;
    expect(reads).toBe(1);
    expect(text).toContain('imr_queue_jobs{queue="ingest",state="waiting"} 7');
    expect(text).toContain('imr_queue_jobs{queue="ingest",state="failed"} 3');
    expect(text).toContain('imr_queue_oldest_waiting_seconds{queue="ingest"} 42');
    expect(text).toContain('imr_dead_letters{stage="extract",code="not_imr_letter"} 3');
    // Codes outside the known set are summed as `other`, never shown.
    expect(text).toContain('imr_dead_letters{stage="extract",code="other"} 3');
    expect(text).not.toContain('made up');
    current = { queues: [], deadLetters: [] };
    // The next scrape, past the window in which gauges of one scrape share a read.
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(Date.now() + 1_500);
    const later = (await renderMetrics()).body;
    vi.useRealTimers();
    expect(reads).toBe(2);
    expect(later).not.toContain('imr_queue_jobs{');
    expect(later).not.toContain('imr_dead_letters{');
  });

  it('report dependencies at scrape time only where a readiness check is set', async () => {
    expect(await samples('imr_dependency_up')).toEqual([]);
    let redisUp = true;
    const unsetDependencies = setDependencySource(async () => ({ redis: redisUp, s3: true }));
    try {
      expect((await samples('imr_dependency_up')).map((s) => [s.labels.dependency, s.value])).toEqual([
        ['redis', 1],
        ['s3', 1],
      ]);
      redisUp = false;
      expect((await renderMetrics()).body).toContain('imr_dependency_up{dependency="redis"} 0');
    } finally {
      unsetDependencies();
    }
    const failing = setDependencySource(async () => {
      throw new Error('check failed');
    });
    try {
      expect((await samples('imr_dependency_up')).every((s) => s.value === 0)).toBe(true);
      expect(await samples('imr_dependency_up')).toHaveLength(3);
    } finally {
      failing();
    }
  });

  it('say so when the source fails, instead of failing the scrape', async () => {
    unset = setQueueGaugeSource(async () => {
      throw new Error('redis down');
    });
    const text = (await renderMetrics()).body;
    expect(text).toContain('# TYPE imr_queue_jobs gauge');
    expect(text).not.toContain('imr_queue_jobs{');
  });
});
