import { createHash } from 'node:crypto';
import { isNetworkError, PipelineError } from '@imr/contracts';
import pg from 'pg';
import type { Queryable, QueryOptions, SearchDatabase, SessionClient } from './database.ts';

/** SQLSTATE classes that mean the server cannot be reached or is going away, not that a query is wrong. */
const UNAVAILABLE_SQLSTATE = /^(08|53|57P0)/;

/**
 * Whether a failure means the server cannot be reached, from codes and types, never message text:
 * a network error code, an unavailability SQLSTATE, or what `pg` throws when its connection ends
 * mid-query or cannot be made in time: a plain Error with no code (the server's own errors are
 * DatabaseErrors with a SQLSTATE; programming errors are TypeErrors and the like).
 */
export function isUnavailable(error: unknown): boolean {
  if (isNetworkError(error)) return true;
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string') return UNAVAILABLE_SQLSTATE.test(code);
  return error instanceof Error && error.constructor === Error;
}

/** Connection failures become `database_unavailable` (transient); other errors pass unchanged. */
function mapError(error: unknown): unknown {
  if (!isUnavailable(error)) return error;
  const code = (error as { code?: unknown }).code;
  return new PipelineError(
    'database_unavailable',
    `search database unavailable (${String(code ?? 'closed')})`,
    {
      cause: error,
    },
  );
}

/** A setting's name and value as a connection's startup options may carry them (no spaces). */
const SETTING_NAME = /^[a-z_]+$/;
const SETTING_VALUE = /^[A-Za-z0-9_.]+$/;

/** A prepared statement's name: the same for the same SQL on every connection, never for other SQL. */
const statementName = (sql: string) => `imr_${createHash('sha256').update(sql).digest('hex').slice(0, 32)}`;

async function run<T>(
  client: pg.Pool | pg.PoolClient,
  sql: string,
  params?: readonly unknown[],
  options?: QueryOptions,
) {
  const values = params ? [...params] : undefined;
  try {
    const result = options?.prepare
      ? await client.query({ name: statementName(sql), text: sql, values })
      : await client.query(sql, values);
    return { rows: result.rows as T[] };
  } catch (error) {
    throw mapError(error);
  }
}

/** A PostgreSQL server through a `pg` connection pool. */
export async function openPostgresDatabase(databaseUrl: string, poolSize = 10): Promise<SearchDatabase> {
  // JIT off: the index's statements read bounded numbers of rows, but the planner cannot always see
  // the bound (a LIMIT over a bitmap, a sample fraction computed at run time) and compiled an
  // unfiltered listing's sample estimate: 19 ms of JIT for 1,586 rows read in 2 ms.
  const newPool = (settings: ReadonlyArray<[string, string]>) => {
    const options = [['jit', 'off'], ...settings].map(([name, value]) => `-c ${name}=${value}`).join(' ');
    const pool = new pg.Pool({ connectionString: databaseUrl, max: poolSize, options });
    // An idle client that loses its connection emits here; the next query reconnects.
    pool.on('error', () => {});
    return pool;
  };
  const pool = newPool([]);
  /** Pools whose connections start with settings (QueryOptions.settings), opened on first use. */
  const settled = new Map<string, pg.Pool>();
  const poolFor = (settings: Readonly<Record<string, string>>) => {
    const entries = Object.entries(settings).sort(([a], [b]) => a.localeCompare(b));
    for (const [name, value] of entries) {
      if (!SETTING_NAME.test(name) || !SETTING_VALUE.test(value)) throw new TypeError(`bad setting ${name}`);
    }
    const key = entries.map(([name, value]) => `${name}=${value}`).join(' ');
    const found = settled.get(key) ?? newPool(entries);
    settled.set(key, found);
    return found;
  };
  let closing: Promise<void> | null = null;

  /**
   * A client of the pool, for one transaction or session. While checked out, pg-pool no longer
   * listens to its errors, and a connection the server drops would emit an unhandled 'error' that
   * ends the process: `lost` records it instead (the query in flight fails on its own), and the
   * client is destroyed, never reused, on release.
   */
  const connect = async () => {
    let client: pg.PoolClient;
    try {
      client = await pool.connect();
    } catch (error) {
      throw mapError(error);
    }
    let lost: Error | undefined;
    const onError = (error: Error) => {
      lost = error;
    };
    client.on('error', onError);
    return {
      client,
      release(broken?: unknown) {
        client.off('error', onError);
        client.release(broken instanceof Error ? broken : lost);
      },
    };
  };

  return {
    engine: 'postgres',
    query: (sql, params, options) =>
      run(options?.settings ? poolFor(options.settings) : pool, sql, params, options),
    async transaction(fn) {
      const { client, release } = await connect();
      let broken: unknown;
      try {
        await run(client, 'BEGIN');
        const tx: Queryable = { query: (sql, params, options) => run(client, sql, params, options) };
        const value = await fn(tx);
        await run(client, 'COMMIT');
        return value;
      } catch (error) {
        await client.query('ROLLBACK').catch((rollbackError: unknown) => {
          broken = rollbackError;
        });
        throw error;
      } finally {
        // A client whose rollback failed may be mid-transaction: destroy it rather than reuse it.
        release(broken);
      }
    },
    async withSession(fn) {
      const { client, release } = await connect();
      let broken: unknown;
      try {
        const session: SessionClient = { query: (sql, params) => run(client, sql, params) };
        return await fn(session);
      } catch (error) {
        // A session that failed may be left mid-transaction (a migration that raised): destroy it
        // rather than hand it to the next query, which would fail with "transaction is aborted".
        broken = error instanceof Error ? error : new Error('session failed');
        throw error;
      } finally {
        release(broken);
      }
    },
    close() {
      closing ??= Promise.all([pool, ...settled.values()].map((p) => p.end())).then(() => {});
      return closing;
    },
  };
}
