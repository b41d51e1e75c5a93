import { describe, expect, it } from 'vitest';
import { firstDate, parseDate, referenceYear } from './dates.ts';

describe('dates', () => {
  it('resolves two-digit years against the letter year', () => {
    expect(parseDate('11/13/03', 2013)).toBe('2003-11-13');
    expect(parseDate('9/7/11', 2015)).toBe('2011-09-07');
    expect(parseDate('11/9/95', 2015)).toBe('1995-11-09');
    expect(parseDate('1/2/14', 2013)).toBe('1914-01-02');
  });

  it('reads four-digit, dashed and month-name dates, and refuses impossible ones', () => {
    expect(parseDate('11/9/1995', 2015)).toBe('1995-11-09');
    expect(parseDate('02-24-2015', 2015)).toBe('2015-02-24');
    expect(parseDate('December 3, 2013', 2013)).toBe('2013-12-03');
    expect(parseDate('Sept. 30 2014', 2014)).toBe('2014-09-30');
    expect(parseDate('2/30/2013', 2013)).toBeNull();
    expect(parseDate('13/1/2013', 2013)).toBeNull();
  });

  it('takes the reference year from the latest four-digit year, else the two-digit dates', () => {
    expect(referenceYear('approved in December of 2013; seen 1/7/15 and in 2011')).toBe(2013);
    expect(referenceYear('injured on 9/7/11, report dated 2/24/15')).toBe(2015);
    expect(firstDate('injured on 9/7/11 at work', referenceYear('9/7/11 2/24/15'))).toBe('2011-09-07');
  });
});
