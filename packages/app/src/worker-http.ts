import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { WorkerStage } from '@imr/contracts';
import type { Logger } from '@imr/logging';
import { collectProcessMetrics, renderMetrics, setDependencySource } from '@imr/metrics';
import { checkReadiness, type Readiness } from './readiness.ts';
import type { Resources } from './resources.ts';

export interface WorkerHttpOptions {
  /** 0 = a free port (see `port` of the result). */
  port: number;
  host?: string;
  log: Logger;
  /** GET /readyz: 200 when ready, else 503; the body says which parts answer. */
  readiness: () => Promise<Readiness>;
}

export interface WorkerHttp {
  url: string;
  port: number;
  /** Stops listening and closes open connections. Idempotent. */
  close(): Promise<void>;
}

/**
 * The port child `index` of `imr worker --processes N` listens on: IMR_HTTP_PORT + index (every
 * child on a free port when it is 0; none when it is unset). Set it as the child's IMR_HTTP_PORT.
 */
export function workerHttpPort(base: number | undefined, index: number): number | undefined {
  if (base === undefined) return undefined;
  if (base === 0) return 0;
  const port = base + index;
  if (!Number.isInteger(port) || port < 1 || port > 65_535) {
    throw new RangeError(`IMR_HTTP_PORT ${base} + ${index} is not a TCP port`);
  }
  return port;
}

function send(res: ServerResponse, status: number, type: string, body: string, head: boolean) {
  res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' });
  res.end(head ? undefined : body);
}

const json = (value: unknown) => `${JSON.stringify(value)}\n`;
const JSON_TYPE = 'application/json; charset=utf-8';

/**
 * A worker process's own HTTP port: `/healthz` (alive: answered by the event loop, so a blocked
 * loop fails it), `/readyz` (its dependencies answer; 503 with the failing parts) and `/metrics`
 * (Prometheus; with `imr_dependency_up` from the same check). GET and HEAD only; nothing of a
 * request but its method and path is read.
 */
export function startWorkerHttp(options: WorkerHttpOptions): Promise<WorkerHttp> {
  collectProcessMetrics();
  // Probes arriving together share one readiness check.
  let checking: Promise<Readiness> | null = null;
  const readiness = () => {
    checking ??= options.readiness().finally(() => {
      checking = null;
    });
    return checking;
  };
  // imr_dependency_up: the same check, at scrape time.
  const unsetDependencies = setDependencySource(async () => {
    const state = await readiness();
    return {
      redis: state.redis.ok,
      ...(state.s3 ? { s3: state.s3.ok } : {}),
      ...(state.database ? { database: state.database.ok } : {}),
    };
  });
  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const head = req.method === 'HEAD';
    if (req.method !== 'GET' && !head) {
      res.setHeader('allow', 'GET, HEAD');
      return send(res, 405, JSON_TYPE, json({ error: 'method not allowed' }), false);
    }
    const path = (req.url ?? '/').split('?')[0];
    if (path === '/healthz') return send(res, 200, JSON_TYPE, json({ ok: true }), head);
    if (path === '/readyz') {
      const state = await readiness();
      return send(res, state.ready ? 200 : 503, JSON_TYPE, json(state), head);
    }
    if (path === '/metrics') {
      const { contentType, body } = await renderMetrics();
      return send(res, 200, contentType, body, head);
    }
    return send(res, 404, JSON_TYPE, json({ error: 'not found' }), head);
  };
  const server = createServer((req, res) => {
    handle(req, res).catch((err) => {
      options.log.error({ err }, 'worker http request failed');
      if (!res.headersSent) send(res, 500, JSON_TYPE, json({ error: 'internal' }), false);
      else res.destroy();
    });
  });
  server.requestTimeout = 10_000;
  server.headersTimeout = 5_000;
  const host = options.host ?? '0.0.0.0';
  return new Promise((resolve, reject) => {
    const failed = (err: Error) => {
      unsetDependencies();
      reject(err);
    };
    server.once('error', failed);
    server.listen(options.port, host, () => {
      server.off('error', failed);
      const { port } = server.address() as AddressInfo;
      const shown = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host;
      let closing: Promise<void> | null = null;
      resolve({
        url: `http://${shown.includes(':') ? `[${shown}]` : shown}:${port}`,
        port,
        close() {
          closing ??= new Promise<void>((done) => {
            unsetDependencies();
            server.close(() => done());
            server.closeAllConnections();
          });
          return closing;
        },
      });
    });
  });
}

/**
 * The HTTP port of a worker process running `stages`, when IMR_HTTP_PORT is set (else null): ready
 * when Redis and the buckets its stages use answer, and the search database too for the index stage.
 */
export async function startWorkerProcessHttp(
  resources: Resources,
  stages: readonly WorkerStage[],
  port = resources.config.IMR_HTTP_PORT,
): Promise<WorkerHttp | null> {
  if (port === undefined) return null;
  const { config, log } = resources;
  const buckets =
    stages.includes('ingest') || stages.includes('ocr')
      ? [config.IMR_LETTER_BUCKET, config.IMR_ARTIFACT_BUCKET]
      : [config.IMR_ARTIFACT_BUCKET];
  const http = await startWorkerHttp({
    port,
    host: config.HOST,
    log,
    readiness: () => checkReadiness(resources, { database: stages.includes('index'), buckets }),
  });
  log.info({ port: http.port, url: http.url }, 'worker http listening: /healthz, /readyz, /metrics');
  return http;
}
