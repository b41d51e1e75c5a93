import { describe, expect, it } from 'vitest';
import { openTestIndex } from './testing/databases.ts';

describe('the PostgreSQL connection', () => {
  it('plans without JIT: search statements read bounded rows the planner cannot always see', async () => {
    const { index, dispose } = await openTestIndex('postgres');
    try {
      const { rows } = await index.db.query<{ jit: string }>('SHOW jit');
      expect(rows[0]?.jit).toBe('off');
    } finally {
      await dispose();
    }
  });
});
