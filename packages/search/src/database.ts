export interface QueryOptions {
  /**
   * Keep the statement prepared on its connection: a named statement on PostgreSQL (run with
   * plan_cache_mode = force_generic_plan, it is planned once a connection). PGlite runs it unnamed,
   * planned on each call.
   */
  prepare?: boolean;
  /**
   * Settings (name to value) the statement runs under, and no other statement: on PostgreSQL, on
   * connections of their own opened with them (one round trip a statement); on PGlite, in a
   * transaction that sets them. Outside a transaction only.
   */
  settings?: Readonly<Record<string, string>>;
}

/** What the index needs from a database: parameterised queries, transactions and one held session. */
export interface Queryable {
  query<T = Record<string, unknown>>(
    sql: string,
    params?: readonly unknown[],
    options?: QueryOptions,
  ): Promise<{ rows: T[] }>;
}

/**
 * One connection held for a while, as node-pg-migrate expects of its `dbClient`: a query without
 * parameters may hold several statements.
 */
export interface SessionClient {
  query(sql: string, params?: readonly unknown[]): Promise<{ rows: Record<string, unknown>[] }>;
}

export type Engine = 'pglite' | 'postgres';

export interface SearchDatabase extends Queryable {
  readonly engine: Engine;
  /** Runs fn inside BEGIN/COMMIT on one connection; rolls back when fn throws. */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  /** Holds one connection for fn (session-level advisory locks, migrations). */
  withSession<T>(fn: (client: SessionClient) => Promise<T>): Promise<T>;
  /** Idempotent. */
  close(): Promise<void>;
}
