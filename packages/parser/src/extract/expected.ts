import type { Decision, Determination } from '@imr/contracts';

/**
 * Scores a determination against an expected file (../shared/corpus/README.md): every listed field is
 * one check (every element of a listed list is one check; an empty listed list is one check that the
 * result is empty too), an absent field is not checked. Shorthands: reviewer `specialties` (found in
 * the union of the three reviewer lists), decision `category`, `sessions`, `quantity`, `pages` and
 * `sources` (found among the decision's citations), top-level `textContains` and `warningsMention`.
 * The real letters' gold (../shared/corpus/real/README.md) adds top-level `reviewerBoardCertifications`
 * (found in the union of the reviewer lists) and decision `itemStartsWith` (the heading's first words:
 * a modified request's heading opens with "<request.original> was the original request"),
 * `modifiedRequest` (whether `request` is set) and `remainingItemStartsWith` (the start of `item`).
 * Mismatch messages name the field and both values; they are for tests and benchmarks, not for logs.
 */
export interface Comparison {
  checked: number;
  matched: number;
  mismatches: string[];
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

const squash = (s: string): string => s.replace(/\s+/g, ' ').trim();

function same(expected: Json, actual: unknown): boolean {
  if (typeof expected === 'string' && typeof actual === 'string') return squash(expected) === squash(actual);
  if (expected === null) return actual === null || actual === undefined;
  return expected === actual;
}

class Scorer implements Comparison {
  checked = 0;
  matched = 0;
  mismatches: string[] = [];

  check(ok: boolean, path: string, expected: unknown, actual: unknown): void {
    this.checked++;
    if (ok) this.matched++;
    else this.mismatches.push(`${path}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
  }

  /** Each expected element must be among the actual ones; an empty expectation wants none. */
  members(expected: Json[], actual: unknown[], path: string): void {
    if (expected.length === 0) {
      this.check(actual.length === 0, path, expected, actual);
      return;
    }
    for (const e of expected)
      this.check(
        actual.some((a) => same(e, a)),
        `${path}[]`,
        e,
        actual,
      );
  }

  generic(expected: Json, actual: unknown, path: string): void {
    if (Array.isArray(expected)) {
      const list = Array.isArray(actual) ? actual : [];
      if (expected.every((e) => e === null || typeof e !== 'object')) {
        this.members(expected, list, path);
        return;
      }
      this.check(list.length === expected.length, `${path}.length`, expected.length, list.length);
      expected.forEach((e, i) => {
        this.generic(e, list[i], `${path}[${i}]`);
      });
      return;
    }
    if (expected !== null && typeof expected === 'object') {
      const record = (actual ?? {}) as Record<string, unknown>;
      for (const [key, value] of Object.entries(expected)) this.generic(value, record[key], `${path}.${key}`);
      return;
    }
    this.check(same(expected, actual), path, expected, actual);
  }

  /** `actual` starts with the words of `expected` (white space aside). */
  startsWith(expected: Json, actual: string | undefined, path: string): void {
    const wanted = squash(String(expected));
    this.check(actual !== undefined && squash(actual).startsWith(wanted), path, wanted, actual);
  }

  decision(expected: { [key: string]: Json }, actual: Decision | undefined, path: string): void {
    const citations = actual?.citations ?? [];
    const request = actual?.request ?? null;
    for (const [key, value] of Object.entries(expected)) {
      const at = `${path}.${key}`;
      if (key === 'itemStartsWith') {
        const heading = request ? `${request.original} was the original request` : actual?.item;
        this.startsWith(value, heading, at);
      } else if (key === 'remainingItemStartsWith') {
        this.startsWith(value, actual?.item, at);
      } else if (key === 'modifiedRequest') {
        this.check((request !== null) === value, at, value, request);
      } else if (key === 'category' || key === 'sessions' || key === 'quantity') {
        this.generic(value, actual?.treatment[key], at);
      } else if (key === 'pages' && Array.isArray(value)) {
        this.members(
          value,
          citations.map((c) => c.pages).filter((p) => p !== null),
          at,
        );
      } else if (key === 'sources' && Array.isArray(value)) {
        this.members(
          value,
          citations.map((c) => c.body),
          at,
        );
      } else {
        this.generic(value, (actual as Record<string, unknown> | undefined)?.[key], at);
      }
    }
  }
}

function texts(d: Determination): string[] {
  const out = [d.summary ?? ''];
  for (const x of d.decisions)
    out.push(x.item, x.claimsAdministratorBasis ?? '', x.reviewerBasis ?? '', x.rationale ?? '');
  return out.map(squash);
}

export function compareWithExpected(determination: Determination, expected: unknown): Comparison {
  const s = new Scorer();
  const spec = (expected ?? {}) as { [key: string]: Json };
  const actual = determination as unknown as Record<string, unknown>;
  for (const [key, value] of Object.entries(spec)) {
    if (key === 'textContains' && Array.isArray(value)) {
      const all = texts(determination);
      for (const t of value) {
        const wanted = squash(String(t));
        s.check(
          all.some((x) => x.includes(wanted)),
          'textContains[]',
          t,
          '(no text field contains it)',
        );
      }
    } else if (key === 'warningsMention' && Array.isArray(value)) {
      for (const w of value) {
        const word = String(w).toLowerCase();
        s.check(
          determination.warnings.some((x) => x.toLowerCase().includes(word)),
          'warningsMention[]',
          w,
          determination.warnings,
        );
      }
    } else if (key === 'decisions' && Array.isArray(value)) {
      s.check(
        determination.decisions.length === value.length,
        'decisions.length',
        value.length,
        determination.decisions.length,
      );
      value.forEach((d, i) => {
        s.decision((d ?? {}) as { [key: string]: Json }, determination.decisions[i], `decisions[${i}]`);
      });
    } else if (key === 'reviewerBoardCertifications' && Array.isArray(value)) {
      const r = determination.reviewer;
      s.members(value, [...r.boardCertifications, ...r.subspecialties, ...r.specialties], key);
    } else if (key === 'reviewer' && value !== null && typeof value === 'object' && !Array.isArray(value)) {
      const r = determination.reviewer;
      for (const [field, v] of Object.entries(value)) {
        if (field === 'specialties' && Array.isArray(v)) {
          s.members(
            v,
            [...r.boardCertifications, ...r.subspecialties, ...r.specialties],
            'reviewer.specialties',
          );
        } else {
          s.generic(v, (r as unknown as Record<string, unknown>)[field], `reviewer.${field}`);
        }
      }
    } else {
      s.generic(value, actual[key], key);
    }
  }
  return { checked: s.checked, matched: s.matched, mismatches: s.mismatches };
}
