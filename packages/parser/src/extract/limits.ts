import type { Citation } from '@imr/contracts';

/**
 * How long a field of a determination may be, and how many entries a list may hold. Real letters
 * stay far below these (the longest seen in the seeds, the hand-written letters, the 97 real letters
 * and 1,500 synthetic ones is in brackets); they keep a hostile letter from producing a field of
 * megabytes. What goes past a limit is cut there, and a warning says so.
 */
export const LIMITS = {
  /**
   * decisions[].item, request.original and request.authorized, in characters [291]. A title wraps over
   * a few lines at most.
   */
  item: 1_000,
  /** claimsAdministratorBasis, reviewerBasis, rationale and the summary, in characters [5,101]. */
  text: 32_000,
  /** citations[].title [55]; the topic has been cut at 300 characters all along. */
  citationTitle: 300,
  /** citations[].pages, a page or range as written [7]. */
  citationPages: 100,
  /** patient.occupation [20]. */
  occupation: 100,
  /** Citations of one decision [4]. */
  citations: 20,
  /** Names in each of the reviewer's lists (certifications, subspecialties, specialties) [3]. */
  names: 20,
  /** Decisions of one letter [21 in the published real letters]. */
  decisions: 100,
} as const;

const isHighSurrogate = (code: number): boolean => code >= 0xd800 && code <= 0xdbff;

/** The first `max` characters of `text` (a surrogate pair is not split), without trailing white space. */
export function cutTo(text: string, max: number): string {
  const end = isHighSurrogate(text.charCodeAt(max - 1)) ? max - 1 : max;
  return text.slice(0, end).trimEnd();
}

/** `text` cut to `max` characters; a warning names `what` when it had to be cut. */
export function limitText(text: string, max: number, what: string, warnings: string[]): string;
export function limitText(text: string | null, max: number, what: string, warnings: string[]): string | null;
export function limitText(text: string | null, max: number, what: string, warnings: string[]): string | null {
  if (text === null || text.length <= max) return text;
  warnings.push(`${what} is longer than ${max} characters; it is cut to that length`);
  return cutTo(text, max);
}

/** The first `max` entries of `list`; a warning names `what` when there were more. */
export function limitList<T>(list: T[], max: number, what: string, warnings: string[]): T[] {
  if (list.length <= max) return list;
  warnings.push(`${what}: ${list.length} found; only the first ${max} are kept`);
  return list.slice(0, max);
}

/**
 * A decision's citations: at most `LIMITS.citations` of them, each title and page list cut to its
 * limit, with one warning per kind of cut (`where` names the decision).
 */
export function limitCitations(citations: Citation[], where: string, warnings: string[]): Citation[] {
  const kept = limitList(citations, LIMITS.citations, `${where}: guideline citations`, warnings);
  let titles = 0;
  let pages = 0;
  const limited = kept.map((citation) => {
    const longTitle = citation.title !== null && citation.title.length > LIMITS.citationTitle;
    const longPages = citation.pages !== null && citation.pages.length > LIMITS.citationPages;
    if (longTitle) titles++;
    if (longPages) pages++;
    if (!longTitle && !longPages) return citation;
    return {
      ...citation,
      title: longTitle ? cutTo(citation.title!, LIMITS.citationTitle) : citation.title,
      pages: longPages ? cutTo(citation.pages!, LIMITS.citationPages) : citation.pages,
    };
  });
  if (titles) {
    warnings.push(
      `${where}: ${titles} citation title(s) longer than ${LIMITS.citationTitle} characters; each is cut to that length`,
    );
  }
  if (pages) {
    warnings.push(
      `${where}: ${pages} citation page list(s) longer than ${LIMITS.citationPages} characters; each is cut to that length`,
    );
  }
  return limited;
}
