import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { S3RVER_CREDENTIALS } from '@imr/embedded';
import { afterAll, expect, it } from 'vitest';
import { IMR_BIN } from '../support/cli.ts';
import { readSeed, seedNames } from '../support/seeds.ts';
import { tempDir } from '../support/services.ts';

const data = tempDir('imr-demo-listening-');
afterAll(() => data.remove());

/** Reads the demo's stdout until `pattern` matches a line; rejects if the demo exits first. */
function lineMatching(
  lines: AsyncIterator<string>,
  pattern: RegExp,
  seen: string[],
): Promise<RegExpMatchArray> {
  return (async () => {
    for (;;) {
      const { value, done } = await lines.next();
      if (done) throw new Error(`the demo ended before printing ${pattern}:\n${seen.join('\n')}`);
      seen.push(value);
      const match = value.match(pattern);
      if (match) return match;
    }
  })();
}

it('the demo keeps processing letters dropped into its bucket after its own batch, until Ctrl-C', async () => {
  const child = spawn(process.execPath, [IMR_BIN, 'demo', '--count', '2'], {
    env: {
      ...process.env,
      IMR_DATA_DIR: data.path,
      REDIS_URL: '',
      S3_ENDPOINT: '',
      DATABASE_URL: '',
      PORT: '0',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (d) => {
    stderr += d;
  });
  const exited = once(child, 'exit');
  const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  const seen: string[] = [];
  try {
    const [, page] = await lineMatching(lines, /^Search page: (http:\/\/\S+)\/$/, seen);
    const [, endpoint, bucket] = await lineMatching(lines, /^S3: (http:\/\/\S+) .*s3:\/\/([^/]+)\/$/, seen);
    await lineMatching(lines, /until Ctrl-C/, seen);
    const letters = async () => {
      const res = await fetch(`${page}/api/stats`);
      expect(res.status).toBe(200);
      return ((await res.json()) as { letters: number }).letters;
    };
    expect(await letters()).toBe(2);

    // A user drops a letter with their own S3 client, into the printed endpoint, once the batch is done.
    const s3 = new S3Client({
      endpoint: endpoint as string,
      region: 'us-east-1',
      forcePathStyle: true,
      credentials: S3RVER_CREDENTIALS,
    });
    const [seed] = seedNames();
    await s3.send(
      new PutObjectCommand({
        Bucket: bucket,
        Key: 'later/dropped.txt',
        Body: readSeed(seed as string).bytes,
      }),
    );
    s3.destroy();
    // Another process's index: asked until it answers (there is no event to await across processes).
    for (let count = await letters(); count < 3; count = await letters()) {
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(await letters()).toBe(3);

    // Its /metrics counts every letter through every stage, and each one's drop-to-indexed time.
    const metrics = await (await fetch(`${page}/metrics`)).text();
    const sum = (name: string, labels = '') =>
      [...metrics.matchAll(new RegExp(`^${name}\\{([^}]*)\\} (\\S+)$`, 'gm'))]
        .filter((m) => (m[1] as string).includes(labels))
        .reduce((total, m) => total + Number(m[2]), 0);
    for (const stage of ['ingest', 'normalize', 'extract', 'index']) {
      expect(sum('imr_jobs_completed_total', `stage="${stage}"`), stage).toBe(3);
    }
    expect(sum('imr_drop_to_indexed_seconds_count')).toBe(3);
    expect(sum('imr_drop_to_indexed_seconds_bucket', 'le="+Inf"')).toBe(3);
  } catch (err) {
    child.kill('SIGKILL');
    throw new Error(`${(err as Error).message}\nstdout:\n${seen.join('\n')}\nstderr:\n${stderr}`);
  }
  child.kill('SIGINT');
  const [code] = await exited;
  expect(code, stderr).toBe(0);
}, 180_000);
