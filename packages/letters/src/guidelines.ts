import type { Random } from './random.ts';

/** A guideline the reviewer relied on. */
export interface GuidelineRef {
  body: 'MTUS' | 'ACOEM' | 'ODG';
  /** MTUS: chronic pain, acupuncture or postsurgical guidelines; ACOEM: a chapter; ODG: a chapter. */
  guide: string;
  topic: string | null;
  pages: string | null;
}

export const mtus = (topic: string | null, pages: string | null, guide = 'Chronic Pain'): GuidelineRef => ({
  body: 'MTUS',
  guide,
  topic,
  pages,
});
export const acoem = (chapter: string, pages: string | null): GuidelineRef => ({
  body: 'ACOEM',
  guide: chapter,
  topic: null,
  pages,
});
export const odg = (chapter: string, topic: string): GuidelineRef => ({
  body: 'ODG',
  guide: chapter,
  topic,
  pages: null,
});

const plural = (pages: string) => (pages.includes('-') ? 'pages' : 'page');

/**
 * Layout 1 and some layout 3 letters: "Decision based on MTUS Chronic Pain Treatment Guidelines
 * Topical analgesics Page(s): 111." (sometimes with the regulation number before the topic).
 */
export function decisionBasedOn(g: GuidelineRef, r: Random): string {
  if (g.body === 'ODG')
    return `Decision based on Non-MTUS Citation Official Disability Guidelines (ODG) ${g.guide}, ${g.topic}.`;
  const pages = g.pages ? ` Page(s): ${g.pages}.` : '.';
  if (g.body === 'ACOEM') return `Decision based on MTUS ACOEM ${g.guide}${pages}`;
  const guide =
    g.guide === 'Chronic Pain'
      ? 'MTUS Chronic Pain Treatment Guidelines'
      : `MTUS ${g.guide} Treatment Guidelines`;
  const regulation = g.topic && r.chance(0.3) ? ' 9792.20,' : '';
  return `Decision based on ${guide}${regulation}${g.topic ? ` ${g.topic}` : ''}${pages}`;
}

/** Layouts 2 and 3 in prose: "..., Physical Medicine, pages 98-99, which is part of the MTUS." */
export function citedInProse(g: GuidelineRef): string {
  const pages = g.pages ? `, ${plural(g.pages)} ${g.pages}` : '';
  if (g.body === 'ODG')
    return `the Official Disability Guidelines (ODG), ${g.guide}, ${g.topic}, which is not part of the MTUS`;
  if (g.body === 'ACOEM')
    return `the ACOEM Practice Guidelines, 2nd Edition, ${g.guide}${pages}, which are part of the MTUS`;
  const guide =
    g.guide === 'Chronic Pain'
      ? 'the MTUS Chronic Pain Medical Treatment Guidelines'
      : `the MTUS ${g.guide} Medical Treatment Guidelines`;
  return `${guide}${g.topic ? `, ${g.topic}` : ''}${pages}, which is part of the MTUS`;
}

/** How a rationale opens when it quotes its guideline: "As noted on page 98 of the ...". */
export function guidelineLead(g: GuidelineRef | undefined, r: Random): string {
  if (!g) return 'According to the guidelines, ';
  if (g.body === 'ACOEM') return 'According to the California MTUS/ACOEM Guidelines, ';
  if (g.body === 'ODG') return 'According to the Official Disability Guidelines, ';
  if (g.pages && r.chance(0.5)) {
    const first = g.pages.split('-')[0];
    return `As noted on page ${first} of the Chronic Pain Medical Treatment Guidelines, `;
  }
  return r.pick(['According to the California MTUS Guidelines, ', 'According to the MTUS guidelines, ']);
}
