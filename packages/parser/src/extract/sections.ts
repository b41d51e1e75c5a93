import { findHeadings, type SectionKind } from './headings.ts';
import type { Printed } from './printed.ts';

/** A letter cut at its headings. Sections of one kind are joined; absent ones are null. */
export interface Sections {
  /** Everything before the first heading: letterhead and the header block. */
  header: string;
  sections: Partial<Record<SectionKind, string>>;
  /** Sections in letter order, for layouts whose items are spread over several of them. */
  ordered: { kind: SectionKind; text: string }[];
}

/** `printed`: where the printed strings occur in `text`, when a scan for them has been made already. */
export function splitSections(text: string, printed?: Printed): Sections {
  const headings = findHeadings(text, printed);
  const sections: Partial<Record<SectionKind, string>> = {};
  const ordered: { kind: SectionKind; text: string }[] = [];
  headings.forEach((h, i) => {
    const next = headings[i + 1];
    const body = text.slice(h.end, next ? next.start : text.length);
    ordered.push({ kind: h.kind, text: body });
    const prior = sections[h.kind];
    sections[h.kind] = prior === undefined ? body : `${prior}\n\n${body}`;
  });
  const header = text.slice(0, headings[0] ? headings[0].start : text.length);
  return { header, sections, ordered };
}
