import type { RepairLog } from './repairs.ts';

/** What the normalizer is told about text read by OCR (the payload's `ocr`). */
export interface OcrNote {
  engine: string;
  pages: number;
  meanConfidence: number;
}

/** The determination's warning for a letter read by OCR. */
export function ocrWarning(note: OcrNote): string {
  return `read by OCR (${note.engine}): ${note.pages} page(s), mean word confidence ${note.meanConfidence}%; names, numbers and dates may be misread`;
}

/** Letters OCR reads for digits inside a number: l, I, | for 1; O, o, D, Q for 0; S for 5; B for 8; Z for 2. */
const DIGIT_OF: Record<string, string> = {
  l: '1',
  I: '1',
  '|': '1',
  i: '1',
  O: '0',
  o: '0',
  D: '0',
  Q: '0',
  S: '5',
  B: '8',
  Z: '2',
};
const LOOKALIKE = '[0-9lI|iOoDQSBZ]';
const digits = (s: string) => s.replace(/[lI|iOoDQSBZ]/g, (c) => DIGIT_OF[c] as string);

// An IMR case number (CM16-0213037) and a date (11/09/2016, 10-13-16) with letters for digits; at
// least two real digits, so that words are never taken for numbers.
const CASE_NUMBER = new RegExp(`\\b(C[MN])(${LOOKALIKE}{2})([-–]?)(${LOOKALIKE}{5,8})\\b`, 'g');
const DATE = new RegExp(
  `(?<![\\w/])(${LOOKALIKE}{1,2})([/-])(${LOOKALIKE}{1,2})\\2(${LOOKALIKE}{4}|${LOOKALIKE}{2})(?![\\w/])`,
  'g',
);
const realDigits = (s: string) => (s.match(/\d/g) ?? []).length;

/** The header's labels of more than one word: OCR of a table may put a label's last word(s) on the next line. */
const SPLIT_LABELS = [
  'Application Received',
  'Date Application Received',
  'UR Denial Date',
  'Date of UR Denial',
  'Date of Injury',
  'Decision Date',
  'Date Assigned',
  'Case Number',
];
const LABEL_VALUE = '(?:[0-9lIOo]{1,2}[/-][0-9lIOo]{1,2}[/-][0-9lIOo]{2,4}|C[MN]\\S+|Standard|Expedited)';
const SPLIT_LABEL_PATTERNS = SPLIT_LABELS.flatMap((label) => {
  const words = label.split(' ');
  return words.slice(1).map((_, i) => {
    const head = words.slice(0, i + 1).join('[ \\t]+');
    const tail = words.slice(i + 1).join('[ \\t]+');
    // "…Application 11/03/2016\nReceived:" → "…Application Received: 11/03/2016\n"
    return new RegExp(
      `(^|[ \\t])(${head})[ \\t]*:?[ \\t]+(${LABEL_VALUE})[ \\t]*\\n[ \\t]*(${tail})[ \\t]*:[ \\t]*`,
      'gim',
    );
  });
});

/**
 * Words of the letters' fixed text (labels, and the states of a reviewer's licensure) that OCR
 * misreads in a letter or two (rn for m, n for r, l for i): a capitalised word within one edit of
 * one of them (two, for a word of nine letters or more), and of no other, is read as it.
 */
const VOCABULARY = [
  // Only words that no other word of a letter is within reach of ("Denial" is one edit from
  // "Dental", "Expedited" two from "Expected": they are left alone).
  'Application',
  'Certification',
  'Certifications',
  'Licensure',
  'Specialty',
  'Subspecialty',
  'Overturned',
  'Alabama',
  'Alaska',
  'Arizona',
  'Arkansas',
  'California',
  'Colorado',
  'Connecticut',
  'Delaware',
  'Florida',
  'Georgia',
  'Hawaii',
  'Illinois',
  'Indiana',
  'Kansas',
  'Kentucky',
  'Louisiana',
  'Maryland',
  'Massachusetts',
  'Michigan',
  'Minnesota',
  'Mississippi',
  'Missouri',
  'Montana',
  'Nebraska',
  'Nevada',
  'Oklahoma',
  'Oregon',
  'Pennsylvania',
  'Tennessee',
  'Vermont',
  'Virginia',
  'Washington',
  'Wisconsin',
  'Wyoming',
  'Carolina',
  'Dakota',
];
const KNOWN = new Set(VOCABULARY.map((w) => w.toLowerCase()));
/**
 * Words of reviewers' specialties and the letters' labels, matched only exactly once OCR's "m" for
 * "rn" is undone (Intemal → Internal, Califomia → California): no word of English reads so.
 */
const RN_WORDS = new Set(
  [
    ...VOCABULARY,
    'Internal',
    'Governing',
    'Concerned',
    'Tenderness',
    'Herniated',
    'Hernia',
    'Modern',
    'Eastern',
    'Western',
    'Northern',
    'Southern',
    'Journal',
  ].map((w) => w.toLowerCase()),
);

/** Levenshtein distance, stopping early once it exceeds `max`. */
function distance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      const v = Math.min((prev[j] as number) + 1, (row[j - 1] as number) + 1, (prev[j - 1] as number) + cost);
      row.push(v);
      best = Math.min(best, v);
    }
    if (best > max) return max + 1;
    prev = row;
  }
  return prev[b.length] as number;
}

function vocabularyWord(word: string): string | null {
  const lower = word.toLowerCase();
  if (lower.includes('m') && !RN_WORDS.has(lower)) {
    const rn = lower.replace(/m/g, 'rn');
    if (RN_WORDS.has(rn)) return word[0] + rn.slice(1);
  }
  if (word.length < 6 || KNOWN.has(lower)) return null;
  // An inflection of a known word (Carolinas, Indian) is a word of its own.
  if (VOCABULARY.some((k) => lower.startsWith(k.toLowerCase()) || k.toLowerCase().startsWith(lower)))
    return null;
  const max = word.length >= 9 ? 2 : 1;
  let found: string | null = null;
  let best = max + 1;
  let tie = false;
  for (const known of VOCABULARY) {
    const d = distance(lower, known.toLowerCase(), max);
    if (d < best) [found, best, tie] = [known, d, false];
    else if (d === best && d <= max) tie = true;
  }
  // Two words equally near: leave it alone.
  return tie ? null : found;
}

/** Two consonants that begin English words (after "A ", "A dministrator" is a split word, "A trial" is not). */
const ONSETS = new Set(
  'bl br ch cl cr dr dw fl fr gl gn gr kl kn ph pl pn pr ps qu rh sc sh sk sl sm sn sp sq st sw th tr tw wh wr'.split(
    ' ',
  ),
);
const VOWEL = /[aeiouy]/;
// Short marks OCR reads off a page's edges (a heading's bullet, a logo, a fold): a line of one to
// three letters or signs, no digits, alone at the end or start of a page. Short words are kept.
const EDGE_JUNK = /^(?:[A-Za-z]{1,3}|[^\w\s]{1,3})$/;
const SHORT_WORDS = new Set([
  'a',
  'i',
  'is',
  'it',
  'to',
  'of',
  'an',
  'on',
  'or',
  'and',
  'the',
  'be',
  'no',
  'not',
  'are',
  'in',
  'as',
  'at',
  'by',
  'for',
]);

function dropEdgeJunk(page: string, log: RepairLog): string {
  const lines = page.split('\n');
  const junk = (line: string | undefined) =>
    line !== undefined && EDGE_JUNK.test(line.trim()) && !SHORT_WORDS.has(line.trim().toLowerCase());
  const edges = (from: number, step: 1 | -1) => {
    let i = from;
    while (i >= 0 && i < lines.length && !lines[i]?.trim()) i += step;
    if (junk(lines[i])) {
      lines[i] = '';
      log.add('ocr-edge-mark');
    }
  };
  edges(0, 1);
  edges(lines.length - 1, -1);
  return lines.join('\n');
}

/**
 * Repairs what OCR does to a letter's text, before the normalizer's own rounds (which re-join
 * lines and words hyphenated at line ends): a table's rules read as `|`; a header label whose
 * last word went to the next line, after its value; letters read for digits in case numbers and
 * dates (l/1, O/0); fixed words of the letters misread (Califomia, Centification). Pure; never throws.
 */
export function repairOcrHabits(text: string, log: RepairLog): string {
  let out = text
    .replace(/\r\n?/g, '\n')
    .split('\f')
    .map((page) => dropEdgeJunk(page, log))
    .join('\f');
  // A space OCR put after a capital letter set close to the next one ("C hiropractic", "New Y ork",
  // "A dministrator"); a single capital (but A and I) is no word of a letter.
  out = out.replace(
    /(^|.)\b([A-Z]) ([a-z]{2,})/gm,
    (whole, before: string, capital: string, rest: string) => {
      if (capital === 'I') return whole;
      // "A" is a word, unless glued to a comma or bracket ("California,A rizona"), or the two make a
      // known word ("Licensure: A rizona"), or what follows is what no word begins with ("A dministrator").
      const glued = /[,(/]/.test(before) || KNOWN.has(`${capital}${rest}`.toLowerCase());
      if (
        capital === 'A' &&
        !glued &&
        (VOWEL.test(rest[0] as string) || VOWEL.test(rest[1] as string) || ONSETS.has(rest.slice(0, 2)))
      )
        return whole;
      log.add('ocr-split-word');
      return before + capital + rest;
    },
  );
  // A space OCR puts between a percent sign and what follows it ("20% , Baclofen 5% /Lidocaine").
  out = out.replace(/%[ \t]+(?=[,/;)])/g, () => {
    log.add('ocr-spacing');
    return '%';
  });
  // An outcome OCR set apart from its heading ("… is:\n\nUpheld").
  out = out.replace(/\bis:[ \t]*\n[ \t]*\n[ \t]*(Upheld|Overturned)[ \t]*(?=\n)/g, (_, outcome: string) => {
    log.add('ocr-split-label');
    return `is: ${outcome}`;
  });
  // A table rule read as a bar (or a broken bar) standing alone between words, or at a line's ends.
  out = out.replace(/(^|[ \t])[|¦]+(?:[ \t]+|$)/gm, (_, before: string) => {
    log.add('ocr-table-rule');
    return before;
  });
  for (const pattern of SPLIT_LABEL_PATTERNS) {
    out = out.replace(pattern, (...m) => {
      const [whole, before, head, value, tail, at, all] = m as [
        string,
        string,
        string,
        string,
        string,
        number,
        string,
      ];
      log.add('ocr-split-label');
      const rest = all[at + whole.length];
      return `${before}${head} ${tail}: ${value}${rest === undefined || rest === '\n' ? '' : ' '}`;
    });
  }
  out = out.replace(CASE_NUMBER, (whole, prefix: string, year: string, dash: string, serial: string) => {
    if (realDigits(year + serial) < 4) return whole;
    const fixed = `${prefix}${digits(year)}${dash ? '-' : ''}${digits(serial)}`;
    if (fixed !== whole) log.add('ocr-digits');
    return fixed;
  });
  out = out.replace(DATE, (whole, a: string, sep: string, b: string, c: string) => {
    if (realDigits(a + b + c) < 3 || realDigits(whole) === whole.length - 2) return whole;
    log.add('ocr-digits');
    return `${digits(a)}${sep}${digits(b)}${sep}${digits(c)}`;
  });
  out = out.replace(/\b[A-Z][a-z]{5,}(?:\(s\))?/g, (word) => {
    const bare = word.replace(/\(s\)$/, '');
    const known = vocabularyWord(bare);
    if (!known) return word;
    log.add('ocr-word');
    return known + word.slice(bare.length);
  });
  return out;
}
