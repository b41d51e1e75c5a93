import { describe, expect, it } from 'vitest';
import { parseHeader } from './header.ts';

const expected = {
  caseNumber: 'CM13-0050844',
  dates: {
    assigned: '2013-12-03',
    injury: '2003-11-13',
    decision: '2014-01-15',
    urDenial: '2013-11-20',
    applicationReceived: '2013-11-27',
  },
  priority: 'standard',
};

describe('parseHeader', () => {
  it('reads one field per line', () => {
    const header = [
      'Case Number: CM13-0050844',
      'Date Assigned: 12/3/2013',
      'Date of Injury: 11/13/03',
      'Decision Date: 1/15/2014',
      'UR Denial Date: 11/20/2013',
      'Priority: Standard',
      'Application Received: 11/27/2013',
    ].join('\n\n');
    expect(parseHeader(header, 2014)).toEqual(expected);
  });

  it('reads fields side by side and month-name dates', () => {
    const header =
      'Case Number: CM13-0050844    Date Assigned: December 3, 2013\nDate of Injury: 11/13/2003    ' +
      'Decision Date: January 15, 2014\nUR Denial Date: 11/20/2013    Priority: Standard\n' +
      'Application Received: 11/27/2013';
    expect(parseHeader(header, 2014)).toEqual(expected);
  });

  it('reads a table exported column by column: labels first, then values in order', () => {
    const header = [
      'Case Number:',
      'Date Assigned:',
      'Date of Injury:',
      'Decision Date:',
      'UR Denial Date:',
      'Priority:',
      'Application Received:',
      'CM13-0050844',
      '12/3/2013',
      '11/13/2003',
      '1/15/2014',
      '11/20/2013',
      'Standard',
      '11/27/2013',
    ].join('\n');
    expect(parseHeader(header, 2014)).toEqual(expected);
  });

  it('gives nulls when there is no header', () => {
    expect(parseHeader('MAXIMUS FEDERAL SERVICES, INC.', 2014)).toEqual({
      caseNumber: null,
      dates: { assigned: null, injury: null, decision: null, urDenial: null, applicationReceived: null },
      priority: null,
    });
  });
});
