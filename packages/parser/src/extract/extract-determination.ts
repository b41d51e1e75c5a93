import {
  type Decision,
  type Determination,
  type Layout,
  type NormalizedText,
  PipelineError,
  type Reviewer,
  SCHEMA_VERSION,
} from '@imr/contracts';
import { parseCitations } from './citations.ts';
import { referenceYear } from './dates.ts';
import { parseDiagnoses } from './diagnoses.ts';
import { withoutPageFurniture } from './furniture.ts';
import { parseHeader } from './header.ts';
import { HEADING_STRINGS } from './headings.ts';
import { parseInjury } from './injury.ts';
import { detectLayout, LAYOUT_STRINGS } from './layout.ts';
import { LIMITS, limitCitations, limitList, limitText } from './limits.ts';
import { readModifiedRequest } from './modified-request.ts';
import { numberedDecisions } from './numbered-decisions.ts';
import { parsePatient } from './patient.ts';
import { plainLines } from './plain-lines.ts';
import { PrintedSearch } from './printed.ts';
import type { RawDecision } from './raw-decision.ts';
import { parseReviewer } from './reviewer.ts';
import { type Sections, splitSections } from './sections.ts';
import { paragraphs, squash } from './text.ts';
import { titledDecisions } from './titled-decisions.ts';
import { parseTreatment } from './treatment.ts';
import { looksTruncated } from './truncation.ts';
import { EXTRACTOR_NAME, EXTRACTOR_VERSION } from './version.ts';
import { encodingWarnings } from './warnings.ts';

export interface ExtractOptions {
  /** SHA-256 of the letter's bytes (hex), when known. */
  letterId?: string | null;
  source?: { path?: string; bucket?: string; key?: string };
}

// The layout and the headings look for many of the same printed strings: one scan finds them for both.
const PRINTED = new PrintedSearch([...LAYOUT_STRINGS, ...HEADING_STRINGS]);

const SUMMARY_INTRO = /^[^\n]{0,200}?developed the following (?:clinical )?case summary[^\n]{0,200}?:\s*/i;
const DECISIONS_INTRO = /^\s*The Final Determination was based on decisions[^\n]{0,200}?:\s*/i;

/** The case summary's paragraphs, each on one line (none when the letter has no summary). */
function summaryOf(sections: Sections): string[] {
  const summary = sections.sections.summary;
  return summary === undefined ? [] : paragraphs(summary.trimStart().replace(SUMMARY_INTRO, ''));
}

/** The parts of a numbered-layout letter where items and their texts sit. */
function numberedRegion(sections: Sections): string {
  const kinds = new Set(['intro', 'issues', 'documents', 'decisions']);
  return [sections.header, ...sections.ordered.filter((s) => kinds.has(s.kind)).map((s) => s.text)].join(
    '\n\n',
  );
}

function rawDecisions(layout: Layout, sections: Sections): RawDecision[] {
  if (layout === 'imr-final-determination') {
    const region = (sections.sections.decisions ?? '').replace(DECISIONS_INTRO, '');
    const titled = titledDecisions(region);
    return titled.length ? titled : numberedDecisions(region);
  }
  const region = numberedRegion(sections);
  const numbered = numberedDecisions(region);
  return numbered.length ? numbered : titledDecisions(sections.sections.decisions ?? '');
}

/**
 * A decision's text cut to its limit. (Helpers here are module functions, not closures: the TypeScript
 * loader names each closure it makes, a cost on every call of the function that makes it.)
 */
function limitedText(text: string | null, what: string, warnings: string[]): string | null {
  return limitText(text, LIMITS.text, what, warnings);
}

function toDecision(raw: RawDecision, index: number, warnings: string[]): Decision {
  const where = `decision ${index + 1}`;
  if (raw.outcomeProblem === 'unknown-word') {
    warnings.push(`${where}: the outcome word after the item title is not one this parser knows`);
  } else if (raw.outcomeProblem === 'missing') {
    warnings.push(`${where}: no outcome is stated after the item title`);
  }
  // Fields are cut to their limits first; what is read from them (treatment, citations) comes from
  // what the determination keeps.
  const title = squash(raw.item);
  const modified = readModifiedRequest(title);
  const item = limitText(
    modified?.item || title || `Item ${index + 1}`,
    LIMITS.item,
    `${where}: the item title`,
    warnings,
  );
  const request = modified?.request
    ? {
        original: limitText(
          modified.request.original,
          LIMITS.item,
          `${where}: the original request`,
          warnings,
        ),
        authorized: limitText(
          modified.request.authorized,
          LIMITS.item,
          `${where}: the authorized part of the request`,
          warnings,
        ),
      }
    : null;
  const claimsAdministratorBasis = limitedText(
    raw.claimsAdministratorBasis,
    `${where}: the claims administrator's basis`,
    warnings,
  );
  const reviewerBasis = limitedText(raw.reviewerBasis, `${where}: the reviewer's basis`, warnings);
  const rationale = limitedText(raw.rationale, `${where}: the rationale`, warnings);
  return {
    item,
    request,
    outcome: raw.outcome,
    treatment: parseTreatment(item, rationale),
    citations: limitCitations(parseCitations(reviewerBasis), where, warnings),
    claimsAdministratorBasis,
    reviewerBasis,
    rationale,
  };
}

/** One of the reviewer's lists of names cut to its limit. */
function limitedNames(list: string[], what: string, warnings: string[]): string[] {
  return limitList(list, LIMITS.names, `the reviewer's ${what}`, warnings);
}

/** The reviewer, each list of names cut to its limit. */
function limitedReviewer(text: string, warnings: string[]): Reviewer {
  const reviewer = parseReviewer(text);
  return {
    ...reviewer,
    boardCertifications: limitedNames(reviewer.boardCertifications, 'board certifications', warnings),
    subspecialties: limitedNames(reviewer.subspecialties, 'subspecialties', warnings),
    specialties: limitedNames(reviewer.specialties, 'specialties', warnings),
  };
}

/**
 * The structured determination of one normalized IMR letter. Throws PipelineError('not_imr_letter')
 * for a document that is not one (no layout recognised, or neither a case summary nor an item).
 */
export function extractDetermination(
  normalized: NormalizedText,
  options: ExtractOptions = {},
): Determination {
  const text = withoutPageFurniture(plainLines(normalized.text));
  const printed = PRINTED.in(text);
  const layout = detectLayout(text, printed);
  if (!layout) throw new PipelineError('not_imr_letter');
  const sections = splitSections(text, printed);
  const warnings: string[] = [...encodingWarnings(normalized)];
  const summaryParagraphs = summaryOf(sections);
  const wholeSummary = summaryParagraphs.length ? summaryParagraphs.join('\n\n') : null;
  const summary = limitText(wholeSummary, LIMITS.text, 'the case summary', warnings);
  const raw = rawDecisions(layout, sections);
  if (!summary && raw.length === 0) {
    throw new PipelineError(
      'not_imr_letter',
      'the document has IMR headings but neither a case summary nor an item',
    );
  }
  const refYear = referenceYear(text);
  const header = parseHeader(sections.header, refYear);
  // The summary on one line: its paragraphs are on one line each already, unless it had to be cut.
  const summaryLine = !summary
    ? ''
    : summary === wholeSummary
      ? summaryParagraphs.join(' ')
      : squash(summary);
  const patient = parsePatient(summaryLine);
  const injury = parseInjury(summaryLine, refYear);
  const reviewerText = [sections.sections.qualifications, sections.header, sections.sections.intro]
    .filter((t) => t !== undefined)
    .join('\n\n');

  if (patient.ageRedacted)
    warnings.push("the patient's age is missing from the summary (it appears redacted)");
  const occupation = limitText(patient.occupation, LIMITS.occupation, "the patient's occupation", warnings);
  const reviewer = limitedReviewer(reviewerText, warnings);
  const decisions = limitList(raw, LIMITS.decisions, 'disputed items', warnings).map((r, i) =>
    toDecision(r, i, warnings),
  );
  if (decisions.length === 0) warnings.push('no disputed items were found; the letter may be truncated');
  else if (looksTruncated(text, raw)) warnings.push('the letter appears truncated: it ends mid-sentence');

  const determination: Determination = {
    schemaVersion: SCHEMA_VERSION,
    letterId: options.letterId?.toLowerCase() ?? null,
    layout,
    caseNumber: header.caseNumber,
    dates: header.dates,
    priority: header.priority,
    reviewer,
    patient: { age: patient.age, sex: patient.sex, occupation },
    injury: {
      date: header.dates.injury ?? injury.date,
      mechanism: injury.mechanism,
      bodyParts: injury.bodyParts,
    },
    diagnoses: summaryLine ? parseDiagnoses(summaryLine) : [],
    summary,
    decisions,
    warnings,
    extractor: { name: EXTRACTOR_NAME, version: EXTRACTOR_VERSION },
  };
  if (options.source) determination.source = options.source;
  return determination;
}
