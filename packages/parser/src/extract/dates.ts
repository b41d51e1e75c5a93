/**
 * Dates as letters write them (11/13/03, 9/7/2011, 02-24-15, December 3, 2013) turned into ISO dates.
 * Two-digit years are resolved against the letter's own dates: the latest century that does not put
 * the date after the letter's reference year.
 */

import { allMatches } from './text.ts';

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'] as const;

/** A numeric date (M/D/Y with / or -) or a month-name date (Dec 3, 2013 / December 3 2013). */
export const DATE_PATTERN =
  '(?:\\d{1,2}[/-]\\d{1,2}[/-](?:\\d{4}|\\d{2})(?!\\d)|(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\\.?\\s+\\d{1,2},?\\s+\\d{4})';

const NUMERIC = /^(\d{1,2})[/-](\d{1,2})[/-](\d{4}|\d{2})$/;
const NAMED = /^([A-Za-z]{3})[a-z]*\.?\s+(\d{1,2}),?\s+(\d{4})$/;

const FOUR_DIGIT_YEAR = /(?<![\d.])(19[5-9]\d|20\d\d)(?![\d.])/g;
const TWO_DIGIT_YEAR = /\d{1,2}[/-]\d{1,2}[/-](\d{2})(?!\d)/g;

/** The year two-digit years are resolved against: the latest plausible 4-digit year in the text. */
export function referenceYear(text: string): number {
  let latest = 0;
  for (const m of allMatches(FOUR_DIGIT_YEAR, text)) {
    const year = Number(m[1]);
    if (year > latest) latest = year;
  }
  if (latest) return latest;
  for (const m of allMatches(TWO_DIGIT_YEAR, text)) {
    const year = 2000 + Number(m[1]);
    if (year < 2050 && year > latest) latest = year;
  }
  return latest || 2049;
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Days in a month (1-12) of the Gregorian calendar, counted rather than asked of a Date. */
function daysIn(year: number, month: number): number {
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return month === 2 && leap ? 29 : (DAYS_IN_MONTH[month - 1] as number);
}

function iso(year: number, month: number, day: number): string | null {
  if (month < 1 || month > 12 || day < 1 || year < 1900 || year > 2099) return null;
  const days = daysIn(year, month);
  if (day > days) return null;
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** Parses one date token; null when it is not a real calendar date. */
export function parseDate(token: string, refYear: number): string | null {
  const t = token.trim();
  const numeric = NUMERIC.exec(t);
  if (numeric) {
    let year = Number(numeric[3]);
    if (numeric[3]!.length === 2) year += 2000 + year > refYear ? 1900 : 2000;
    return iso(year, Number(numeric[1]), Number(numeric[2]));
  }
  const named = NAMED.exec(t);
  if (named) {
    const month = MONTHS.indexOf(named[1]!.toLowerCase() as (typeof MONTHS)[number]) + 1;
    return iso(Number(named[3]), month, Number(named[2]));
  }
  return null;
}

/** The first date in a piece of text, as ISO, or null. */
export function firstDate(text: string, refYear: number): string | null {
  const m = new RegExp(DATE_PATTERN, 'i').exec(text);
  return m ? parseDate(m[0], refYear) : null;
}
