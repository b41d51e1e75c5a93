import type { Logger } from '@imr/logging';
import { type SearchIndex, SearchInputError } from '@imr/search';
import { Hono } from 'hono';
import { FILTER_PARAMS, queryObject, SEARCH_PARAMS } from './query-params.ts';

/**
 * Values the search package lets through but PostgreSQL refuses. Both are the caller's: a cursor
 * whose rank was edited out of the range of a real (SQLSTATE 22003, numeric value out of range:
 * the cursor's rank is the only real a search binds), and a query of more than 32 negations in a row,
 * which overflows the tsquery parser's fixed stack (`- - - ... -`, SQLSTATE XX000). A stopgap until
 * the search package refuses them itself: it answers them as the package would, a 400 naming the field.
 */
function refusedByDatabase(err: unknown, url: URL): SearchInputError | null {
  if (typeof err !== 'object' || err === null) return null;
  const { code, message } = err as { code?: unknown; message?: unknown };
  if (code === '22003' && url.searchParams.has('cursor')) {
    return new SearchInputError('invalid_cursor', ['cursor'], { cause: err });
  }
  if (code === 'XX000' && message === 'tsquery stack too small' && url.searchParams.has('q')) {
    return new SearchInputError('invalid_query', ['q'], { cause: err });
  }
  return null;
}

function badRequest(err: SearchInputError) {
  return { error: { code: err.code, message: err.message, fields: err.fields } };
}

/**
 * The read API over the index: GET /search, /letters/:id, /stats. Bad input answers 400 with a
 * code and the offending fields (from the search package's validation); it never reaches SQL.
 */
export function searchApi(search: () => Promise<SearchIndex>, log: Logger): Hono {
  const api = new Hono();
  api.onError((err, c) => {
    if (err instanceof SearchInputError) return c.json(badRequest(err), 400);
    const refused = refusedByDatabase(err, new URL(c.req.url));
    if (refused) {
      log.warn(
        { code: refused.code, fields: refused.fields, cause: (err as Error).message },
        'refused a query',
      );
      return c.json(badRequest(refused), 400);
    }
    log.error({ err }, 'api error');
    return c.json({ error: { code: 'internal', message: 'internal error' } }, 500);
  });
  api.get('/search', async (c) => {
    const page = await (await search()).search(queryObject(new URL(c.req.url), SEARCH_PARAMS));
    return c.json(page);
  });
  api.get('/letters/:id', async (c) => {
    const id = c.req.param('id');
    if (!/^[0-9a-f]{64}$/.test(id)) {
      return c.json(
        { error: { code: 'invalid_id', message: 'a letter id is a hex SHA-256', fields: ['id'] } },
        400,
      );
    }
    const letter = await (await search()).getLetter(id);
    return letter ? c.json(letter) : c.json({ error: { code: 'not_found', message: 'no such letter' } }, 404);
  });
  api.get('/stats', async (c) => {
    return c.json(await (await search()).stats(queryObject(new URL(c.req.url), FILTER_PARAMS)));
  });
  return api;
}
