import type { Random } from './random.ts';

/** Calendar dates as ISO strings, computed in UTC so no clock or time zone is involved. */

const DAY = 86_400_000;
const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

export const isoOf = (ms: number): string => new Date(ms).toISOString().slice(0, 10);
export const msOf = (iso: string): number => Date.parse(`${iso}T00:00:00Z`);
export const addDays = (iso: string, days: number): string => isoOf(msOf(iso) + days * DAY);

/** A random day between two ISO dates, both included. */
export function between(r: Random, from: string, to: string): string {
  const a = msOf(from);
  const b = msOf(to);
  return isoOf(a + r.int(0, Math.max(0, Math.round((b - a) / DAY))) * DAY);
}

const parts = (iso: string) => iso.split('-').map(Number) as [number, number, number];

/** `9/7/11`, `9/7/2011`, `09/07/2011` or `09/07/11`. */
export function usDate(iso: string, style: { pad?: boolean; twoDigitYear?: boolean } = {}): string {
  const [y, m, d] = parts(iso);
  const p = (n: number) => (style.pad ? String(n).padStart(2, '0') : String(n));
  const year = style.twoDigitYear ? String(y % 100).padStart(2, '0') : String(y);
  return `${p(m)}/${p(d)}/${year}`;
}

/** `January 6, 2014`. */
export function longDate(iso: string): string {
  const [y, m, d] = parts(iso);
  return `${MONTHS[m - 1]} ${d}, ${y}`;
}
