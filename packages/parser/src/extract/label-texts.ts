import type { LabelKind, LabelMatch } from './labels.ts';
import { textOrNull } from './text.ts';

export type LabelTexts = Record<LabelKind, string | null>;

/** The texts of one kind, one blank line between them; null for none. */
function joined(list: string[]): string | null {
  return list.length ? list.join('\n\n') : null;
}

/**
 * The three texts of one item: each label's content runs to the next label or to `end`.
 * Repeated labels of one kind are joined.
 */
export function labelTexts(text: string, labels: LabelMatch[], end: number): LabelTexts {
  const parts: Record<LabelKind, string[]> = { claimsAdministrator: [], reviewer: [], rationale: [] };
  labels.forEach((label, i) => {
    const stop = labels[i + 1]?.start ?? end;
    const content = textOrNull(text.slice(label.end, Math.max(label.end, stop)));
    if (content) parts[label.kind].push(content);
  });
  return {
    claimsAdministrator: joined(parts.claimsAdministrator),
    reviewer: joined(parts.reviewer),
    rationale: joined(parts.rationale),
  };
}
