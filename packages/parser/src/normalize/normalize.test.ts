import fc from 'fast-check';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { seedLetters } from '../../test-letters/load.ts';
import { normalizeBytes, normalizeText } from './normalize.ts';

const SEED_BYTES = new Map(seedLetters().map((letter) => [letter.name, letter.bytes]));
const SEED_NAMES = [...SEED_BYTES.keys()];
const seed = (name: string) => SEED_BYTES.get(name) as Buffer;
const names = (r: { repairs: { name: string }[] }) => r.repairs.map((x) => x.name);

describe('decoding', () => {
  const text = 'The patient’s claim under §§9792.20 – café résumé.';
  it.each([
    ['utf-8', Buffer.from(text), 'utf-8'],
    ['utf-8 with BOM', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]), 'utf-8'],
    ['windows-1252', iconv.encode(text, 'windows-1252'), 'windows-1252'],
    ['utf-16le with BOM', iconv.encode(text, 'utf-16le', { addBOM: true }), 'utf-16le'],
    ['utf-16be with BOM', iconv.encode(text, 'utf-16be', { addBOM: true }), 'utf-16be'],
    ['utf-16le without BOM', iconv.encode(text, 'utf-16le'), 'utf-16le'],
    ['utf-16be without BOM', iconv.encode(text, 'utf-16be'), 'utf-16be'],
  ])('%s', (_label, bytes, encoding) => {
    const result = normalizeBytes(bytes);
    expect(result.text).toBe(text);
    expect(result.encoding).toBe(encoding);
  });

  it('names Latin-1 when no byte is Windows-1252 punctuation, and other single-byte encodings chardet finds', () => {
    const latin1 = 'café résumé naïve façade, the patient was seen. '.repeat(3).trim();
    expect(normalizeBytes(iconv.encode(latin1, 'iso-8859-1'))).toMatchObject({
      text: latin1,
      encoding: 'iso-8859-1',
    });
    const polish =
      'Pacjent otrzymał leczenie w szpitalu; zażółć gęślą jaźń. Lekarz stwierdził, że uraz wymaga rehabilitacji. '
        .repeat(3)
        .trim();
    expect(normalizeBytes(iconv.encode(polish, 'windows-1250'))).toMatchObject({
      text: polish,
      encoding: 'windows-1250',
    });
  });

  it('reads a stray Windows-1252 byte in UTF-8 text as Windows-1252, and says so', () => {
    const bytes = Buffer.concat([
      Buffer.from('Under §§9792.20 – the patient'),
      Buffer.from([0x92]),
      Buffer.from('s report.'),
    ]);
    const result = normalizeBytes(bytes);
    expect(result).toMatchObject({ text: 'Under §§9792.20 – the patient’s report.', encoding: 'utf-8' });
    expect(result.warnings.join(' ')).toMatch(/not UTF-8/);
  });

  it('takes PDF text as UTF-8 when told so', () => {
    expect(normalizeBytes(Buffer.from('Pain Cream: Upheld'), { encoding: 'utf-8' }).text).toBe(
      'Pain Cream: Upheld',
    );
  });
});

describe('character repairs', () => {
  it('repairs double-encoded UTF-8 and says so', () => {
    const result = normalizeText('8 C.C.R. Â§Â§9792.20 and the patientâ€™s report; cafÃ© visit');
    expect(result.text).toBe('8 C.C.R. §§9792.20 and the patient’s report; café visit');
    expect(names(result)).toContain('mojibake');
    expect(result.warnings.join(' ')).toMatch(/repaired encoding/);
  });

  it('leaves clean text with Latin-1 letters alone', () => {
    const clean = 'Señor Müller’s naïve café — 1–7% «quoted» ©2014 Â alone';
    expect(normalizeText(clean).text).toBe(clean);
  });

  it('restores quotes lost as ? but keeps real questions', () => {
    const result = normalizeText(
      'the patient?s duty levels. The guidelines specify that the ?time to produce. Is it necessary? Yes.',
    );
    expect(result.text).toBe(
      'the patient\'s duty levels. The guidelines specify that the "time to produce. Is it necessary? Yes.',
    );
  });

  it('spells out ligatures and removes zero-width, control and non-breaking characters', () => {
    const result = normalizeText('e\ufb03cacy\u00a0of\u200b the\u0007 o\ufb00er');
    expect(result.text).toBe('efficacy of the offer');
    expect(names(result)).toEqual(expect.arrayContaining(['ligature', 'nbsp', 'zero-width', 'control-char']));
  });

  it('reads vertical tabs and line separators as line breaks, and a soft hyphen at a line end as a broken word', () => {
    expect(normalizeText('Case Number: CM13-0050844\vDate of Injury: 11/13/2003').text).toBe(
      'Case Number: CM13-0050844\n\nDate of Injury: 11/13/2003',
    );
    expect(normalizeText('the treat\u00ad\nment plan').text).toBe('the treatment plan');
  });
});

describe('layout', () => {
  it('joins wrapped lines, keeps headings and labels apart, and joins a wrapped ALL-CAPS title', () => {
    const text = normalizeBytes(seed(SEED_NAMES[0] as string)).text;
    const paragraphs = text.split('\n\n');
    expect(paragraphs).toContain(
      'FOLLOW UP VISITS WITH THE PSYCHOLOGIST (COGNITIVE BEHAVIOR THERAPY) #12: Upheld',
    );
    expect(paragraphs).toContain('IMR ISSUES, DECISIONS AND RATIONALES');
    expect(paragraphs).toContain('CLINICAL CASE SUMMARY');
    expect(paragraphs).toContain(
      'Claims Administrator guideline: Decision based on MTUS Chronic Pain Treatment Guidelines.',
    );
    expect(text).not.toMatch(/ {2}|\n{3}| \n/);
  });

  it.each(SEED_NAMES)(
    'seed %s double-encoded (UTF-8 read as Windows-1252, saved as UTF-8) gives the same text',
    (name) => {
      const bytes = seed(name);
      const original = normalizeBytes(bytes).text;
      const doubled = Buffer.from(iconv.decode(bytes, 'windows-1252'), 'utf8');
      const result = normalizeBytes(doubled);
      expect(result.text).toBe(original);
      if (bytes.some((b) => b > 0x7f)) expect(names(result)).toContain('mojibake');
    },
  );

  it('repairs seed 003 and seed 001', () => {
    expect(normalizeBytes(seed(SEED_NAMES[3] as string)).text).toContain('8 C.C.R. §§9792.20 - 9792.26');
    const s001 = normalizeBytes(seed(SEED_NAMES[1] as string)).text;
    expect(s001).not.toContain('patient?s');
    expect(s001).toContain("patient's duty levels");
  });

  it('keeps the hyphen of 1-7% and short-term across a line break, and undoes a real hyphenation', () => {
    const text = normalizeText(
      'pain by 1-\n7% compared to placebo. It may be used for short-\nterm relief and the treat-\nment of post-\nlaminectomy pain.',
    ).text;
    expect(text).toBe(
      'pain by 1-7% compared to placebo. It may be used for short-term relief and the treatment of post-laminectomy pain.',
    );
  });

  it.each(SEED_NAMES)(
    'seed %s: re-wrapped, CRLF, with page headers and footers, gives the same paragraphs',
    (name) => {
      const original = normalizeBytes(seed(name)).text;
      const pages: string[] = [];
      let page: string[] = [];
      for (const paragraph of original.split('\n\n')) {
        const words = paragraph.split(' ');
        let line = '';
        for (const word of words) {
          if (line && line.length + word.length + 1 > 60) {
            page.push(line);
            line = word;
          } else line = line ? `${line} ${word}` : word;
        }
        page.push(line, '');
        if (page.length > 45) {
          pages.push(page.join('\n'));
          page = [];
        }
      }
      pages.push(page.join('\n'));
      const damaged = pages
        .map(
          (p, i) => `CM13-0050844\r\n\r\n${p.replace(/\n/g, '\r\n')}\r\nPage ${i + 1} of ${pages.length}\r\n`,
        )
        .join('\f');
      const result = normalizeBytes(iconv.encode(damaged, 'windows-1252'));
      expect(result.text).toBe(original);
      expect(names(result)).toEqual(expect.arrayContaining(['crlf', 'page-header', 'page-footer']));
    },
  );
});

describe('properties', () => {
  it('never throws on arbitrary bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 2000 }), (bytes) => {
        normalizeBytes(bytes);
      }),
      { numRuns: 300 },
    );
  });

  it('is idempotent on arbitrary text', () => {
    const line = fc.stringMatching(/^[A-Za-z0-9 .,:;?'()#%\-§éâ€™Ã©\n\f\r\t]{0,120}$/);
    fc.assert(
      fc.property(fc.array(line, { maxLength: 30 }), (lines) => {
        const once = normalizeText(lines.join('\n')).text;
        expect(normalizeText(once).text).toBe(once);
      }),
      { numRuns: 400 },
    );
  });

  it('never throws and is idempotent on any text, letter pieces and mojibake mixed in', () => {
    const piece = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 60 }),
      fc.constantFrom(
        '\n',
        '\n\n',
        ' \n',
        '\f',
        'Page 2 of 3\n',
        'CLINICAL CASE SUMMARY\n',
        'Decision rationale: ',
        ': Upheld\n',
        '1. ',
        'Ã©',
        'â€™',
        'â€\ufffd',
        '-\n',
        '/\n',
        '?s ',
        ' ?t',
      ),
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 40 }), (pieces) => {
        const once = normalizeText(pieces.join('')).text;
        expect(normalizeText(once).text).toBe(once);
      }),
      { numRuns: 500 },
    );
  });

  it('is idempotent on every seed', () => {
    for (const name of SEED_NAMES) {
      const once = normalizeBytes(seed(name)).text;
      expect(normalizeText(once).text).toBe(once);
    }
  });
});
