import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { Resources, startWorkers } from '@imr/app';
import { loadConfig } from '@imr/config';
import { determinationSchema, type ObjectRef, WORKER_STAGES } from '@imr/contracts';
import { createLogger, type Logger } from '@imr/logging';
import { type Trace, waitForSources } from '@imr/queue';
import { createDashboard, dashboardTokens, listen } from '@imr/service-dashboard';
import { dispatchChanges, objectChanges, s3EventSchema } from '@imr/service-trigger';
import { artifactKey } from '@imr/storage';
import { type Environment, startEnvironment } from '../demo/environment.ts';
import { sampleDrops } from '../demo/sample-drops.ts';
import { type LetterRow, printSummary, summarize } from '../demo/summary.ts';
import { allStageHandlers } from '../stages.ts';
import { parseCommandArgs, UsageError } from '../usage.ts';

const HELP = `imr demo [--input DIR] [--count N] [--exit] [--json]

Runs the whole pipeline in one process on the embedded defaults (in-process S3 server, a private
redis-server, PGlite under .data/), drops letters into the bucket, lets the bucket events trigger
the pipeline, prints a summary table, then serves until Ctrl-C.

  --input DIR   drop the files of DIR (any encoding, .txt or .pdf) instead of synthetic letters
  --count N     how many synthetic letters to generate (default 24)
  --exit        exit once every dropped letter is indexed or failed
  --json        make the last line of output a JSON summary`;

export interface Drop {
  name: string;
  format: string;
  bytes: Uint8Array;
}

async function readInputDir(dir: string): Promise<Drop[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true }).catch(
    (err: NodeJS.ErrnoException) => {
      throw new UsageError(`--input ${dir}: cannot read the folder (${err.code ?? 'error'})`);
    },
  );
  const files = entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));
  files.sort();
  return Promise.all(
    files.map(async (path) => ({
      name: relative(dir, path),
      format: path.split('.').pop()?.toLowerCase() ?? '',
      bytes: await readFile(path),
    })),
  );
}

export async function runDemo(args: string[]): Promise<number> {
  const { values } = parseCommandArgs(
    args,
    {
      input: { type: 'string' },
      count: { type: 'string', default: '24' },
      exit: { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
    },
    HELP,
  );
  const count = Number(values.count);
  if (!Number.isInteger(count) || count < 1 || count > 100_000) {
    throw new UsageError('--count takes a whole number from 1 to 100000');
  }
  const started = Date.now();
  const config = loadConfig();
  // The demo's dashboard listens on loopback: open, unless tokens are set (then they apply).
  const tokens = dashboardTokens({ ...config, HOST: '127.0.0.1' });
  const log = createLogger('imr-demo', {
    level: process.env.LOG_LEVEL ?? 'warn',
    destination: process.stderr,
  });
  const drops = values.input ? await readInputDir(values.input) : await sampleDrops(count);
  const env = await startEnvironment(config, log);
  const resources = new Resources(env.config, log);
  const workers = startWorkers(resources, allStageHandlers(resources), WORKER_STAGES);
  const shutdown = async () => {
    stopListening();
    await workers.close();
    await resources.close();
    await env.close();
  };
  // Every bucket event, from the first drop until Ctrl-C: letters dropped later (with the AWS CLI,
  // s3cmd, …) are processed as the demo's own are.
  const stopListening = listenToBucket(env, resources, log);
  try {
    await resources.prepare();
    const rows = await dropAndWait(env, resources, drops);
    const summary = summarize(rows, Date.now() - started);
    printSummary(rows, summary, {
      bucket: env.config.IMR_LETTER_BUCKET,
      s3: env.config.S3_ENDPOINT ?? 'AWS',
      database: env.config.DATABASE_URL
        ? 'PostgreSQL (DATABASE_URL)'
        : `PGlite in ${env.config.IMR_DATA_DIR}/pglite`,
    });
    if (values.json) console.log(JSON.stringify(summary));
    if (values.exit) return 0;
    const dashboard = await listen(
      createDashboard({ queues: resources.queues, search: () => resources.search(), log, tokens }),
      env.config.PORT,
      '127.0.0.1',
    );
    console.log(`\nSearch page: ${dashboard.url}/`);
    console.log(`Bull Board: ${dashboard.url}/ui   search API: ${dashboard.url}/api/search?q=ketamine`);
    console.log(
      `S3: ${env.config.S3_ENDPOINT} (access key ${env.config.S3_ACCESS_KEY_ID ?? '-'}); drop more letters into s3://${env.config.IMR_LETTER_BUCKET}/`,
    );
    console.log('Processing every drop and serving until Ctrl-C.');
    await new Promise<void>((resolve) => {
      process.once('SIGINT', resolve);
      process.once('SIGTERM', resolve);
    });
    await dashboard.close();
    return 0;
  } finally {
    await shutdown();
  }
}

function dispatchDeps(env: Environment, resources: Resources) {
  return {
    queues: resources.queues,
    filter: { buckets: [env.config.IMR_LETTER_BUCKET] },
    removeSource: async (source: { bucket: string; key: string }) => {
      await (await resources.search()).removeSource(source);
    },
  };
}

/**
 * Turns the embedded S3 server's bucket events into jobs, as the trigger service does for a real
 * bucket, until the returned function is called. An external S3 sends its events elsewhere.
 */
function listenToBucket(env: Environment, resources: Resources, log: Logger): () => void {
  const server = env.s3Server;
  if (!server) return () => undefined;
  const deps = dispatchDeps(env, resources);
  const onNotification = (notification: unknown) => {
    const parsed = s3EventSchema.safeParse(notification);
    if (!parsed.success) return log.warn('ignored a malformed bucket event');
    dispatchChanges(objectChanges(parsed.data), deps).catch((err) =>
      log.error({ err }, 'could not dispatch a bucket event'),
    );
  };
  server.events.on('notification', onNotification);
  return () => server.events.off('notification', onNotification);
}

/** Drops every letter into the bucket and waits for each to be indexed or to fail. */
async function dropAndWait(env: Environment, resources: Resources, drops: Drop[]): Promise<LetterRow[]> {
  const bucket = env.config.IMR_LETTER_BUCKET;
  const sources: ObjectRef[] = [];
  const byKey = new Map<string, Drop>();
  for (const drop of drops) {
    const key = `incoming/${drop.name}`;
    const { etag } = await resources.objects.put(bucket, key, drop.bytes);
    const source = { bucket, key, etag, versionId: null };
    sources.push(source);
    byKey.set(key, drop);
    if (!env.s3Server) {
      // An external S3 sends its events elsewhere (or nowhere): act as its notification here.
      await dispatchChanges(
        [{ kind: 'created', source, sequencer: null, eventTime: null }],
        dispatchDeps(env, resources),
      );
    }
  }
  const traces = await waitForSources(resources.queues, resources.redis, sources);
  const rows: LetterRow[] = [];
  for (const source of sources) {
    const trace = traces.get(source) as Trace;
    const drop = byKey.get(source.key) as Drop;
    const row: LetterRow = { key: source.key, format: drop.format, trace, layout: null, decisions: 0 };
    if (trace.state === 'indexed' && trace.letterId) {
      const det = await resources.artifacts.getJson(
        artifactKey(trace.letterId, 'determination.json'),
        determinationSchema,
      );
      row.layout = det.layout;
      row.decisions = det.decisions.length;
    }
    rows.push(row);
  }
  return rows;
}
