import {
  type Decision,
  type Determination,
  type Layout,
  type NormalizedText,
  PipelineError,
  SCHEMA_VERSION,
} from '@imr/contracts';
import { parseCitations } from './citations.ts';
import { referenceYear } from './dates.ts';
import { parseDiagnoses } from './diagnoses.ts';
import { withoutPageFurniture } from './furniture.ts';
import { parseHeader } from './header.ts';
import { parseInjury } from './injury.ts';
import { detectLayout } from './layout.ts';
import { numberedDecisions } from './numbered-decisions.ts';
import { parsePatient } from './patient.ts';
import { plainLines } from './plain-lines.ts';
import type { RawDecision } from './raw-decision.ts';
import { parseReviewer } from './reviewer.ts';
import { type Sections, splitSections } from './sections.ts';
import { squash, textOrNull } from './text.ts';
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

const SUMMARY_INTRO = /^[^\n]{0,200}?developed the following (?:clinical )?case summary[^\n]{0,200}?:\s*/i;
const DECISIONS_INTRO = /^\s*The Final Determination was based on decisions[^\n]{0,200}?:\s*/i;

function summaryOf(sections: Sections): string | null {
  const summary = sections.sections.summary;
  return summary === undefined ? null : textOrNull(summary.trimStart().replace(SUMMARY_INTRO, ''));
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

function toDecision(raw: RawDecision, index: number, warnings: string[]): Decision {
  const item = squash(raw.item) || `Item ${index + 1}`;
  if (raw.outcomeProblem === 'unknown-word') {
    warnings.push(
      `decision ${index + 1}: the outcome word after the item title is not one this parser knows`,
    );
  } else if (raw.outcomeProblem === 'missing') {
    warnings.push(`decision ${index + 1}: no outcome is stated after the item title`);
  }
  return {
    item,
    outcome: raw.outcome,
    treatment: parseTreatment(item, raw.rationale),
    citations: parseCitations(raw.reviewerBasis),
    claimsAdministratorBasis: raw.claimsAdministratorBasis,
    reviewerBasis: raw.reviewerBasis,
    rationale: raw.rationale,
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
  const layout = detectLayout(text);
  if (!layout) throw new PipelineError('not_imr_letter');
  const sections = splitSections(text);
  const summary = summaryOf(sections);
  const raw = rawDecisions(layout, sections);
  if (!summary && raw.length === 0) {
    throw new PipelineError(
      'not_imr_letter',
      'the document has IMR headings but neither a case summary nor an item',
    );
  }
  const refYear = referenceYear(text);
  const header = parseHeader(sections.header, refYear);
  const summaryLine = summary ? squash(summary) : '';
  const patient = parsePatient(summaryLine);
  const injury = parseInjury(summaryLine, refYear);
  const reviewerText = [sections.sections.qualifications, sections.header, sections.sections.intro]
    .filter((t) => t !== undefined)
    .join('\n\n');

  const warnings: string[] = [...encodingWarnings(normalized)];
  if (patient.ageRedacted)
    warnings.push("the patient's age is missing from the summary (it appears redacted)");
  const decisions = raw.map((r, i) => toDecision(r, i, warnings));
  if (decisions.length === 0) warnings.push('no disputed items were found; the letter may be truncated');
  else if (looksTruncated(text, raw)) warnings.push('the letter appears truncated: it ends mid-sentence');

  const determination: Determination = {
    schemaVersion: SCHEMA_VERSION,
    letterId: options.letterId?.toLowerCase() ?? null,
    layout,
    caseNumber: header.caseNumber,
    dates: header.dates,
    priority: header.priority,
    reviewer: parseReviewer(reviewerText),
    patient: { age: patient.age, sex: patient.sex, occupation: patient.occupation },
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
