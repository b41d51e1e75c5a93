import { allMatches } from './text.ts';

/** US state and territory names to USPS codes, for reviewer licensure. */
const STATES: Record<string, string> = {
  alabama: 'AL',
  alaska: 'AK',
  arizona: 'AZ',
  arkansas: 'AR',
  california: 'CA',
  colorado: 'CO',
  connecticut: 'CT',
  delaware: 'DE',
  'district of columbia': 'DC',
  florida: 'FL',
  georgia: 'GA',
  hawaii: 'HI',
  idaho: 'ID',
  illinois: 'IL',
  indiana: 'IN',
  iowa: 'IA',
  kansas: 'KS',
  kentucky: 'KY',
  louisiana: 'LA',
  maine: 'ME',
  maryland: 'MD',
  massachusetts: 'MA',
  michigan: 'MI',
  minnesota: 'MN',
  mississippi: 'MS',
  missouri: 'MO',
  montana: 'MT',
  nebraska: 'NE',
  nevada: 'NV',
  'new hampshire': 'NH',
  'new jersey': 'NJ',
  'new mexico': 'NM',
  'new york': 'NY',
  'north carolina': 'NC',
  'north dakota': 'ND',
  ohio: 'OH',
  oklahoma: 'OK',
  oregon: 'OR',
  pennsylvania: 'PA',
  'puerto rico': 'PR',
  'rhode island': 'RI',
  'south carolina': 'SC',
  'south dakota': 'SD',
  tennessee: 'TN',
  texas: 'TX',
  utah: 'UT',
  vermont: 'VT',
  virginia: 'VA',
  washington: 'WA',
  'west virginia': 'WV',
  wisconsin: 'WI',
  wyoming: 'WY',
};

const CODES = new Set(Object.values(STATES));

// Longest names first so that "West Virginia" wins over "Virginia".
const NAME_PATTERN = new RegExp(
  `\\b(${Object.keys(STATES)
    .sort((a, b) => b.length - a.length)
    .map((n) => n.replace(' ', '\\s+'))
    .join('|')}|[A-Z]{2})\\b`,
  'gi',
);

/** USPS codes of the states named in a piece of text, in order, without duplicates. */
export function stateCodes(text: string): string[] {
  const codes: string[] = [];
  for (const m of allMatches(NAME_PATTERN, text)) {
    const word = m[1]!;
    // Two letters are a code or no state (no name is that short); a name may be wrapped over lines.
    const found =
      word.length === 2
        ? word === word.toUpperCase() && CODES.has(word)
          ? word
          : undefined
        : STATES[word.toLowerCase().replace(/\s+/g, ' ')];
    if (found && !codes.includes(found)) codes.push(found);
  }
  return codes;
}
