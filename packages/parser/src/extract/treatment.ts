import type { Treatment, TreatmentCategory } from '@imr/contracts';
import { categorize } from './category.ts';
import { NUMBER_WORD, toCount } from './numbers.ts';
import { trimEndMatching } from './text.ts';

/**
 * What a disputed item asks for: its category; drug, strength, form, frequency and quantity for a
 * medication; the number of sessions for a therapy or visits.
 */

const THERAPIES = new Set<TreatmentCategory>([
  'physical-therapy',
  'psychotherapy',
  'acupuncture',
  'massage',
  'chiropractic',
  'office-visit',
  'home-health',
]);

// A strength starts where its digits do: tried from inside a run of digits it could only find what the
// run's first digit finds, and a long run without a unit would be rescanned from each of its digits.
const STRENGTH =
  /(?<!\d)(\d+(?:\.\d+)?)\s*(mg|mcg|gm|g|ml|%)(?:\s*\/\s*(\d*(?:\.\d+)?)\s*(ml|mg|g|hr|h))?(?![a-z])/i;
const FORMS: readonly [RegExp, string][] = [
  [/\bsoft ?gels?\b/i, 'softgel'],
  [/\bcreams?\b/i, 'cream'],
  [/\b(?:tablets?|tabs?)\b/i, 'tablet'],
  [/\b(?:capsules?|caps?)\b/i, 'capsule'],
  [/\bpatch(?:es)?\b/i, 'patch'],
  [/\bointments?\b/i, 'ointment'],
  [/\blotions?\b/i, 'lotion'],
  [/\bgels?\b/i, 'gel'],
  [/\bsolutions?\b/i, 'solution'],
  [/\bsprays?\b/i, 'spray'],
  [/\bsyrups?\b/i, 'syrup'],
  [/\bsuppositor(?:y|ies)\b/i, 'suppository'],
];
const FREQUENCY =
  /\b(?:TID|BID|QID|QD|QHS|QAM|QPM|PRN|daily|nightly|twice (?:a )?daily|(?:once|twice|three times) (?:a|per) day|q\.? ?\d+ ?(?:h|hrs?|hours?)\b|every \d+ hours?)\b/i;
const QUANTITY = /(?:#|\bqty\.?:?|\bquantity(?: of)?:?)\s*(\d{1,6})\b/i;
const COUNT_OF = /\b(\d{1,4})\s+(?:tablets?|tabs|capsules?|caps|patch(?:es)?|softgels?|pills?)\b/i;
const SESSIONS_TIMES =
  /\b(\d{1,2})\s*(?:x|times)\s*(?:(?:a|per|\/)\s*)?(?:wk|week)?\s*(?:x|for)?\s*(\d{1,2})(?:\s*(?:wks?|weeks?))?\b/i;
const TIMES_A_WEEK = new RegExp(
  `\\b(\\d{1,2}|${NUMBER_WORD})\\s*(?:x|times|days?|visits?|sessions?)?\\s*(?:a|per|/)\\s*(?:wk|week)\\s*(?:x|for)\\s*(\\d{1,2}|${NUMBER_WORD})\\s*(?:wks?|weeks?)\\b`,
  'i',
);
const N_SESSIONS = new RegExp(
  `\\b(\\d{1,3}|${NUMBER_WORD})\\s+(?:[A-Za-z-]+\\s+){0,3}?(?:sessions?|visits?|treatments?)\\b`,
  'i',
);
const HASH = /#\s*(\d{1,4})\b/;
const DRUG_NOISE = /^(?:\d+\s+)?(?:prescriptions?|refills?|units?)\s+(?:of|for)\s+/i;
// What separates a drug's name from the strength or form after it (trimmed from the end).
const DRUG_END = /[\s,:;-]/;

function safe(n: number | null): number | null {
  return n !== null && Number.isSafeInteger(n) && n >= 0 ? n : null;
}

function sessionsOf(title: string): number | null {
  const perWeek = TIMES_A_WEEK.exec(title);
  if (perWeek) return safe((toCount(perWeek[1]!) ?? 0) * (toCount(perWeek[2]!) ?? 0)) || null;
  const times = SESSIONS_TIMES.exec(title);
  if (times) return safe(Number(times[1]) * Number(times[2]));
  const n = N_SESSIONS.exec(title);
  if (n) return safe(toCount(n[1]!));
  const hash = HASH.exec(title);
  return hash ? safe(Number(hash[1])) : null;
}

function drugOf(title: string, strengthAt: number, formAt: number): string | null {
  const cut = [strengthAt, formAt].filter((i) => i >= 0);
  const end = cut.length ? Math.min(...cut) : -1;
  if (end <= 0) return null;
  const name = title
    .slice(0, end)
    .replace(DRUG_NOISE, '')
    .replace(/^(?:topical|compound(?:ed)?|pain)\b\s*/i, '');
  const drug = trimEndMatching(name, DRUG_END).trim();
  return drug && /[a-z]/i.test(drug) && !/^pain$/i.test(drug) ? drug : null;
}

/** The first form (in FORMS order) the title names, and where; the rest are not tried. */
function firstForm(title: string): { name: string; index: number } | null {
  for (const [pattern, name] of FORMS) {
    const m = pattern.exec(title);
    if (m) return { name, index: m.index };
  }
  return null;
}

export function parseTreatment(title: string, rationale: string | null): Treatment {
  const category = categorize(title, rationale);
  if (category !== 'medication') {
    return {
      category,
      drug: null,
      strength: null,
      form: null,
      frequency: null,
      quantity: null,
      sessions: THERAPIES.has(category) ? sessionsOf(title) : null,
    };
  }
  const strength = STRENGTH.exec(title);
  const form = firstForm(title);
  const quantity = QUANTITY.exec(title) ?? COUNT_OF.exec(title);
  return {
    category,
    drug: drugOf(title, strength?.index ?? -1, form?.index ?? -1),
    strength: strength ? strength[0].replace(/\s+/g, '').toLowerCase() : null,
    form: form?.name ?? null,
    frequency: FREQUENCY.exec(title)?.[0] ?? null,
    quantity: quantity ? safe(Number(quantity[1])) : null,
    sessions: null,
  };
}
