import { HEADER_FIELD, isLabel } from './line-kinds.ts';
import type { RepairLog } from './repairs.ts';

/** `Page 2`, `Page 2 of 4`, `2 of 4`, `2/4`, `- 2 -`. */
const PAGE_NUMBER =
  /^(?:page\s*\d{1,4}(?:\s*(?:of|\/)\s*\d{1,4})?|\d{1,4}\s*(?:of|\/)\s*\d{1,4}|[-\u2013]\s*\d{1,4}\s*[-\u2013])$/i;
const BARE_NUMBER = /^\d{1,3}$/;
/** How many text lines at a page's top or bottom can be running headers or footers. */
const EDGE = 3;

const hasText = (line: string) => line !== '' && line !== ' ';
const keyOf = (line: string) => line.trim().replace(/\d+/g, '#').toLowerCase();
const isPageNumber = (line: string) => line.length < 20 && PAGE_NUMBER.test(line.trim());

/**
 * Text whose page breaks were lost (no form feeds) still has its page numbers: a page ends after
 * each of them. Header lines then sit at the top of these pages, footer lines at their bottom.
 */
function pagesOf(pages: string[][]): string[][] {
  if (pages.length > 1) return pages;
  const out: string[][] = [[]];
  for (const line of pages[0] ?? []) {
    (out[out.length - 1] as string[]).push(line);
    if (isPageNumber(line)) out.push([]);
  }
  return out.filter((page) => page.some(hasText));
}

/**
 * Where on its page a line is: `t0` the first text line, `t1` the second, `b0` the last...; a
 * line of a short page can be in both a top and a bottom place.
 */
function slotsOf(lines: string[]): Map<number, string[]> {
  const top: number[] = [];
  for (let i = 0; i < lines.length && top.length < EDGE; i++) if (hasText(lines[i] as string)) top.push(i);
  const bottom: number[] = [];
  for (let i = lines.length - 1; i >= 0 && bottom.length < EDGE; i--)
    if (hasText(lines[i] as string)) bottom.push(i);
  const slots = new Map<number, string[]>();
  for (let r = 0; r < top.length; r++) slots.set(top[r] as number, [`t${r}`]);
  for (let r = 0; r < bottom.length; r++) {
    const index = bottom[r] as number;
    slots.set(index, [...(slots.get(index) ?? []), `b${r}`]);
  }
  return slots;
}

/** Running headers are short and are not sentences: a repeated "Guidelines." is text. */
const mayRun = (key: string) => key.length > 0 && key.length <= 80 && !/[.,;:]$/.test(key);

/**
 * A line of running text: a labelled line (`MAXIMUS guideline: ...`, even where it repeats at page
 * tops), a line that starts in lowercase or leads on into the next line, or, at a page's
 * foot, the next line on the page goes on with it (at a page's top, the text that goes on from
 * the page before starts in lowercase below the header: that says nothing).
 */
function continued(lines: string[], index: number, places: string[]): boolean {
  const line = (lines[index] as string).trim();
  if (
    isLabel(line) ||
    /^[a-z]/.test(line) ||
    /(?:,|\b(?:the|a|an|of|and|or|to|for|by|in|on|with|from))$/i.test(line)
  )
    return true;
  if (places.some((slot) => slot.startsWith('t'))) return false;
  for (let k = index + 1; k < lines.length; k++) {
    const next = (lines[k] as string).trim();
    if (next) return /^[a-z]/.test(next);
  }
  return false;
}

/**
 * Removes running page headers and footers: page-number lines, and short non-sentence lines that
 * repeat (digits aside) in the same place at the edges of all pages but one at most, and nowhere
 * else (a line of text that repeats, like a guideline citation, also stands mid-page).
 */
export function removePageFurniture(input: string[][], log: RepairLog): string[] {
  const pages = pagesOf(input);
  const slots = pages.map(slotsOf);
  const seen = new Map<string, number>();
  if (pages.length > 1) {
    pages.forEach((lines, page) => {
      for (const [index, places] of slots[page] as Map<number, string[]>) {
        const key = keyOf(lines[index] as string);
        if (mayRun(key) && !continued(lines, index, places)) {
          for (const slot of places) seen.set(`${slot}|${key}`, (seen.get(`${slot}|${key}`) ?? 0) + 1);
        }
      }
    });
  }
  // On every page but perhaps one (a first page without it): text that repeats by chance at a few
  // page ends (a template sentence of each item) is not taken for a running line.
  const needed = Math.max(2, pages.length - 1);
  const running = new Set<string>();
  for (const [id, count] of seen) if (count >= needed) running.add(id.slice(id.indexOf('|') + 1));
  if (running.size) {
    pages.forEach((lines, page) => {
      const pageSlots = slots[page] as Map<number, string[]>;
      lines.forEach((line, index) => {
        if (!pageSlots.has(index) && hasText(line) && running.has(keyOf(line))) running.delete(keyOf(line));
      });
    });
  }
  const out: string[] = [];
  // A page number needs a page around it: a document that is nothing but one such line is text.
  let textLines = 0;
  for (const lines of pages) for (const line of lines) if (hasText(line)) textLines++;
  pages.forEach((lines, page) => {
    const pageSlots = slots[page] as Map<number, string[]>;
    lines.forEach((line, index) => {
      const places = pageSlots.get(index);
      // (Without running lines there is no key to look up: most letters, whose edge lines may be long.)
      const key = places && running.size ? keyOf(line) : '';
      const slot = places?.find((p) => running.has(key) && (seen.get(`${p}|${key}`) ?? 0) >= needed);
      // A header field that runs on every page (`Case Number: CM13-0050844`) stays at the top of the
      // first page: it is also the letter's own field.
      const firstField =
        page === 0 && places?.some((p) => p.startsWith('t')) && HEADER_FIELD.test(line.trim());
      if (isPageNumber(line) && textLines > 1) log.add('page-footer');
      else if (slot && !firstField) log.add(slot.startsWith('t') ? 'page-header' : 'page-footer');
      else if (pages.length > 1 && places?.includes('b0') && BARE_NUMBER.test(line.trim()))
        log.add('page-footer');
      else out.push(line);
    });
  });
  return out;
}
