/** Fewer visible characters than this per page, on average, is a scan without a text layer. */
const MIN_CHARACTERS_PER_PAGE = 25;

/** Whether extracted PDF text is a real text layer rather than nothing or a few stray marks. */
export function hasTextLayer(text: string, pages: number): boolean {
  const visible = text.replace(/\s+/g, '').length;
  return visible >= MIN_CHARACTERS_PER_PAGE * Math.max(1, pages);
}
