import type { RepairLog } from './repairs.ts';

/** `Page 2`, `Page 2 of 4`, `2 of 4`, `2/4`, `- 2 -`. */
const PAGE_NUMBER =
  /^(?:page\s*\d{1,4}(?:\s*(?:of|\/)\s*\d{1,4})?|\d{1,4}\s*(?:of|\/)\s*\d{1,4}|[-\u2013]\s*\d{1,4}\s*[-\u2013])$/i;
const BARE_NUMBER = /^\d{1,3}$/;
/** How many non-empty lines at a page's top or bottom can be running headers or footers. */
const EDGE = 3;

const keyOf = (line: string) => line.trim().replace(/\d+/g, '#').toLowerCase();
const isPageNumber = (line: string) => PAGE_NUMBER.test(line.trim());

interface EdgeLine {
  page: number;
  index: number;
  /** Where on the page edge: 'top0' is the first line, 'bot0' the last, 'pn-1' the line above a page number. */
  slot: string;
}

/**
 * Page edges: the first and last few non-empty lines of every page (pages split by form feeds),
 * and, for text whose page breaks were lost, the lines around each page-number line.
 */
function pageEdges(pages: string[][]): { edges: EdgeLine[]; boundaries: number } {
  const edges: EdgeLine[] = [];
  let boundaries = 0;
  pages.forEach((lines, page) => {
    const nonEmpty = lines.map((l, i) => (l.trim() ? i : -1)).filter((i) => i >= 0);
    if (pages.length > 1) {
      boundaries++;
      const top = nonEmpty.slice(0, EDGE);
      const bottom = nonEmpty.slice(-EDGE);
      top.forEach((index, r) => {
        edges.push({ page, index, slot: `top${r}` });
      });
      bottom.forEach((index, r) => {
        edges.push({ page, index, slot: `bot${bottom.length - 1 - r}` });
      });
    }
    nonEmpty.forEach((index, k) => {
      if (!isPageNumber(lines[index] as string)) return;
      boundaries++;
      for (let d = -EDGE; d <= EDGE; d++) {
        const at = nonEmpty[k + d];
        if (d !== 0 && at !== undefined) edges.push({ page, index: at, slot: `pn${d}` });
      }
    });
  });
  return { edges, boundaries };
}

/**
 * Removes running page headers and footers: page-number lines, and short non-sentence lines that
 * repeat (digits aside) in the same place at the edges of at least half the pages.
 */
export function removePageFurniture(pages: string[][], log: RepairLog): string[] {
  const { edges, boundaries } = pageEdges(pages);
  const counts = new Map<string, Set<string>>();
  for (const { page, index, slot } of edges) {
    const key = keyOf(pages[page]?.[index] as string);
    // Running headers are short and are not sentences: a repeated "Guidelines." is text.
    if (!key || key.length > 80 || /[.,;:]$/.test(key)) continue;
    const id = `${slot}|${key}`;
    if (!counts.has(id)) counts.set(id, new Set());
    counts.get(id)?.add(`${page}:${index}`);
  }
  const needed = Math.max(2, Math.ceil(boundaries * 0.5));
  const remove = new Set<string>();
  for (const { page, index, slot } of edges) {
    const at = `${page}:${index}`;
    if (remove.has(at)) continue;
    const line = (pages[page]?.[index] ?? '').trim();
    if (
      (counts.get(`${slot}|${keyOf(line)}`)?.size ?? 0) >= needed ||
      (BARE_NUMBER.test(line) && slot.startsWith('bot'))
    ) {
      remove.add(at);
      log.add(slot.startsWith('top') ? 'page-header' : 'page-footer');
    }
  }
  const out: string[] = [];
  pages.forEach((lines, page) => {
    lines.forEach((line, index) => {
      if (isPageNumber(line)) log.add('page-footer');
      else if (!remove.has(`${page}:${index}`)) out.push(line);
    });
  });
  return out;
}
