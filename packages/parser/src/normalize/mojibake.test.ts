import fc from 'fast-check';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { repairMojibake } from './mojibake.ts';

/**
 * What a UTF-8 text becomes when its bytes are read in another code page, `times` times over; null
 * when the code page has no character for some byte (iconv-lite then writes U+FFFD: bytes lost).
 */
const misread = (text: string, page: string, times = 1) => {
  let out = text;
  for (let i = 0; i < times; i++) {
    out = iconv.decode(Buffer.from(out, 'utf8'), page);
    if (out.includes('\ufffd')) return null;
  }
  return out;
};

const CLEAN = [
  'The patient’s “functional restoration” program — 1–7% improvement… under 8 C.C.R. §§9792.20',
  'Le médecin a prescrit un traitement à l’hôpital; il était très préoccupé.',
  'Die Überprüfung ergab, dass die Behandlung nötig ist. Grüße aus Köln',
  'El paciente recibió atención médica en el año 2013; el señor Muñoz está aquí.',
  'Pacjent otrzymał leczenie: zażółć gęślą jaźń.',
  'Čeština: příliš žluťoučký kůň úpěl ďábelské ódy',
  'Пациент получил лечение в больнице; всё хорошо.',
  'Great job 😀 ✔ ™ © ® 98.6°F ±5 µg ½ tablet',
];

describe('repairMojibake', () => {
  it.each([
    ['8 C.C.R. Â§Â§9792.20', '8 C.C.R. §§9792.20'],
    ['the patientâ€™s report', 'the patient’s report'],
    ['â€œfunctional restorationâ€\u009d', '“functional restoration”'],
    ['cafÃ© rÃ©sumÃ©', 'café résumé'],
    ['The Mona Lisa doesnÃƒÂ¢Ã¢â€šÂ¬Ã¢â€žÂ¢t have eyebrows.', 'The Mona Lisa doesn’t have eyebrows.'],
    ['Ecuadorâ\u0080\u0099s â\u0080\u0098pressureâ\u0080\u0099\u0085', 'Ecuador’s ‘pressure’…'],
    [
      'Le Schtroumpf conseille g√¢teaux et un r√©gime √©quilibr√©',
      'Le Schtroumpf conseille gâteaux et un régime équilibré',
    ],
    ['voilÃ  le travail', 'voilà le travail'],
    ['Hi guys í\u00a0½í¸\u008d', 'Hi guys 😍'],
  ])('repairs %j', (broken, fixed) => {
    const result = repairMojibake(broken);
    expect(result.text).toBe(fixed);
    expect(result.count).toBeGreaterThan(0);
  });

  it('marks a sequence that lost a byte as U+FFFD, or with guessLostBytes reads `â€�` as `”`', () => {
    const once = iconv.decode(Buffer.from('the “passive care” program', 'utf8'), 'windows-1252');
    expect(once).toBe('the â€œpassive careâ€\ufffd program');
    expect(repairMojibake(once).text).toBe('the “passive care\ufffd program');
    expect(repairMojibake(once, { guessLostBytes: true }).text).toBe('the “passive care” program');
    const twice = iconv.decode(Buffer.from(once, 'utf8'), 'windows-1252');
    expect(repairMojibake(twice, { guessLostBytes: true }).text).toBe('the “passive care” program');
  });

  it.each(['windows-1252', 'iso-8859-1', 'windows-1251', 'windows-1250', 'macintosh'])(
    'undoes UTF-8 read as %s, once and twice',
    (page) => {
      for (const text of CLEAN) {
        for (const times of [1, 2]) {
          const broken = misread(text, page, times);
          if (broken !== null) expect(repairMojibake(broken).text).toBe(text);
        }
      }
    },
  );

  it.each([
    ...CLEAN,
    'NESTLÉ® requiere contratar personal',
    'There are a lot of Ã’s in mojibake text',
    'Bremer/Mccoy – DrÃ¥ber',
    '4288×…',
    'C O N C L U S Ã O',
    "I'm not such a fan of Charlotte Brontë…”",
    '(-1/2)! = √π',
    'HÅØYA ER BLÅØYD',
    '``hogwarts nao existe, voce nao vai pegar o trem pra lá´´',
  ])('leaves %j alone', (text) => {
    expect(repairMojibake(text)).toEqual({ text, count: 0 });
  });

  it('is stable: a repaired text needs no further repair', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (text) => {
        const once = repairMojibake(text).text;
        expect(repairMojibake(once).text).toBe(once);
      }),
      { numRuns: 500 },
    );
  });
});
