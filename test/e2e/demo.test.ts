import { afterAll, expect, it } from 'vitest';
import { runImr } from '../support/cli.ts';
import { tempDir } from '../support/services.ts';

const data = tempDir('imr-demo-');
afterAll(() => data.remove());

it('npm run demo -- --exit --json indexes every sample letter and ends with a JSON summary', async () => {
  const { code, stdout, stderr } = await runImr(['demo', '--exit', '--json', '--count', '12'], {
    IMR_DATA_DIR: data.path,
    REDIS_URL: '',
    S3_ENDPOINT: '',
    DATABASE_URL: '',
  });
  expect(code, stderr).toBe(0);
  const last = stdout.trim().split('\n').pop() as string;
  const summary = JSON.parse(last);
  expect(summary).toMatchObject({ letters: 12, indexed: 12, failed: 0, failures: {} });
  expect(summary.decisions).toBeGreaterThanOrEqual(12);
  expect(Object.keys(summary).sort()).toEqual([
    'decisions',
    'elapsedMs',
    'failed',
    'failures',
    'indexed',
    'letters',
  ]);

  // The index outlives the demo: imr search reads it afterwards.
  const search = await runImr(['search', '', '--json', '--limit', '5'], {
    IMR_DATA_DIR: data.path,
    DATABASE_URL: '',
  });
  expect(search.code, search.stderr).toBe(0);
  expect(search.stdout.trim().split('\n')).toHaveLength(5);
}, 180_000);
