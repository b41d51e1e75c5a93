import { PGlite } from '@electric-sql/pglite';
import type { Queryable, QueryOptions, SearchDatabase, SessionClient } from './database.ts';
import { refuseSettings, setLocalSql, settingEntries } from './settings.ts';

/**
 * PGlite, the embedded engine: PostgreSQL compiled to WebAssembly, in this process. `dataDir` is a
 * directory where it persists, or `memory://` for a database that lives as long as the process.
 */
export async function openPgliteDatabase(dataDir: string): Promise<SearchDatabase> {
  const pglite = await PGlite.create(dataDir);
  let closing: Promise<void> | null = null;

  const query: Queryable['query'] = async <T>(
    sql: string,
    params?: readonly unknown[],
    options?: QueryOptions,
  ) => {
    const values = params ? [...params] : undefined;
    if (!options?.settings) return { rows: (await pglite.query<T>(sql, values)).rows };
    const [setLocal, settings] = setLocalSql(settingEntries(options.settings));
    return pglite.transaction(async (tx) => {
      await tx.query(setLocal, settings);
      return { rows: (await tx.query<T>(sql, values)).rows };
    });
  };

  // Without parameters a query may hold several statements (migration files): run it with exec.
  const session: SessionClient = {
    async query(sql, params) {
      if (params && params.length > 0) return query<Record<string, unknown>>(sql, params);
      const results = await pglite.exec(sql);
      return { rows: (results.at(-1)?.rows ?? []) as Record<string, unknown>[] };
    },
  };

  return {
    engine: 'pglite',
    query,
    transaction: (fn) =>
      pglite.transaction((tx) =>
        fn({
          query: async <T>(sql: string, params?: readonly unknown[], options?: QueryOptions) => {
            refuseSettings(options);
            const result = await tx.query<T>(sql, params ? [...params] : undefined);
            return { rows: result.rows };
          },
        }),
      ),
    async withSession(fn) {
      try {
        return await fn(session);
      } catch (error) {
        // The one session may be left mid-transaction (a migration that raised): end it, or every
        // later query fails with "transaction is aborted". Outside a transaction this only warns.
        await pglite.exec('ROLLBACK').catch(() => {});
        throw error;
      }
    },
    close() {
      closing ??= pglite.close();
      return closing;
    },
  };
}
