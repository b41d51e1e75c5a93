import { createHash } from 'node:crypto';
import { z } from 'zod';
import { canonicalJson } from './canonical-json.ts';
import { SearchInputError } from './errors.ts';
import { calendarDate } from './inputs.ts';

/**
 * Where a page ended: the sort value of its last hit (a rank as PostgreSQL printed the real, or a
 * recency date) and the hit's key. Opaque to callers; bound to the query and filters it came from.
 */
export interface CursorPosition {
  order: 'rank' | 'recency';
  value: string;
  letterId: string;
  ordinal: number;
}

const VERSION = 1;
const RANK = /^-?\d+(\.\d+)?(e[-+]?\d+)?$/i;

/** A rank PostgreSQL takes back as a `real`: zero, or a magnitude inside the type's normal range. */
function realRank(value: string): boolean {
  const magnitude = Math.abs(Number(value));
  return RANK.test(value) && (magnitude === 0 || (magnitude >= 1.2e-38 && magnitude <= 3.4e38));
}

const cursorSchema = z.tuple([
  z.literal(VERSION),
  z.string().regex(/^[0-9a-f]{16}$/),
  z.enum(['rank', 'recency']),
  z.string().max(40),
  z.string().regex(/^[0-9a-f]{64}$/),
  z.number().int().min(0).max(1_000_000),
]);

/** A short digest of the normalized query and filters: a cursor only continues the search it came from. */
export function cursorScope(queryAndFilters: unknown): string {
  return createHash('sha256').update(canonicalJson(queryAndFilters)).digest('hex').slice(0, 16);
}

export function encodeCursor(scope: string, position: CursorPosition): string {
  const tuple = [VERSION, scope, position.order, position.value, position.letterId, position.ordinal];
  return Buffer.from(JSON.stringify(tuple)).toString('base64url');
}

export function decodeCursor(cursor: string, scope: string): CursorPosition {
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch (error) {
    throw new SearchInputError('invalid_cursor', ['cursor'], { cause: error });
  }
  const parsed = cursorSchema.safeParse(decoded);
  if (!parsed.success) throw new SearchInputError('invalid_cursor', ['cursor']);
  const [, cursorScopeValue, order, value, letterId, ordinal] = parsed.data;
  const valueOk = order === 'rank' ? realRank(value) : calendarDate.safeParse(value).success;
  if (!valueOk || cursorScopeValue !== scope) throw new SearchInputError('invalid_cursor', ['cursor']);
  return { order, value, letterId, ordinal };
}
