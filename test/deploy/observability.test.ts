import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { collectProcessMetrics, metricNames } from '@imr/metrics';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const PROMETHEUS_DIR = fileURLToPath(new URL('../../infra/prometheus/', import.meta.url));
const GRAFANA_DASHBOARD = fileURLToPath(new URL('../../infra/grafana/imr-pipeline.json', import.meta.url));

function promtool(args: string[]): { status: number | null; output: string } {
  const run = spawnSync('promtool', args, { cwd: PROMETHEUS_DIR, encoding: 'utf8' });
  if ((run.error as NodeJS.ErrnoException | undefined)?.code === 'ENOENT') {
    throw new Error(
      'promtool is not installed: scripts/ensure-test-services.sh installs it (Debian package `prometheus`)',
    );
  }
  if (run.error) throw run.error;
  return { status: run.status, output: `${run.stdout}${run.stderr}` };
}

const PROMQL_WORDS = new Set([
  'by',
  'without',
  'on',
  'ignoring',
  'group_left',
  'group_right',
  'and',
  'or',
  'unless',
  'bool',
  'offset',
  'inf',
  'nan',
]);

/** Metric names a PromQL expression reads: identifiers that are not functions, keywords or labels. */
function metricsIn(expr: string): string[] {
  const bare = expr
    .replace(/"(?:[^"\\]|\\.)*"/g, '""') // strings
    .replace(/\{[^}]*\}/g, '') // label matchers
    .replace(/\b(by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)/g, '') // label lists
    .replace(/\[[^\]]*\]/g, '') // ranges
    .replace(/\$\w+/g, ''); // Grafana variables
  const names = new Set<string>();
  for (const m of bare.matchAll(/([a-zA-Z_:][a-zA-Z0-9_:]*)\s*(\()?/g)) {
    const [, name, call] = m as unknown as [string, string, string | undefined];
    if (call || PROMQL_WORDS.has(name.toLowerCase())) continue;
    if (/^\d/.test(name)) continue;
    names.add(name);
  }
  return [...names];
}

collectProcessMetrics();
/** What Prometheus adds itself. */
const KNOWN = new Set([...metricNames(), 'up']);
const OURS = new Set(
  metricNames().flatMap((n) => (n.startsWith('imr_') ? [n.replace(/_(bucket|sum|count)$/, '')] : [])),
);

interface Rule {
  alert?: string;
  expr: string;
}

describe('Prometheus alert rules (infra/prometheus/alerts.yml)', () => {
  it('pass `promtool check rules`', () => {
    const { status, output } = promtool(['check', 'rules', 'alerts.yml']);
    expect(status, output).toBe(0);
    expect(output).toContain('SUCCESS');
  });

  it('pass their unit tests (`promtool test rules alerts.test.yml`)', () => {
    const { status, output } = promtool(['test', 'rules', 'alerts.test.yml']);
    expect(status, output).toBe(0);
  });

  it('cover what operators asked for, over metrics @imr/metrics defines', () => {
    const rules: Rule[] = parse(readFileSync(`${PROMETHEUS_DIR}alerts.yml`, 'utf8')).groups.flatMap(
      (g: { rules: Rule[] }) => g.rules,
    );
    expect(rules.map((r) => r.alert)).toEqual(
      expect.arrayContaining([
        'ImrDeadLettersGrowing',
        'ImrOldestWaitingJobTooOld',
        'ImrStageFailing',
        'ImrWorkerNotReady',
        'ImrTargetDown',
      ]),
    );
    for (const rule of rules) {
      for (const name of metricsIn(rule.expr)) expect(KNOWN.has(name), `${rule.alert}: ${name}`).toBe(true);
    }
  });

  it('come with a Prometheus configuration that loads them', () => {
    const { status, output } = promtool(['check', 'config', '--syntax-only', 'prometheus.yml']);
    expect(status, output).toBe(0);
  });
});

describe('the Grafana dashboard (infra/grafana/imr-pipeline.json)', () => {
  const dashboard = JSON.parse(readFileSync(GRAFANA_DASHBOARD, 'utf8'));
  const panels: { title: string; type: string; targets?: { expr: string }[] }[] = dashboard.panels.filter(
    (p: { type: string }) => p.type !== 'row',
  );

  it('queries only metrics @imr/metrics defines (or Prometheus adds), and every one of ours', () => {
    const used = new Set<string>();
    for (const panel of panels) {
      expect(panel.targets?.length, panel.title).toBeGreaterThan(0);
      for (const { expr } of panel.targets ?? []) {
        const names = metricsIn(expr);
        expect(names.length, `${panel.title}: ${expr}`).toBeGreaterThan(0);
        for (const name of names) {
          expect(KNOWN.has(name), `${panel.title}: ${name}`).toBe(true);
          used.add(name.replace(/_(bucket|sum|count)$/, ''));
        }
      }
    }
    for (const name of OURS) expect(used.has(name), `no panel shows ${name}`).toBe(true);
  });

  it('is an importable dashboard: unique panel ids, a Prometheus data source variable, no overlapping panels', () => {
    expect(dashboard).toMatchObject({ uid: 'imr-pipeline', title: 'imr-pipeline' });
    expect(dashboard.templating.list).toContainEqual(
      expect.objectContaining({ name: 'datasource', type: 'datasource' }),
    );
    const ids = dashboard.panels.map((p: { id: number }) => p.id);
    expect(new Set(ids).size).toBe(ids.length);
    const cells = new Set<string>();
    for (const { gridPos, title } of dashboard.panels as {
      gridPos: { x: number; y: number; w: number; h: number };
      title: string;
    }[]) {
      expect(gridPos.x + gridPos.w, title).toBeLessThanOrEqual(24);
      for (let x = gridPos.x; x < gridPos.x + gridPos.w; x++) {
        for (let y = gridPos.y; y < gridPos.y + gridPos.h; y++) {
          expect(cells.has(`${x},${y}`), `${title} overlaps at ${x},${y}`).toBe(false);
          cells.add(`${x},${y}`);
        }
      }
    }
  });

  it('reads metric names out of PromQL as intended', () => {
    expect(
      metricsIn(
        'histogram_quantile(0.95, sum by (stage, le) (rate(imr_job_duration_seconds_bucket{job=~"$job",stage!="x"}[5m]))) / on (stage) up',
      ).sort(),
    ).toEqual(['imr_job_duration_seconds_bucket', 'up']);
    expect(metricsIn('sum(rate(imr_no_such_metric[5m])) > 1 / 60')).toEqual(['imr_no_such_metric']);
  });
});
