import { createHash } from 'node:crypto';
import type { CitationBody, Decision, Determination, TreatmentCategory } from '@imr/contracts';
import type { LetterInput } from '../upsert.ts';

/** A small seeded PRNG (mulberry32): the same seed gives the same letters. */
export function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const DRUGS = [
  'ketamine',
  'capsaicin',
  'baclofen',
  'morphine',
  'percocet',
  'tramadol',
  'gabapentin',
  'lidocaine',
  'cyclobenzaprine',
  'omeprazole',
  'naproxen',
  'ibuprofen',
  'hydrocodone',
  'oxycodone',
  'duloxetine',
  'pregabalin',
  'tizanidine',
  'flurbiprofen',
  'diclofenac',
  'meloxicam',
  'celecoxib',
  'zolpidem',
  'fentanyl',
  'methadone',
  'buprenorphine',
  'topiramate',
  'amitriptyline',
  'nortriptyline',
  'carisoprodol',
  'orphenadrine',
  'ondansetron',
  'docusate',
  'menthoderm',
  'terocin',
  'ketoprofen',
  'butrans',
];
const BODY_PARTS = [
  'lumbar spine',
  'cervical spine',
  'right knee',
  'left knee',
  'right shoulder',
  'left shoulder',
  'thoracic spine',
  'right wrist',
  'left wrist',
  'right ankle',
  'left hip',
  'right elbow',
  'low back',
];
const DIAGNOSES = [
  'lumbar radiculopathy',
  'post laminectomy syndrome',
  'cervical disc displacement',
  'rotator cuff tear',
  'carpal tunnel syndrome',
  'major depression',
  'chronic pain syndrome',
  'knee osteoarthritis',
  'lumbar disc herniation',
  'myofascial pain',
  'sciatica',
  'spinal stenosis',
  'anxiety disorder',
  'complex regional pain syndrome',
  'shoulder impingement',
  'lateral epicondylitis',
  'meniscus tear',
  'cervicalgia',
  'insomnia',
  'facet arthropathy',
  'degenerative disc disease',
  'plantar fasciitis',
];
const SPECIALTIES = [
  'Anesthesiology',
  'Pain Medicine',
  'Physical Medicine & Rehabilitation',
  'Family Practice',
  'Psychiatry',
  'Orthopaedic Surgery',
  'Occupational Medicine',
  'Preventive Medicine',
  'Internal Medicine',
  'Neurology',
  'Chiropractic',
  'Acupuncture',
  'Psychology',
  'Neurological Surgery',
  'Sports Medicine',
];
const STATES = ['CA', 'TX', 'AZ', 'IL', 'NY', 'FL', 'WA', 'OR', 'NV', 'CO', 'MD', 'PA'];
const CATEGORY_ITEMS: Array<[TreatmentCategory, string[]]> = [
  ['medication', []],
  ['physical-therapy', ['physical therapy', 'aquatic therapy', 'work hardening program']],
  ['psychotherapy', ['cognitive behavioral therapy', 'psychology follow up visits', 'biofeedback sessions']],
  ['acupuncture', ['acupuncture', 'electroacupuncture']],
  ['massage', ['massage therapy']],
  ['chiropractic', ['chiropractic manipulation', 'chiropractic treatment']],
  [
    'office-visit',
    ['follow up visit with pain management', 'orthopedic consultation', 'follow up with spine surgeon'],
  ],
  ['imaging', ['MRI', 'CT scan', 'x-rays']],
  [
    'diagnostic-test',
    ['EMG/NCV of the bilateral lower extremities', 'urine drug screen', 'functional capacity evaluation'],
  ],
  ['injection', ['epidural steroid injection', 'facet joint injection', 'trigger point injections']],
  ['surgery', ['arthroscopy', 'lumbar fusion', 'carpal tunnel release']],
  ['dme', ['TENS unit', 'lumbar brace', 'cold therapy unit']],
  ['home-health', ['home health aide', 'home care assistance']],
  ['other', ['gym membership', 'weight loss program', 'transportation']],
];
const GUIDELINES: Array<[CitationBody, string, string[]]> = [
  [
    'MTUS',
    'MTUS Chronic Pain Medical Treatment Guidelines',
    ['Topical analgesics', 'Opioids', 'Muscle relaxants', 'Physical medicine'],
  ],
  [
    'ACOEM',
    'ACOEM Practice Guidelines',
    ['Low back complaints', 'Neck and upper back', 'Shoulder complaints'],
  ],
  [
    'ODG',
    'Official Disability Guidelines',
    ['Pain', 'Low back', 'Knee and leg', 'Mental illness and stress'],
  ],
  ['OTHER', 'Non-MTUS evidence', ['Peer-reviewed literature']],
];
/** Clinical filler, drawn with a skewed distribution so that common words are common. */
const WORDS = (
  'the patient reports pain documentation functional improvement guidelines recommend treatment request ' +
  'medical necessity evidence trial failed response objective findings examination tenderness range motion ' +
  'strength sensation reflexes decreased increased chronic acute symptoms radiating numbness tingling weakness ' +
  'spasm stiffness sleep mood activities daily living return work modified duty restrictions prior sessions ' +
  'completed benefit sustained relief medication opioid analgesic dosage frequency duration weeks months ' +
  'baseline measurable goals program conservative care home exercise compliance adverse effects monitoring ' +
  'screening aberrant behavior risk assessment imaging study surgical candidate consultation referral ' +
  'neuropathic inflammatory musculoskeletal degenerative postoperative rehabilitation maintenance taper ' +
  'wean discontinue continue approve deny modify certify appeal reviewer records submitted clinical notes'
).split(' ');

export interface SyntheticOptions {
  /** Distinguishes letter ids between runs; default 'synthetic'. */
  namespace?: string;
  extractorVersion?: string;
}

/** The n-th synthetic determination: varied items, diagnoses, reviewers, dates and texts. */
export function syntheticDetermination(n: number, options: SyntheticOptions = {}): Determination {
  const rnd = random(n * 7919 + 17);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)] as T;
  const skewed = <T>(list: readonly T[]): T => list[Math.floor(rnd() ** 2.2 * list.length)] as T;
  const words = (count: number) => Array.from({ length: count }, () => skewed(WORDS)).join(' ');
  /** A sentence of filler that names the decision's subject (its drug or treatment, a body part) now and then. */
  const sentence = (subject: readonly string[]) => {
    const parts = [words(6 + Math.floor(rnd() * 10))];
    if (rnd() < 0.5) parts.push(pick(subject));
    parts.push(words(3 + Math.floor(rnd() * 5)));
    const text = `${parts.join(' ')}.`;
    return text.charAt(0).toUpperCase() + text.slice(1);
  };
  const date = (from: number, span: number) => {
    const day = new Date(Date.UTC(from, 0, 1) + Math.floor(rnd() * span * 365) * 86_400_000);
    return day.toISOString().slice(0, 10);
  };

  const bodyParts = [pick(BODY_PARTS), ...(rnd() < 0.3 ? [pick(BODY_PARTS)] : [])];
  const diagnoses = Array.from({ length: 1 + Math.floor(rnd() * 4) }, () => pick(DIAGNOSES));
  const decisionCount = 1 + Math.floor(rnd() * 5);
  const decisions: Decision[] = Array.from({ length: decisionCount }, () => {
    const [category, items] = pick(CATEGORY_ITEMS);
    const drug = category === 'medication' ? pick(DRUGS) : null;
    const sessions = category === 'medication' ? null : 2 + Math.floor(rnd() * 16);
    const quantity = drug ? 30 * (1 + Math.floor(rnd() * 6)) : null;
    const treatment = drug ?? pick(items);
    const item = drug
      ? `${drug} ${5 + Math.floor(rnd() * 95)}mg #${quantity}`
      : `${treatment} for the ${pick(bodyParts)} x${sessions}`;
    const subject = [treatment, ...bodyParts, ...diagnoses];
    const citations = Array.from({ length: 1 + Math.floor(rnd() * 2) }, () => {
      const [body, title, topics] = skewed(GUIDELINES);
      const page = 10 + Math.floor(rnd() * 300);
      return { body, title, topic: pick(topics), pages: rnd() < 0.7 ? String(page) : null };
    });
    const guideline = citations.map((c) => `${c.title}, ${c.topic}`).join('; ');
    return {
      item,
      request: null,
      outcome: rnd() < 0.14 ? 'overturned' : rnd() < 0.02 ? null : 'upheld',
      treatment: { category, drug, strength: null, form: null, frequency: null, quantity, sessions },
      citations,
      claimsAdministratorBasis: `Decision based on ${guideline}. ${sentence(subject)}`,
      reviewerBasis: `Decision based on ${guideline}.`,
      rationale: Array.from({ length: 4 + Math.floor(rnd() * 6) }, () => sentence(subject)).join(' '),
    };
  });

  const specialties = [pick(SPECIALTIES), ...(rnd() < 0.4 ? [pick(SPECIALTIES)] : [])];
  const injuryDate = date(1995, 20);
  return {
    schemaVersion: 1,
    letterId: createHash('sha256')
      .update(`${options.namespace ?? 'synthetic'}:${n}`)
      .digest('hex'),
    layout: pick(['imr-final-determination', 'maximus-imr', 'medical-professional-review'] as const),
    caseNumber: `CM${13 + Math.floor(rnd() * 3)}-${String(1_000_000 + n).slice(-7)}`,
    dates: {
      assigned: null,
      injury: injuryDate,
      decision: rnd() < 0.9 ? date(2013, 3) : null,
      urDenial: null,
      applicationReceived: null,
    },
    priority: rnd() < 0.9 ? 'standard' : 'expedited',
    reviewer: {
      role: 'expert reviewer',
      boardCertifications: [],
      subspecialties: [],
      specialties: [...new Set(specialties)],
      licensure: [...new Set([pick(STATES), ...(rnd() < 0.3 ? [pick(STATES)] : [])])],
    },
    patient: { age: 20 + Math.floor(rnd() * 50), sex: rnd() < 0.5 ? 'male' : 'female', occupation: null },
    injury: { date: injuryDate, mechanism: null, bodyParts },
    diagnoses,
    summary: Array.from({ length: 5 }, () => sentence([...bodyParts, ...diagnoses])).join(' '),
    decisions,
    warnings: [],
    extractor: { name: 'synthetic', version: options.extractorVersion ?? '1.0.0' },
  };
}

/** The first `count` synthetic determinations as letters to index, each under a key of its own. */
export function syntheticLetters(count: number): LetterInput[] {
  return Array.from({ length: count }, (_, n) => ({
    determination: syntheticDetermination(n),
    source: { bucket: 'letters', key: `${n}.txt` },
  }));
}
