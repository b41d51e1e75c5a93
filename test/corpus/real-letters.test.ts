import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Determination, determinationSchema } from '@imr/contracts';
import { PdfTextExtractor } from '@imr/documents';
import { compareWithExpected, extractDetermination, normalizeText } from '@imr/parser';
import { beforeAll, describe, expect, it } from 'vitest';

/**
 * The 97 real letters of ../shared/corpus/real (published PDFs): each read as the pipeline reads it
 * (PDF text in a sandboxed thread, normalizeText, extractDetermination) must match its gold in every
 * field, modified requests included (corpus/real/README.md).
 */
const REAL_DIR = fileURLToPath(new URL('../../../shared/corpus/real/', import.meta.url));
const names = readdirSync(REAL_DIR)
  .filter((f) => f.endsWith('.pdf'))
  .map((f) => f.slice(0, -'.pdf'.length))
  .sort();

const texts = new Map<string, string>();
const determinations = new Map<string, Determination>();

beforeAll(async () => {
  const pdf = new PdfTextExtractor({ maxThreads: 2 });
  try {
    await Promise.all(
      names.map(async (name) => {
        const bytes = readFileSync(join(REAL_DIR, `${name}.pdf`));
        const { text } = await pdf.extract(bytes);
        texts.set(name, text);
        const letterId = createHash('sha256').update(bytes).digest('hex');
        determinations.set(name, extractDetermination(normalizeText(text), { letterId }));
      }),
    );
  } finally {
    await pdf.close();
  }
});

const gold = (name: string) => JSON.parse(readFileSync(join(REAL_DIR, `${name}.expected.json`), 'utf8'));
const determination = (name: string) => determinations.get(name) as Determination;

describe('the real letters', () => {
  it('are all there: 97 PDFs, each with its gold', () => {
    expect(names).toHaveLength(97);
    for (const name of names) expect(gold(name).caseNumber).toMatch(/^CM\d{2}-\d{7}$/);
  });

  it.each(names)('%s matches its gold in every field', (name) => {
    const d = determination(name);
    expect(determinationSchema.safeParse(d).error).toBeUndefined();
    const score = compareWithExpected(d, gold(name));
    expect(score.mismatches).toEqual([]);
    expect(score.matched).toBe(score.checked);
  });

  it("get 100% of the gold's fields, every modified request with its decided portion and request", () => {
    let checked = 0;
    let matched = 0;
    let modified = 0;
    for (const name of names) {
      const score = compareWithExpected(determination(name), gold(name));
      checked += score.checked;
      matched += score.matched;
      gold(name).decisions.forEach((g: { modifiedRequest?: boolean }, i: number) => {
        const decision = determination(name).decisions[i];
        if (!g.modifiedRequest) {
          expect(decision?.request, `${name} decision ${i + 1}`).toBeNull();
          return;
        }
        modified++;
        expect(decision?.request?.original, `${name} decision ${i + 1}`).toBeTruthy();
        expect(decision?.item, `${name} decision ${i + 1}`).not.toMatch(/original request|authorized/i);
      });
    }
    expect(modified).toBe(20);
    expect(checked).toBe(1954);
    expect(matched).toBe(checked);
  });
});

describe('headings the real letters break', () => {
  const items = (name: string) => determination(name).decisions.map((d) => d.item);

  it('010: a heading right after a page break', () => {
    expect(texts.get('010')).toContain('set forth below:\fComprehensive psychological testing: Upheld');
    expect(items('010')).toEqual(['Comprehensive psychological testing']);
  });

  it('070: a heading of two lines right after a page break', () => {
    expect(texts.get('070')).toMatch(/below:\fDaily RN for 4 weeks[^\n]*\nmedication management: Overturned/);
    expect(items('070')[0]).toBe(
      'Daily RN for 4 weeks for wound care and monitoring of wound healing and home safety, medication management',
    );
  });

  it("190: a modified request's heading split by a page break", () => {
    expect(texts.get('190')).toContain('was authorized\fby the Claims Administrator');
    expect(determination('190').decisions[0]).toMatchObject({
      item: 'Physical therapy to the lumbar spine 2 times a week for 2 weeks (4)',
      request: {
        original: 'Physical therapy to the lumbar spine 2 times a week for 3 weeks (6)',
        authorized: 'Physical therapy to the lumbar spine 2 times a week for 1 week (2)',
      },
      treatment: { sessions: 4 },
    });
  });

  it('170: a heading straight after the previous rationale, with no blank line', () => {
    expect(texts.get('170')).toContain('is not medically necessary.\nEight physical therapy sessions');
    const [mri, therapy] = determination('170').decisions;
    expect(mri?.rationale).toMatch(/"MRI of the lumbar spine" is not medically necessary\.$/);
    expect(therapy).toMatchObject({
      item: 'Two physical therapy sessions for the lumbar',
      request: {
        original: 'Eight physical therapy sessions for the lumbar',
        authorized: 'Six physical therapy sessions for the lumbar',
      },
      treatment: { sessions: 2 },
    });
  });

  it('068: the whole original request left IMR eligible', () => {
    expect(determination('068').decisions[5]).toMatchObject({
      item: 'Acupuncture treatments (unspecified quantity)',
      request: {
        original: 'Acupuncture treatments (unspecified quantity)',
        authorized: 'Acupuncture treatments, 6 sessions',
      },
    });
  });
});
