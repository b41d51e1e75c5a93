import type { ModifiedRequest } from '@imr/contracts';
import { trimEndMatching } from './text.ts';

/**
 * Headings of modified requests, where the claims administrator authorized part of a request and the
 * IMR decides the rest:
 *
 *   "Norco 10/325mg #60 was the original request. Norco 10/325mg #25 was authorized by the Claims
 *    Administrator. The remaining IMR eligible portion of the original request, Norco 10/325mg #35"
 *   "X was the original request. The Claims Administrator authorized Y, leaving the original request
 *    IMR eligible. The original request, X"
 *
 * The phrases are found with indexOf on the lower-cased heading (no pattern scans the heading), so
 * reading one costs time linear in its length.
 */

// Phrases without a leading "the": a numbered layout's statement may have lost it to its lead-in
// ("MAXIMUS Federal Services, Inc. has determined the remaining IMR eligible portion ...").
/** The IMR decides what is left of the request. */
const REMAINING = 'remaining imr eligible portion of the original request';
/** The authorization left the whole request to the IMR. */
const LEAVING = 'leaving the original request imr eligible';
const ORIGINAL = 'original request';
const WAS_ORIGINAL = ' was the original request';
const WAS_AUTHORIZED = ' was authorized by the claims administrator';
const AUTHORIZED = 'the claims administrator authorized ';
/** How the heading's first sentences end; a statement wrapped over lines does not end with them. */
const INNER_SENTENCE_ENDS = ['original request.', 'claims administrator.', 'imr eligible.'];

export interface ModifiedItem {
  /** The portion the decision is about. */
  item: string;
  /** Null when the heading names the decided portion but not the original request. */
  request: ModifiedRequest | null;
}

const EDGE = /[\s,.;:]/;
const REQUEST_FOR = /^the (?:(?:original|retrospective|prospective) )?request (?:for|of) /i;

/** `text` after the separators that lead into it: stops, commas, colons, "is", "is for". */
function afterLead(text: string): string {
  let at = 0;
  for (;;) {
    while (at < text.length && EDGE.test(text[at]!)) at++;
    const next = text.slice(at, at + 7).toLowerCase();
    if (next.startsWith('is for ')) at += 7;
    else if (next.startsWith('is ')) at += 3;
    else return text.slice(at);
  }
}

/** A text cut from a heading: without the separators and a closing "is" around it. */
function tidy(text: string): string {
  const trimmed = trimEndMatching(afterLead(text), EDGE);
  const closing = trimmed.slice(-3).toLowerCase();
  return closing === ' is' ? trimEndMatching(trimmed.slice(0, -3), EDGE) : trimmed;
}

/**
 * Whether a heading (on one line) names the decided portion of a modified request but not the
 * original request: the title found is only the heading's last sentence.
 */
export function lacksOriginalRequest(heading: string): boolean {
  const lower = heading.toLowerCase();
  return decidedPortion(lower) !== null && !lower.includes(WAS_ORIGINAL);
}

interface Portion {
  /** Where the phrase that names the decided portion starts, and where the portion itself starts. */
  phrase: number;
  from: number;
  /** The whole original request stays IMR eligible: the decided portion is the original request. */
  whole: boolean;
}

/** Where "original request" starts a heading ("The original request, X"); -1 when it does not. */
function originalAtStart(lower: string): number {
  if (lower.startsWith(ORIGINAL)) return 0;
  return lower.startsWith(`the ${ORIGINAL}`) ? 4 : -1;
}

/** Where a heading names the decided portion; null when it names none. */
function decidedPortion(lower: string): Portion | null {
  const remaining = lower.indexOf(REMAINING);
  if (remaining >= 0) return { phrase: remaining, from: remaining + REMAINING.length, whole: false };
  const leaving = lower.indexOf(LEAVING);
  const original = leaving >= 0 ? lower.indexOf(ORIGINAL, leaving + LEAVING.length) : originalAtStart(lower);
  if (original < 0) return null;
  // "original request, X" or "original request is X", not "original request for X was ...".
  const from = original + ORIGINAL.length;
  const next = lower.slice(from, from + 4);
  if (!(next.startsWith(',') || next.startsWith(':') || next === ' is ')) return null;
  return { phrase: original, from, whole: true };
}

/** Whether a line ends one of a modified request heading's first sentences ("… was the original request."). */
export function endsModifiedRequestSentence(line: string): boolean {
  const tail = trimEndMatching(line, /\s/).slice(-30).toLowerCase();
  return INNER_SENTENCE_ENDS.some((end) => tail.endsWith(end));
}

/** What the claims administrator authorized, as written; null when the heading does not say. */
function authorizedPart(heading: string, lower: string, from: number, to: number): string | null {
  const passive = lower.indexOf(WAS_AUTHORIZED, from);
  if (passive >= 0 && passive < to) return tidy(heading.slice(from, passive)) || null;
  const active = lower.indexOf(AUTHORIZED, from);
  if (active < 0 || active >= to) return null;
  const leaving = lower.indexOf(LEAVING, active);
  const end = leaving >= 0 && leaving < to ? leaving : to;
  return tidy(heading.slice(active + AUTHORIZED.length, end)) || null;
}

/**
 * The decided portion and the request a modified heading states (the heading on one line, without its
 * outcome word); null for a plain heading, or one that names no decided portion.
 */
export function readModifiedRequest(heading: string): ModifiedItem | null {
  const lower = heading.toLowerCase();
  const portion = decidedPortion(lower);
  if (!portion) return null;
  const item = tidy(heading.slice(portion.from));
  if (!item) return null;
  const wasOriginal = lower.indexOf(WAS_ORIGINAL);
  const hasOriginal = wasOriginal >= 0 && wasOriginal < portion.phrase;
  const original = hasOriginal ? tidy(heading.slice(0, wasOriginal).replace(REQUEST_FOR, '')) : '';
  const afterOriginal = hasOriginal ? wasOriginal + WAS_ORIGINAL.length : 0;
  const authorized = authorizedPart(heading, lower, afterOriginal, portion.phrase);
  if (original) return { item, request: { original, authorized } };
  // "…, leaving the original request IMR eligible. The original request, X": X is the original.
  if (portion.whole) return { item, request: { original: item, authorized } };
  // The remaining portion without the original request: what was decided is known, the rest is not.
  return { item, request: null };
}
