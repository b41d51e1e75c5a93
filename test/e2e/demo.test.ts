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

it('imr demo --input DIR indexes every good letter and reports every other file under its failure code', async () => {
  const { writeFileSync, readFileSync, mkdirSync } = await import('node:fs');
  const { join } = await import('node:path');
  const { generateLetter, renderLetter } = await import('@imr/letters');
  const { SEEDS_DIR, seedNames } = await import('../support/seeds.ts');
  const input = join(data.path, 'input');
  mkdirSync(input, { recursive: true });
  const [seed] = seedNames();
  writeFileSync(join(input, 'seed letter.txt'), readFileSync(join(SEEDS_DIR, `${seed}.txt`)));
  writeFileSync(
    join(input, 'letter.pdf'),
    await renderLetter(generateLetter(1, { layout: 'maximus-imr' }), { format: 'pdf' }),
  );
  const whole = await renderLetter(generateLetter(2), { format: 'pdf' });
  writeFileSync(join(input, 'truncated.pdf'), whole.subarray(0, Math.floor(whole.length / 2)));
  writeFileSync(
    join(input, 'locked.pdf'),
    await renderLetter(generateLetter(3), { format: 'pdf', userPassword: 'pw' }),
  );
  // A scan whose words are inked bars: read by OCR (the ocr lane), which finds no readable text.
  writeFileSync(
    join(input, 'scan.pdf'),
    await renderLetter(generateLetter(4), { format: 'pdf', noTextLayer: true }),
  );
  // A real letter scanned (150 dpi grey JPEG pages in a PDF): read by OCR and indexed.
  const { scanPdf } = await import('../../packages/documents/src/ocr-test-scans.ts');
  writeFileSync(
    join(input, 'scanned letter.pdf'),
    scanPdf(readFileSync(new URL('../../../shared/corpus/real/000.pdf', import.meta.url))),
  );
  // The first bytes of a JPEG, cut short: an image file, damaged.
  writeFileSync(
    join(input, 'photo.jpg'),
    Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46, 0x49, 0x46, 0, 1, 1, 0, 0, 1]),
  );
  writeFileSync(join(input, 'empty.txt'), '');
  writeFileSync(join(input, 'notes.txt'), 'Shopping list: milk, eggs, bread.\n');
  const { code, stdout, stderr } = await runImr(['demo', '--input', input, '--exit', '--json'], {
    IMR_DATA_DIR: join(data.path, 'input-data'),
    REDIS_URL: '',
    S3_ENDPOINT: '',
    DATABASE_URL: '',
  });
  expect(code, stderr).toBe(0);
  const summary = JSON.parse(stdout.trim().split('\n').pop() as string);
  expect(summary, stdout).toMatchObject({
    letters: 9,
    indexed: 3,
    failed: 6,
    failures: {
      pdf_corrupt: 1,
      pdf_encrypted: 1,
      no_text_layer: 1,
      image_corrupt: 1,
      empty: 1,
      not_imr_letter: 1,
    },
  });
}, 180_000);
