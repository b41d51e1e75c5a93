// `imr worker` processes for benchmarks: started with a metrics port, ready when /readyz answers,
// scraped for their counters and histograms, measured for peak memory (VmHWM), stopped by SIGTERM.
import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { freePort } from '@imr/embedded';

const IMR = fileURLToPath(new URL('../../services/cli/bin/imr.js', import.meta.url));

export interface BenchWorker {
  child: ChildProcess;
  port: number;
}

export async function startWorkers(count: number, env: NodeJS.ProcessEnv): Promise<BenchWorker[]> {
  const workers: BenchWorker[] = [];
  for (let i = 0; i < count; i++) {
    const port = await freePort();
    // BENCH_WORKER_NODE_ARGS: node options for the workers only, e.g. `--cpu-prof --cpu-prof-dir=DIR`.
    const nodeArgs = process.env.BENCH_WORKER_NODE_ARGS?.split(' ').filter(Boolean) ?? [];
    const child = spawn(process.execPath, [...nodeArgs, IMR, 'worker'], {
      env: { ...process.env, ...env, IMR_HTTP_PORT: String(port), LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    workers.push({ child, port });
  }
  await Promise.all(workers.map(waitReady));
  return workers;
}

async function waitReady(worker: BenchWorker): Promise<void> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (worker.child.exitCode !== null) throw new Error(`a worker exited (${worker.child.exitCode})`);
    const ok = await fetch(`http://127.0.0.1:${worker.port}/readyz`)
      .then((r) => r.ok)
      .catch(() => false);
    if (ok) return;
    if (Date.now() > deadline) throw new Error('a worker was not ready within 60 s');
    await new Promise((r) => setTimeout(r, 100));
  }
}

export async function stopWorkers(workers: BenchWorker[]): Promise<void> {
  await Promise.all(
    workers.map(
      (w) =>
        new Promise<void>((resolve) => {
          if (w.child.exitCode !== null) return resolve();
          w.child.once('exit', () => resolve());
          w.child.kill('SIGTERM');
        }),
    ),
  );
}

/** Peak resident memory of a process so far, in MB (Linux: VmHWM). */
export function peakRssMb(pid: number | undefined): number | null {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : null;
  } catch {
    return null;
  }
}

/** One sample of the Prometheus text format: name, labels, value. */
export interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

export async function scrape(workers: BenchWorker[]): Promise<Sample[]> {
  const texts = await Promise.all(
    workers.map((w) => fetch(`http://127.0.0.1:${w.port}/metrics`).then((r) => r.text())),
  );
  const samples: Sample[] = [];
  for (const text of texts) {
    for (const line of text.split('\n')) {
      const m = /^([a-z_:]+)(?:\{(.*)\})? (\S+)$/.exec(line);
      if (!m) continue;
      const labels: Record<string, string> = {};
      for (const l of (m[2] ?? '').matchAll(/(\w+)="([^"]*)"/g)) labels[l[1] as string] = l[2] as string;
      samples.push({ name: m[1] as string, labels, value: Number(m[3]) });
    }
  }
  return samples;
}

/** The sum of a metric's samples whose labels include `match`. */
export function total(samples: Sample[], name: string, match: Record<string, string> = {}): number {
  return samples
    .filter((s) => s.name === name && Object.entries(match).every(([k, v]) => s.labels[k] === v))
    .reduce((sum, s) => sum + s.value, 0);
}

/** A quantile of a histogram summed over processes, interpolated inside its bucket (as PromQL does). */
export function histogramQuantile(
  samples: Sample[],
  name: string,
  match: Record<string, string>,
  q: number,
): number | null {
  const buckets = new Map<number, number>();
  for (const s of samples) {
    if (s.name !== `${name}_bucket`) continue;
    if (!Object.entries(match).every(([k, v]) => s.labels[k] === v)) continue;
    const le = s.labels.le === '+Inf' ? Number.POSITIVE_INFINITY : Number(s.labels.le);
    buckets.set(le, (buckets.get(le) ?? 0) + s.value);
  }
  const sorted = [...buckets.entries()].sort((a, b) => a[0] - b[0]);
  const count = sorted.at(-1)?.[1] ?? 0;
  if (!count) return null;
  const rank = q * count;
  let lower = 0;
  let below = 0;
  for (const [le, cumulative] of sorted) {
    if (cumulative >= rank) {
      if (le === Number.POSITIVE_INFINITY) return lower;
      return lower + ((le - lower) * (rank - below)) / Math.max(1, cumulative - below);
    }
    lower = le;
    below = cumulative;
  }
  return lower;
}
