import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import type { Hono } from 'hono';

/**
 * Serves `app` on `host`:`port` (0 = a free port); resolves once listening. The host is loopback
 * unless the caller passes another (main.ts passes config.HOST, after checking the tokens for it).
 */
export function listen(app: Hono, port: number, host = '127.0.0.1') {
  return new Promise<{ url: string; close: () => Promise<void> }>((resolve, reject) => {
    const server = serve({ fetch: app.fetch, port, hostname: host }, (info: AddressInfo) => {
      server.off('error', reject);
      const shown =
        host === '0.0.0.0' ? '127.0.0.1' : host === '::' ? '[::1]' : host.includes(':') ? `[${host}]` : host;
      resolve({
        url: `http://${shown}:${info.port}`,
        close: () => new Promise<void>((done) => server.close(() => done())),
      });
    });
    server.once('error', reject);
  });
}
