import { describe, expect, it } from 'vitest';
import { withoutPageFurniture } from './furniture.ts';

describe('withoutPageFurniture', () => {
  it('drops page numbers and repeated case numbers, keeping the first case number', () => {
    const text = [
      'Case Number: CM13-0050844',
      'HOW THE IMR FINAL DETERMINATION WAS MADE',
      'The reviewer is licensed in',
      'Page 1 of 3',
      'CM13-0050844',
      'Texas. He has been in practice.',
      'CM13-0050844 Page 2 of 3',
      'The end.',
    ].join('\n');
    expect(withoutPageFurniture(text)).toBe(
      'Case Number: CM13-0050844\nHOW THE IMR FINAL DETERMINATION WAS MADE\nThe reviewer is licensed in\n' +
        'Texas. He has been in practice.\nThe end.',
    );
  });

  it('drops a page number run into a paragraph and a bare case number before any header', () => {
    expect(
      withoutPageFurniture('CM13-0050844\nDecision based on MTUS Page 2 of 9 Guidelines Page(s): 98.'),
    ).toBe('Decision based on MTUS Guidelines Page(s): 98.');
  });

  it('leaves a page mentioned in prose alone', () => {
    const text = 'As noted on\nPage 98 of the guidelines, therapy is recommended.';
    expect(withoutPageFurniture(text)).toBe(text);
  });
});
