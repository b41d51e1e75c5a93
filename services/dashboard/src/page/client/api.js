/** The dashboard's JSON API, read with the page's own credentials (same origin). */

export class ApiError extends Error {
  constructor(status, code, message, fields) {
    super(message);
    this.status = status;
    this.code = code;
    this.fields = fields;
  }
}

async function getJson(path, signal) {
  const res = await fetch(path, {
    headers: { accept: 'application/json' },
    credentials: 'same-origin',
    signal,
  });
  let body = null;
  try {
    body = await res.json();
  } catch {
    body = null;
  }
  if (!res.ok) {
    const error = body?.error ?? {};
    throw new ApiError(
      res.status,
      typeof error.code === 'string' ? error.code : `http_${res.status}`,
      typeof error.message === 'string' ? error.message : res.statusText,
      Array.isArray(error.fields) ? error.fields : [],
    );
  }
  return body;
}

/** One page of decisions, with facets and the next page's cursor. */
export function searchDecisions(params, signal) {
  return getJson(`/api/search?${params}`, signal);
}

/** Overturn rates by category, guideline body, reviewer specialty and year. */
export function getStats(params, signal) {
  return getJson(`/api/stats?${params}`, signal);
}

/** One letter's determination: every decision with its citations and texts. */
export function getLetter(id, signal) {
  return getJson(`/api/letters/${encodeURIComponent(id)}`, signal);
}
