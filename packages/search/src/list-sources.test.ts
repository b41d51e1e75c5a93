import { describe, expect, it } from 'vitest';
import { ENGINES, openTestIndex, syntheticDetermination } from './testing/index.ts';

describe.each(ENGINES)('listSources on %s', (engine) => {
  it('pages through every source of every letter once, and filters by indexing time', async () => {
    const { index, dispose } = await openTestIndex(engine);
    try {
      for (let i = 0; i < 7; i++) {
        const det = syntheticDetermination(i);
        await index.upsertLetter(det, { bucket: 'b', key: `k${i}`, etag: null });
        if (i === 0) await index.upsertLetter(det, { bucket: 'b', key: 'copy-of-0', etag: null });
      }
      const pages = [];
      for await (const page of index.listSources({ pageSize: 3 })) pages.push(page);
      expect(pages.map((p) => p.length)).toEqual([3, 3, 2]);
      const keys = pages.flat().map((s) => s.key);
      expect(new Set(keys).size).toBe(8);
      const future = new Date(Date.now() + 60_000);
      const none = [];
      for await (const page of index.listSources({ since: future })) none.push(...page);
      expect(none).toEqual([]);
    } finally {
      await dispose();
    }
  });
});
