/** The injured worker as the case summary describes them: age, sex, occupation. */

export interface PatientFields {
  age: number | null;
  sex: 'male' | 'female' | null;
  occupation: string | null;
  /** True when the summary names an age phrase with the number removed ("a year old female"). */
  ageRedacted: boolean;
}

const SEX_WORDS = 'male|female|man|woman|gentleman|lady';
const AGE = new RegExp(`\\b(\\d{1,3})[- ]?(?:years?|yrs?)[- ]?old(?:[ ,]+(${SEX_WORDS})\\b)?`, 'i');
const AGE_SHORT = new RegExp(`\\b(\\d{1,3}) ?y/?o\\b(?:[ ,]+(${SEX_WORDS})\\b)?`, 'i');
const REDACTED = /\b(?:an?|the|xx+|\*+|\[redacted\]|redacted)[- ]+(?:years?|yrs?)[- ]?old\b/i;
const SEX = new RegExp(`\\b(${SEX_WORDS})\\b`, 'i');
const AFTER_SEX = new RegExp(
  `(?:years?|yrs?)[- ]?old (?:${SEX_WORDS}) ([a-z][a-z-]*(?: [a-z][a-z-]*){0,3})`,
  'i',
);
const EMPLOYED_AS =
  /\b(?:employed|works|worked|working) as an? ([a-z][a-z -]{1,60}?)(?=[,.;]| (?:for|at|with|when|who|and|since|in|on)\b)/i;

// Words that end an occupation written right after the sex ("51-year-old male detailer injured ...").
const VERBS = new Set([
  'injured',
  'sustained',
  'who',
  'was',
  'is',
  'has',
  'had',
  'reported',
  'reports',
  'complains',
  'complained',
  'presented',
  'presents',
  'developed',
  'fell',
  'slipped',
  'tripped',
  'suffered',
  'states',
  'stated',
  'with',
  'that',
  'underwent',
  'experienced',
  'hurt',
  'strained',
  'felt',
  'on',
  'whose',
  'claims',
]);

function sexOf(word: string | undefined): 'male' | 'female' | null {
  if (!word) return null;
  const w = word.toLowerCase();
  return w === 'female' || w === 'woman' || w === 'lady' ? 'female' : 'male';
}

function occupationOf(summary: string): string | null {
  const employed = EMPLOYED_AS.exec(summary);
  if (employed) return employed[1]!.trim();
  const after = AFTER_SEX.exec(summary);
  if (!after) return null;
  const words = after[1]!.split(' ');
  const taken: string[] = [];
  for (const word of words) {
    if (VERBS.has(word.toLowerCase())) break;
    taken.push(word);
  }
  // An occupation is only recognised when a verb follows it within the captured words.
  return taken.length > 0 && taken.length < words.length ? taken.join(' ') : null;
}

export function parsePatient(summary: string): PatientFields {
  const m = AGE.exec(summary) ?? AGE_SHORT.exec(summary);
  const age = m ? Number(m[1]) : null;
  const redacted = !m && REDACTED.test(summary);
  const sex = sexOf(m?.[2]) ?? sexOf(SEX.exec(summary)?.[1]) ?? null;
  return {
    age: age !== null && age <= 130 ? age : null,
    sex,
    occupation: occupationOf(summary),
    ageRedacted: redacted,
  };
}
