import { createHash } from 'node:crypto';
import { isNetworkError, PipelineError } from '@imr/contracts';
import pg from 'pg';
import type { Queryable, QueryOptions, SearchDatabase, SessionClient } from './database.ts';
import { refuseSettings, setLocalSql, settingEntries } from './settings.ts';

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
  let closing: Promise<void> | null = null;
  /**
   * Pools whose connections start with settings (QueryOptions.settings), opened on first use; null
   * where the settings do not hold on them: a connection pooler that drops start-up options
   * (PgBouncer with `ignore_startup_parameters = options`), or `?options=` in DATABASE_URL, which
   * replaces the pool's. Statements then run in a transaction that sets them.
   */
  const settled = new Map<string, Promise<pg.Pool | null>>();
  const openSettled = async (entries: Array<[string, string]>) => {
    const candidate = newPool(entries);
    // (Names are plain words: settingEntries checked them.)
    const shown = entries.map(([name], i) => `current_setting('${name}') AS s${i}`);
    try {
      const { rows } = await run<Record<string, string>>(candidate, `SELECT ${shown.join(', ')}`);
      if (entries.every(([, value], i) => rows[0]?.[`s${i}`] === value)) return candidate;
    } catch (error) {
      await candidate.end();
      throw error;
    }
    await candidate.end();
    return null;
  };
  const settledPool = (entries: Array<[string, string]>) => {
    const key = entries.map(([name, value]) => `${name}=${value}`).join(' ');
    let found = settled.get(key);
    if (!found) {
      found = openSettled(entries);
      settled.set(key, found);
      // A failed check (the server down) is not remembered: the next statement checks again.
      found.catch(() => settled.delete(key));
    }
    return found;
  };

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

  const transaction: SearchDatabase['transaction'] = async (fn) => {
    const { client, release } = await connect();
    let broken: unknown;
    try {
      await run(client, 'BEGIN');
      const tx: Queryable = {
        query: (sql, params, options) => {
          refuseSettings(options);
          return run(client, sql, params, options);
        },
      };
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
  };

  /** A statement under settings: on the pool that starts with them, else in a transaction that sets them. */
  const querySettled = async <T>(
    sql: string,
    params: readonly unknown[] | undefined,
    options: QueryOptions & { settings: Readonly<Record<string, string>> },
  ) => {
    if (closing) throw new Error('the search database is closed');
    const entries = settingEntries(options.settings);
    const target = await settledPool(entries);
    if (target) return run<T>(target, sql, params, options);
    return transaction(async (tx) => {
      await tx.query(...setLocalSql(entries));
      return tx.query<T>(sql, params, { ...options, settings: undefined });
    });
  };

  return {
    engine: 'postgres',
    query: (sql, params, options) =>
      options?.settings
        ? querySettled(sql, params, { ...options, settings: options.settings })
        : run(pool, sql, params, options),
    transaction,
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
      const settledPools = [...settled.values()].map((found) => found.then((p) => p?.end()).catch(() => {}));
      closing ??= Promise.all([pool.end(), ...settledPools]).then(() => {});
      return closing;
    },
  };
}
