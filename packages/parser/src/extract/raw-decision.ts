import type { Outcome } from '@imr/contracts';

/** A disputed item as cut from the letter, before its treatment and citations are read. */
export interface RawDecision {
  item: string;
  outcome: Outcome | null;
  /** Why the outcome is null: the letter used a word this parser does not know, or stated none. */
  outcomeProblem: 'unknown-word' | 'missing' | null;
  claimsAdministratorBasis: string | null;
  reviewerBasis: string | null;
  rationale: string | null;
}
