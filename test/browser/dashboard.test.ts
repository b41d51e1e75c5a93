import { createHash } from 'node:crypto';
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import type { ObjectRef, TreatmentCategory } from '@imr/contracts';
import { S3RVER_CREDENTIALS } from '@imr/embedded';
import { generateCorpus, renderLetter } from '@imr/letters';
import { createLogger } from '@imr/logging';
import { DeadLetters } from '@imr/queue';
import type { SearchIndex } from '@imr/search';
import { createDashboard, listen } from '@imr/service-dashboard';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readSeed, seedNames } from '../support/seeds.ts';
import { createTestDatabase, startRedis } from '../support/services.ts';
import { launchChromium, screenshot, screenshotOf } from './chromium.ts';
import { startPipelineBehindPolicy } from './pipeline.ts';

const READ_TOKEN = 'browser-test-read-token-0123456789';
const ADMIN_TOKEN = 'browser-test-admin-token-0123456789';
/** A seed letter with markup in a disputed item's title and in a rationale: shown as text, never run. */
const HOSTILE_ITEM = 'KETAMINE <img src=x onerror=alert(1)> 5% CREAM 60 GR. QTY: 1';

let redis: Awaited<ReturnType<typeof startRedis>>;
let db: Awaited<ReturnType<typeof createTestDatabase>>;
let pipeline: Awaited<ReturnType<typeof startPipelineBehindPolicy>>;
let s3: S3Client;
let index: SearchIndex;
let dashboard: Awaited<ReturnType<typeof listen>>;
let browser: Browser;
/** The letter whose ingest the artifact bucket refused. */
let refused: { source: ObjectRef; letterId: string; caseNumber: string | null };

async function drop(key: string, body: Uint8Array | string): Promise<ObjectRef> {
  const bucket = pipeline.config.IMR_LETTER_BUCKET;
  const res = await s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: body }));
  return { bucket, key, etag: (res.ETag ?? '').replace(/"/g, ''), versionId: null };
}

beforeAll(async () => {
  // Fails here, clearly, when Chromium is missing: before any server starts.
  browser = await launchChromium();
  redis = await startRedis();
  db = await createTestDatabase();
  pipeline = await startPipelineBehindPolicy(redis.url, db.url);
  s3 = new S3Client({
    endpoint: pipeline.s3.server.endpoint,
    region: 'us-east-1',
    forcePathStyle: true,
    credentials: S3RVER_CREDENTIALS,
  });

  // The seeds, one of them with markup, and synthetic letters of every layout.
  const sources: ObjectRef[] = [];
  for (const name of seedNames()) sources.push(await drop(`incoming/${name}.txt`, readSeed(name).bytes));
  const [first] = seedNames();
  const hostile = readSeed(first as string)
    .bytes.toString('utf8')
    .replace(/^KETAMINE 5% CREAM 60 GR\. QTY: 1: Upheld/m, `${HOSTILE_ITEM}: Upheld`)
    .replace('Ketamine has not been approved', 'Ketamine <script>alert(2)</script> has not been approved');
  sources.push(await drop('incoming/hostile.txt', hostile));
  const letters = generateCorpus(13, { seed: 11 });
  const held = letters.pop() as (typeof letters)[number];
  for (const [i, letter] of letters.entries()) {
    sources.push(
      await drop(`incoming/syn-${i}.txt`, await renderLetter(letter, { format: 'txt', encoding: 'utf-8' })),
    );
  }
  const traces = await pipeline.settle(sources);
  expect([...traces.values()].map((t) => t.state)).toEqual(sources.map(() => 'indexed'));

  // The artifact bucket's policy refuses the workers' writes: a PDF letter dropped now fails at
  // ingest (which stores its text layer) with storage_refused, permanent (no retry heals a
  // policy), and is dead-lettered.
  pipeline.policy.denyWrites(pipeline.config.IMR_ARTIFACT_BUCKET);
  const bytes = await renderLetter(held, { format: 'pdf' });
  const source = await drop('incoming/held.pdf', bytes);
  const trace = (await pipeline.settle([source])).get(source);
  expect(trace).toMatchObject({ state: 'failed', stage: 'ingest', code: 'storage_refused' });
  expect(pipeline.policy.refused).toBeGreaterThan(0);
  refused = {
    source,
    letterId: createHash('sha256').update(bytes).digest('hex'),
    caseNumber: held.expected.caseNumber,
  };

  index = await pipeline.resources.search();
  dashboard = await listen(
    createDashboard({
      queues: pipeline.resources.queues,
      search: () => pipeline.resources.search(),
      log: createLogger('test', { level: 'silent' }),
      tokens: { admin: ADMIN_TOKEN, read: READ_TOKEN },
    }),
    0,
  );
});

afterAll(async () => {
  await browser?.close();
  await dashboard?.close();
  s3?.destroy();
  await pipeline?.stop();
  await db?.drop();
  await redis?.stop();
});

/** A browser context logged in with `token` (basic auth), collecting what would show a broken page. */
async function loggedIn(token: string): Promise<{ context: BrowserContext; page: Page; problems: string[] }> {
  const context = await browser.newContext({
    httpCredentials: { username: 'ops', password: token },
    viewport: { width: 1280, height: 900 },
  });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') problems.push(`console ${m.type()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('dialog', (d) => {
    problems.push(`dialog: ${d.message()}`);
    void d.dismiss();
  });
  return { context, page, problems };
}

/** Waits until the results and the charts have been drawn for the page's current search. */
async function settled(page: Page) {
  await page.locator('#results[aria-busy="false"]').waitFor();
  await page.locator('#charts[aria-busy="false"]').waitFor();
}

const summaryOf = (page: { total: number; letters: number }) =>
  `${page.total} decision${page.total === 1 ? '' : 's'} in ${page.letters} letter${page.letters === 1 ? '' : 's'}`;
/** The summary line of a first page of results, exactly. */
const summaryIs = (page: { total: number; letters: number }) => new RegExp(`^${summaryOf(page)}$`);

describe('the search page in Chromium', () => {
  it('is refused without credentials (401 with a basic-auth challenge), page and API alike', async () => {
    const context = await browser.newContext();
    try {
      const page = await context.newPage();
      // Chromium answers the challenge with nothing (headless, no credentials) and ends the
      // navigation with ERR_INVALID_AUTH_CREDENTIALS; the server's answer was a 401.
      const answered = page.waitForResponse((r) => r.url() === `${dashboard.url}/`);
      const navigation = await page.goto(`${dashboard.url}/`).catch((err: Error) => err);
      expect(String(navigation)).toContain('ERR_INVALID_AUTH_CREDENTIALS');
      const response = await answered;
      expect(response.status()).toBe(401);
      expect(response.headers()['www-authenticate']).toMatch(/^Basic realm="imr-pipeline"/);
      await page.waitForLoadState();
      expect(await page.locator('#search').count()).toBe(0);
      await screenshot(page, '01-refused-without-credentials');
      const api = await context.request.get(`${dashboard.url}/api/search?q=ketamine`);
      expect(api.status()).toBe(401);
      expect(await api.json()).toEqual({
        error: { code: 'unauthorized', message: 'a dashboard token is required' },
      });
      const wrong = await context.request.get(`${dashboard.url}/api/stats`, {
        headers: { authorization: 'Bearer not-a-dashboard-token-000' },
      });
      expect(wrong.status()).toBe(401);
    } finally {
      await context.close();
    }
  });

  it('with the read token: searches, narrows by a facet, and opens a letter with every decision', async () => {
    const { context, page, problems } = await loggedIn(READ_TOKEN);
    try {
      const response = await page.goto(`${dashboard.url}/`);
      expect(response?.status()).toBe(200);
      await settled(page);

      // A search, typed as a user would, in imr search's syntax.
      const q = 'pain -ketamine';
      const expected = await index.search({ q });
      expect(expected.total).toBeGreaterThan(1);
      await page.getByLabel('Search decisions').fill(q);
      await page.getByRole('button', { name: 'Search', exact: true }).click();
      await page.locator('#summary', { hasText: summaryIs(expected) }).waitFor();
      await settled(page);
      expect(new URL(page.url()).searchParams.get('q')).toBe(q);
      const hits = page.locator('#hits li.hit');
      expect(await hits.count()).toBe(Math.min(expected.total, 20));
      expect(await hits.locator('a.item').allTextContents()).toEqual(expected.hits.map((h) => h.item));
      const marks = await page.locator('#hits .snippet mark').allTextContents();
      expect(marks.length).toBeGreaterThan(0);
      for (const mark of marks) expect(mark.toLowerCase()).toContain('pain');
      await screenshot(page, '02-search');

      // The facet counts are the index's; a category narrows the results to its count.
      const facetButtons = page.locator('section[data-facet="category"] button');
      const shown = Object.fromEntries(
        await facetButtons.evaluateAll((buttons) =>
          buttons.map((b) => [b.getAttribute('data-value'), Number(b.querySelector('.count')?.textContent)]),
        ),
      );
      expect(shown).toEqual(expected.facets.category);
      const [category, count] = Object.entries(expected.facets.category).sort((a, b) => a[1] - b[1])[0] as [
        TreatmentCategory,
        number,
      ];
      expect(count).toBeLessThan(expected.total);
      const narrowed = await index.search({ q, category });
      await page.locator(`section[data-facet="category"] button[data-value="${category}"]`).click();
      await page.locator('#summary', { hasText: summaryIs(narrowed) }).waitFor();
      await settled(page);
      expect(narrowed.total).toBe(count);
      expect(new URL(page.url()).searchParams.get('category')).toBe(category);
      expect(await page.locator('select[name="category"]').inputValue()).toBe(category);
      expect(new Set(await page.locator('#hits .hit .category').allTextContents())).toEqual(
        new Set([category]),
      );
      expect(
        await page
          .locator(`section[data-facet="category"] button[data-value="${category}"]`)
          .getAttribute('aria-pressed'),
      ).toBe('true');
      await screenshot(page, '03-narrowed-by-category');

      // The letter of the first hit: every decision, its citations and its texts.
      const letterId = narrowed.hits[0]?.letterId as string;
      await page.locator('#hits .hit a.item').first().click();
      await page.locator('#letter[aria-busy="false"] li.decision').first().waitFor();
      expect(new URL(page.url()).searchParams.get('letter')).toBe(letterId);
      const letter = (await index.getLetter(letterId))?.determination;
      expect(letter).toBeTruthy();
      const decisions = page.locator('#letter li.decision');
      expect(await decisions.count()).toBe(letter?.decisions.length);
      for (const [i, decision] of (letter?.decisions ?? []).entries()) {
        const shownDecision = decisions.nth(i);
        expect(await shownDecision.locator('h3').textContent()).toContain(decision.item);
        expect(await shownDecision.locator('li.citation').count()).toBe(decision.citations.length);
        expect(
          await shownDecision
            .locator('li.citation')
            .evaluateAll((els) => els.map((e) => e.getAttribute('data-body'))),
        ).toEqual(decision.citations.map((c) => c.body));
        const texts = await shownDecision.locator('section.text p').allTextContents();
        expect(texts).toEqual(
          [decision.claimsAdministratorBasis, decision.reviewerBasis, decision.rationale].filter(Boolean),
        );
      }
      expect(letter?.decisions.some((d) => d.rationale)).toBe(true);
      await screenshot(page, '04-letter');

      // Back to the results, as they were.
      await page.getByRole('link', { name: '← Back to the results' }).click();
      await page.locator('#results-view:not([hidden])').waitFor();
      expect(new URL(page.url()).searchParams.get('letter')).toBeNull();
      expect(await page.locator('#summary').textContent()).toBe(summaryOf(narrowed));
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('with the read token: pages through the results, forward and back', async () => {
    const { context, page, problems } = await loggedIn(READ_TOKEN);
    try {
      const first = await index.search({});
      const second = await index.search({ cursor: first.nextCursor });
      expect(first.nextCursor).toBeTruthy();
      await page.goto(`${dashboard.url}/`);
      await settled(page);
      const items = () => page.locator('#hits a.item').allTextContents();
      expect(await items()).toEqual(first.hits.map((h) => h.item));
      expect(await page.getByRole('button', { name: 'Previous page' }).isDisabled()).toBe(true);
      await page.getByRole('button', { name: 'Next page' }).click();
      await page.locator('#summary', { hasText: `${summaryOf(second)} · page 2` }).waitFor();
      await settled(page);
      expect(await items()).toEqual(second.hits.map((h) => h.item));
      expect(await page.getByRole('button', { name: 'Next page' }).isDisabled()).toBe(!second.nextCursor);
      await page.getByRole('button', { name: 'Previous page' }).click();
      await page.locator('#summary', { hasText: summaryIs(first) }).waitFor();
      await settled(page);
      expect(await items()).toEqual(first.hits.map((h) => h.item));
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('shows markup in letters as text: no element, no script, no dialog', async () => {
    const { context, page, problems } = await loggedIn(READ_TOKEN);
    try {
      await page.goto(`${dashboard.url}/?q=${encodeURIComponent('ketamine')}`);
      await settled(page);
      const item = page.locator('#hits a.item', { hasText: '<img src=x' });
      await item.waitFor();
      expect(await item.textContent()).toBe(HOSTILE_ITEM);
      expect(await page.locator('#hits img, #hits script').count()).toBe(0);
      await item.click();
      await page.locator('#letter[aria-busy="false"] li.decision').first().waitFor();
      const rationale = page.locator('#letter section.text p', { hasText: '<script>alert(2)</script>' });
      expect(await rationale.count()).toBe(1);
      expect(await page.locator('#letter img, #letter script').count()).toBe(0);
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('with the read token: the chart draws the overturn rate of every category and year from the index', async () => {
    const { context, page, problems } = await loggedIn(READ_TOKEN);
    try {
      await page.goto(`${dashboard.url}/`);
      await settled(page);
      const stats = await index.stats();
      expect(stats.byCategory.length).toBeGreaterThan(2);
      for (const [chart, groups] of [
        ['category', stats.byCategory],
        ['year', stats.byYear],
      ] as const) {
        const bars = await page.locator(`svg[data-chart="${chart}"] g.bar`).evaluateAll((gs) =>
          gs.map((g) => ({
            key: g.getAttribute('data-key'),
            overturned: Number(g.getAttribute('data-overturned')),
            upheld: Number(g.getAttribute('data-upheld')),
            width: Number(g.querySelector('rect.fill')?.getAttribute('width')),
            track: Number(g.querySelector('rect.track')?.getAttribute('width')),
            value: g.querySelector('text.bar-value')?.textContent,
            label: g.querySelector('text.bar-label')?.textContent,
          })),
        );
        expect(bars.map((b) => b.key)).toEqual(groups.map((g) => g.key));
        for (const [i, group] of groups.entries()) {
          const bar = bars[i] as (typeof bars)[number];
          expect(bar, group.key).toMatchObject({
            key: group.key,
            label: group.key,
            overturned: group.overturned,
            upheld: group.upheld,
          });
          const rate = group.overturnRate;
          expect(bar.value, group.key).toBe(
            rate === null
              ? 'no outcome'
              : `${Math.round(rate * 100)}% (${group.overturned}/${group.overturned + group.upheld})`,
          );
          // The bar's length is the rate.
          expect(bar.width, group.key).toBeCloseTo((rate ?? 0) * bar.track, 6);
        }
      }
      await screenshotOf(page.locator('#charts'), '05-chart');
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('with the read token: the form filters (outcome, decision year) narrow results and chart alike', async () => {
    const { context, page, problems } = await loggedIn(READ_TOKEN);
    try {
      await page.goto(`${dashboard.url}/`);
      await settled(page);
      const all = await index.stats();
      // A year of decision dates (undated letters count in the year they were indexed).
      const year = all.byYear.find((g) => g.key < '2025')?.key as string;
      const range = { decisionFrom: `${year}-01-01`, decisionTo: `${year}-12-31` };
      const expected = await index.search({ outcome: 'upheld', ...range });
      expect(expected.total).toBeGreaterThan(0);
      await page.locator('select[name="outcome"]').selectOption('upheld');
      await settled(page);
      await page.locator('select[name="year"]').selectOption(year);
      await page.locator('#summary', { hasText: summaryIs(expected) }).waitFor();
      await settled(page);
      const url = new URL(page.url());
      expect([url.searchParams.get('outcome'), url.searchParams.get('year')]).toEqual(['upheld', year]);
      expect(new Set(await page.locator('#hits .hit .outcome').allTextContents())).toEqual(
        new Set(['upheld']),
      );
      for (const date of await page.locator('#hits .hit .meta').allTextContents())
        expect(date).toContain(`decided ${year}-`);
      // The chart follows the filters: every bar of the year chart is that year, at 0% overturned.
      const stats = await index.stats({ outcome: 'upheld', ...range });
      const years = await page
        .locator('svg[data-chart="year"] g.bar')
        .evaluateAll((gs) =>
          gs.map((g) => [g.getAttribute('data-key'), g.querySelector('text.bar-value')?.textContent]),
        );
      expect(years).toEqual(stats.byYear.map((g) => [g.key, `0% (0/${g.upheld})`]));
      expect(years.map(([key]) => key)).toEqual([year]);
      await screenshot(page, '06-filtered-by-outcome-and-year');
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('with the read token: Bull Board is refused (403)', async () => {
    const { context, page } = await loggedIn(READ_TOKEN);
    try {
      const response = await page.goto(`${dashboard.url}/ui`);
      expect(response?.status()).toBe(403);
      await screenshot(page, '07-read-token-refused-bull-board');
      const retry = await context.request.put(
        `${dashboard.url}/ui/api/queues/ingest/${encodeURIComponent('x')}/retry/failed`,
      );
      expect(retry.status()).toBe(403);
    } finally {
      await context.close();
    }
  });
});

describe('Bull Board in Chromium, with the admin token', () => {
  it('finds the dead letter, retries the job once its cause is fixed, and the letter is indexed and found', async () => {
    const { context, page } = await loggedIn(ADMIN_TOKEN);
    const { page: reader, context: readerContext, problems } = await loggedIn(READ_TOKEN);
    try {
      // The dead letter: the code says the artifact bucket refused the write; it names the job.
      await page.goto(`${dashboard.url}/ui/queue/dead-letter?status=waiting`);
      const entry = page.locator('div[class*="card-"]', { hasText: 'storage_refused' });
      await entry.locator('text=/jobId/').first().waitFor();
      const entryText = ((await entry.first().textContent()) ?? '').replace(/\s+/g, ' ');
      expect(entryText).toContain('"[storage_refused] put in imr-artifacts: AccessDenied 403"');
      expect(entryText).not.toContain(refused.source.key);
      const jobId = /jobId:"(ingest-[0-9a-f]+)"/.exec(entryText)?.[1] as string;
      const trace = (await pipeline.settle([refused.source])).get(refused.source);
      expect(jobId).toBe(trace?.jobId);
      await screenshot(page, '08-bull-board-dead-letter');

      // The operator fixes the bucket policy, then retries the failed job in its stage queue.
      pipeline.policy.denyWrites(null);
      await page.goto(`${dashboard.url}/ui/queue/ingest?status=failed`);
      const card = page.locator('div[class*="card-"]', {
        has: page.locator('span[class*="jobId-"]', { hasText: jobId }),
      });
      // Its error, once Bull Board has drawn it.
      await card.filter({ hasText: '[storage_refused] put in imr-artifacts: AccessDenied 403' }).waitFor();
      await screenshot(page, '09-bull-board-failed-job');
      const retried = page.waitForResponse(
        (r) =>
          r.request().method() === 'PUT' &&
          new URL(r.url()).pathname === `/ui/api/queues/ingest/${jobId}/retry`,
      );
      await card.locator('button:has(svg.lucide-refresh-cw)').click();
      // "Are you sure that you want to retry this job?"
      await page.getByRole('button', { name: 'Confirm' }).click();
      expect((await retried).status()).toBe(204);

      // Indexed: waited for on the queues' events, then read from the index.
      const after = (await pipeline.settle([refused.source])).get(refused.source);
      expect(after).toMatchObject({ state: 'indexed', stage: 'index', letterId: refused.letterId });
      const letter = await index.getLetter(refused.letterId);
      expect(letter?.sources.map((s) => s.key)).toEqual([refused.source.key]);
      expect(await pipeline.resources.queues.queue('ingest').getJobState(jobId)).toBe('completed');
      // Its dead letter is gone with it: the worker removes a completed job's entry.
      const deadLetters = new DeadLetters(pipeline.resources.queues);
      await expect.poll(async () => (await deadLetters.list()).map((e) => e.jobId)).not.toContain(jobId);
      await page.goto(`${dashboard.url}/ui/queue/ingest?status=completed`);
      await page.locator('span[class*="jobId-"]', { hasText: jobId }).waitFor();
      await screenshot(page, '10-bull-board-retried-job-completed');

      // And the search page shows it: its letter, with every decision.
      await reader.goto(`${dashboard.url}/?letter=${refused.letterId}`);
      await reader.locator('#letter[aria-busy="false"] li.decision').first().waitFor();
      expect(await reader.locator('#letter li.decision').count()).toBe(
        letter?.determination.decisions.length,
      );
      await screenshot(reader, '11-retried-letter-on-the-search-page');
      expect(problems).toEqual([]);
    } finally {
      await context.close();
      await readerContext.close();
    }
  });
});
