import { describe, expect, it } from 'vitest';
import { formatSnippet, MATCH_END, MATCH_START, parseSnippet } from './snippet.ts';

describe('snippets', () => {
  it('split ts_headline output into matched and plain parts', () => {
    const headline = `the ${MATCH_START}ketamine${MATCH_END} ${MATCH_START}cream${MATCH_END} is <b>not</b> recommended`;
    expect(parseSnippet(headline)).toEqual([
      { text: 'the ', match: false },
      { text: 'ketamine', match: true },
      { text: ' ', match: false },
      { text: 'cream', match: true },
      { text: ' is <b>not</b> recommended', match: false },
    ]);
    expect(formatSnippet(parseSnippet(headline))).toBe('the [ketamine] [cream] is <b>not</b> recommended');
    expect(parseSnippet('')).toEqual([]);
    expect(parseSnippet(`${MATCH_START}${MATCH_END}plain`)).toEqual([{ text: 'plain', match: false }]);
  });
});
