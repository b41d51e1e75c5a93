import { readFileSync } from 'node:fs';
import { CITATION_BODIES, OUTCOMES, TREATMENT_CATEGORIES } from '@imr/contracts';
import { Hono, type MiddlewareHandler } from 'hono';

/**
 * The search page's policy: scripts, styles, fetches and images from this origin only; no inline
 * script or style, no plugins, no framing, no <base>, forms posting only here.
 */
export const PAGE_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self'",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** Headers of every page response: the CSP, no sniffing, no referrer, no framing, no caching of records. */
export const pageHeaders: MiddlewareHandler = async (c, next) => {
  await next();
  c.header('Content-Security-Policy', PAGE_CSP);
  c.header('X-Content-Type-Options', 'nosniff');
  c.header('Referrer-Policy', 'no-referrer');
  c.header('X-Frame-Options', 'DENY');
  c.header('Cross-Origin-Opener-Policy', 'same-origin');
  c.header('Cross-Origin-Resource-Policy', 'same-origin');
  c.header('Cache-Control', 'no-store');
};

const here = (file: string) => new URL(file, import.meta.url);

/** The client's files, by the name they are served under (/page/<name>): nothing else is served. */
export const PAGE_ASSETS: Readonly<Record<string, string>> = {
  'style.css': 'text/css; charset=utf-8',
  'icon.svg': 'image/svg+xml',
  'app.js': 'text/javascript; charset=utf-8',
  'api.js': 'text/javascript; charset=utf-8',
  'dom.js': 'text/javascript; charset=utf-8',
  'state.js': 'text/javascript; charset=utf-8',
  'results.js': 'text/javascript; charset=utf-8',
  'letter.js': 'text/javascript; charset=utf-8',
  'chart.js': 'text/javascript; charset=utf-8',
};

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
const options = (values: readonly string[]) =>
  values.map((v) => `<option value="${escapeHtml(v)}">${escapeHtml(v)}</option>`).join('');

/** index.html with the filters' choices filled in from the contracts (one list of categories). */
function renderIndex(): string {
  return readFileSync(here('./index.html'), 'utf8')
    .replace('<!--outcome-options-->', options(OUTCOMES))
    .replace('<!--category-options-->', options(TREATMENT_CATEGORIES))
    .replace('<!--body-options-->', options(CITATION_BODIES));
}

/** The search page at / and its files at /page/*; read once, at start-up. */
export function searchPage(): Hono {
  const index = renderIndex();
  const assets = new Map(
    Object.entries(PAGE_ASSETS).map(([name, type]) => [
      name,
      { type, body: readFileSync(here(`./client/${name}`), 'utf8') },
    ]),
  );
  const page = new Hono();
  // Per route: a sub-app's `*` middleware would cover every path of the app it is mounted in.
  page.use('/', pageHeaders);
  page.use('/page/*', pageHeaders);
  page.get('/', (c) => c.html(index));
  page.get('/page/:name', (c) => {
    const asset = assets.get(c.req.param('name'));
    if (!asset) return c.text('404 Not Found', 404);
    return c.body(asset.body, 200, { 'Content-Type': asset.type });
  });
  return page;
}
