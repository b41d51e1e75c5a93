import type { Queryable, QueryOptions, SearchDatabase } from '../database.ts';

/** A statement as a search sent it. */
export interface RecordedStatement {
  sql: string;
  params: readonly unknown[];
  options: QueryOptions | undefined;
}

/** The database, with every statement sent through it (in a transaction or not) written down in order. */
export function recordingDatabase(db: SearchDatabase): {
  db: SearchDatabase;
  statements: RecordedStatement[];
} {
  const statements: RecordedStatement[] = [];
  const record = (target: Queryable): Queryable => ({
    query: (sql, params, options) => {
      statements.push({ sql, params: params ?? [], options });
      return target.query(sql, params, options);
    },
  });
  const recorded: SearchDatabase = {
    engine: db.engine,
    query: record(db).query,
    transaction: (fn) => db.transaction((tx) => fn(record(tx))),
    withSession: (fn) => db.withSession(fn),
    close: () => db.close(),
  };
  return { db: recorded, statements };
}
