import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { normalizeBytes } from './normalize.ts';
import { ocrWarning, repairOcrHabits } from './ocr-habits.ts';
import { RepairLog } from './repairs.ts';

const repair = (text: string) => repairOcrHabits(text, new RepairLog());
const NOTE = { engine: 'tesseract 5.3.0', pages: 2, meanConfidence: 93.4 };

describe('repairOcrHabits', () => {
  it('drops table rules read as bars', () => {
    expect(repair('UR Denial Date: | 11/03/2016\n| Priority: Standard |')).toBe(
      'UR Denial Date: 11/03/2016\nPriority: Standard ',
    );
    // A bar inside a word or number is not a rule.
    expect(repair('a|b 1|2')).toBe('a|b 1|2');
  });

  it('puts a label back together when its last word went to the next line, after the value', () => {
    expect(repair('Priority: Standard Application 11/03/2016\nReceived:\n\nHOW THE IMR')).toBe(
      'Priority: Standard Application Received: 11/03/2016\n\nHOW THE IMR',
    );
    expect(repair('Case CM16-0213037\nNumber:\nDate of 10/13/2016\nInjury:')).toBe(
      'Case Number: CM16-0213037\nDate of Injury: 10/13/2016',
    );
  });

  it('reads l/I as 1 and O/o as 0 in case numbers and dates, never in words', () => {
    expect(repair('Case Number: CMl6-O2l3O37')).toBe('Case Number: CM16-0213037');
    expect(repair('Date Assigned: 1l/O9/2016 and 10-l3-16')).toBe('Date Assigned: 11/09/2016 and 10-13-16');
    expect(repair('Cool Ohio lOl, CMOS, Oil/IO')).toBe('Cool Ohio lOl, CMOS, Oil/IO');
  });

  it('joins words OCR split after a capital, and fixes misread fixed words', () => {
    expect(repair('the original request, C hiropractic spinal manipulation')).toBe(
      'the original request, Chiropractic spinal manipulation',
    );
    expect(
      repair('State(s) of Licensure: Califomia, New Y ork\nCentification(s)/Specialty: Family Practice'),
    ).toBe('State(s) of Licensure: California, New York\nCertification(s)/Specialty: Family Practice');
    expect(repair('Licensure: A rizona,A rizona\nCertification(s)/Specialty: Intemal Medicine')).toBe(
      'Licensure: Arizona,Arizona\nCertification(s)/Specialty: Internal Medicine',
    );
    expect(repair('the Claims A dministrator. A trial of A spirin')).toBe(
      'the Claims Administrator. A trial of A spirin',
    );
    // Words near a known one, but words of their own, stay.
    expect(repair('Dental care in Carolinas, Indian Wells; Expected')).toBe(
      'Dental care in Carolinas, Indian Wells; Expected',
    );
  });

  it('closes the spaces OCR opens after a percent sign, and puts an outcome back after its heading', () => {
    expect(repair('Flurbiprofen 20% , Baclofen 5% /Lidocaine (5% ) 20% of cases')).toBe(
      'Flurbiprofen 20%, Baclofen 5%/Lidocaine (5%) 20% of cases',
    );
    expect(repair('The original request, Acupuncture treatments is:\n\nUpheld\nClaims')).toBe(
      'The original request, Acupuncture treatments is: Upheld\nClaims',
    );
  });

  it("drops a stray mark alone at a page's edge (a heading's bullet, a logo)", () => {
    expect(repair('right hip: Upheld\n\nCO\fClaims Administrator guideline')).toBe(
      'right hip: Upheld\n\n\fClaims Administrator guideline',
    );
    expect(repair('set forth below:\nae\fChiropractic spinal')).toBe(
      'set forth below:\n\fChiropractic spinal',
    );
    // Words are kept.
    expect(repair('the request\nis\fnot')).toBe('the request\nis\fnot');
  });

  it('changes nothing in the text layers of the 97 real letters', () => {
    const real = fileURLToPath(new URL('../../../../../shared/corpus/real/', import.meta.url));
    const names = readdirSync(real).filter((f) => f.endsWith('.pdf'));
    expect(names).toHaveLength(97);
    let changed = 0;
    for (const name of names) {
      const text = execFileSync('pdftotext', [`${real}${name}`, '-'], { encoding: 'utf8' });
      if (repair(text) !== text.replace(/\r\n?/g, '\n')) changed++;
    }
    expect(changed).toBe(0);
  });
});

describe('normalizeBytes of OCR text', () => {
  it('repairs OCR habits, re-joins words hyphenated at line ends, and warns that OCR read it', () => {
    const text = 'Case Number: CMl6-O2l3O37\nThe treat-\nment plan included MRI.\n';
    const ocr = normalizeBytes(new TextEncoder().encode(text), { encoding: 'utf-8', ocr: NOTE });
    expect(ocr.text).toContain('CM16-0213037');
    expect(ocr.text).toContain('The treatment plan');
    expect(ocr.warnings[0]).toBe(ocrWarning(NOTE));
    expect(ocr.warnings[0]).toMatch(
      /read by OCR \(tesseract 5\.3\.0\): 2 page\(s\), mean word confidence 93\.4%/,
    );
    expect(ocr.repairs).toContainEqual({ name: 'ocr-digits', count: 1 });
    // Without the note, the text is taken as written.
    const plain = normalizeBytes(new TextEncoder().encode(text), { encoding: 'utf-8' });
    expect(plain.text).toContain('CMl6-O2l3O37');
    expect(plain.warnings.join(' ')).not.toMatch(/OCR/);
  });
});
