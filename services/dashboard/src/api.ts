import type { Logger } from '@imr/logging';
import { type SearchIndex, SearchInputError } from '@imr/search';
import { Hono } from 'hono';
import { FILTER_PARAMS, queryObject, SEARCH_PARAMS } from './query-params.ts';

function badRequest(err: SearchInputError) {
  return { error: { code: err.code, message: err.message, fields: err.fields } };
}

/**
 * The read API over the index: GET /search, /letters/:id, /stats. Bad input answers 400 with a
 * code and the offending fields (from the search package's validation); it never reaches SQL.
 */
export function searchApi(search: () => Promise<SearchIndex>, log: Logger): Hono {
  const api = new Hono();
  // Letters are medical records: no cache, shared or private, keeps a copy of an answer.
  api.use('*', async (c, next) => {
    await next();
    c.header('Cache-Control', 'no-store');
    c.header('X-Content-Type-Options', 'nosniff');
  });
  api.onError((err, c) => {
    if (err instanceof SearchInputError) return c.json(badRequest(err), 400);
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
