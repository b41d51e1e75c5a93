import type { CitationBody, TreatmentCategory } from '@imr/contracts';
import type { Random } from './random.ts';

export interface GuidelineRef {
  body: Exclude<CitationBody, 'OTHER'>;
  /** For MTUS: the chronic pain guideline topic; ACOEM: the chapter; ODG: region and topic. */
  topic: string;
  pages: string | null;
}

export interface DisputedItem {
  title: string;
  category: TreatmentCategory;
  quantity?: number;
  sessions?: number;
  guidelines: GuidelineRef[];
  /** A short sentence about the treatment, for the rationale. */
  about: string;
}

const NUMBER_WORDS = [
  'zero',
  'one',
  'two',
  'three',
  'four',
  'five',
  'six',
  'seven',
  'eight',
  'nine',
  'ten',
  'eleven',
  'twelve',
];

const DRUGS = [
  {
    drug: 'Gabapentin',
    strength: '300mg',
    form: 'capsule',
    freq: 'TID',
    topic: 'Antiepilepsy drugs (AEDs)',
    pages: '16-18',
  },
  {
    drug: 'Baclofen',
    strength: '10mg',
    form: 'tablet',
    freq: 'TID',
    topic: 'Muscle relaxants',
    pages: '63-66',
  },
  { drug: 'Tramadol ER', strength: '150mg', form: 'tablet', freq: 'daily', topic: 'Opioids', pages: '78-80' },
  {
    drug: 'Omeprazole',
    strength: '20mg',
    form: 'capsule',
    freq: 'BID',
    topic: 'NSAIDs, GI symptoms & cardiovascular risk',
    pages: '68-69',
  },
  {
    drug: 'Cyclobenzaprine',
    strength: '7.5mg',
    form: 'tablet',
    freq: 'TID',
    topic: 'Cyclobenzaprine (Flexeril)',
    pages: '41-42',
  },
  {
    drug: 'Naproxen sodium',
    strength: '550mg',
    form: 'tablet',
    freq: 'BID',
    topic: 'NSAIDs',
    pages: '67-73',
  },
  {
    drug: 'Ketoprofen',
    strength: '10%',
    form: 'cream',
    freq: 'TID',
    topic: 'Topical analgesics',
    pages: '111-113',
  },
  {
    drug: 'Lidocaine',
    strength: '5%',
    form: 'patch',
    freq: 'daily',
    topic: 'Lidoderm (lidocaine patch)',
    pages: '56-57',
  },
];

type Maker = (r: Random) => DisputedItem;

const medication: Maker = (r) => {
  const d = r.pick(DRUGS);
  const quantity = r.pick([30, 60, 90, 120, 180]);
  const caps = r.chance(0.3);
  const base = `${d.drug} ${d.strength} ${d.form}`;
  const title = r.chance(0.5) ? `${base} QTY: ${quantity}` : `${d.drug} ${d.strength} ${d.freq} #${quantity}`;
  return {
    title: caps ? title.toUpperCase() : title,
    category: 'medication',
    quantity,
    guidelines: [{ body: 'MTUS', topic: d.topic, pages: d.pages }],
    about: `${d.drug} is requested for ongoing pain.`,
  };
};

const therapy =
  (category: TreatmentCategory, names: string[], topic: GuidelineRef, about: string): Maker =>
  (r) => {
    const name = r.pick(names);
    const region = r.pick(['lumbar spine', 'cervical spine', 'right shoulder', 'low back']);
    const style = r.int(0, 3);
    let title: string;
    let sessions: number;
    if (style === 0) {
      sessions = r.pick([6, 8, 12]);
      title = `${name.toUpperCase()} SESSIONS FOR ${region.toUpperCase()} #${sessions}`;
    } else if (style === 1) {
      const [times, weeks] = r.pick([
        [2, 3],
        [2, 4],
        [3, 4],
        [2, 6],
      ]) as [number, number];
      sessions = times * weeks;
      title = `${name[0]?.toUpperCase()}${name.slice(1)} ${times}x${weeks} for the ${region}`;
    } else if (style === 2) {
      sessions = r.pick([4, 6, 8]);
      title = `${NUMBER_WORDS[sessions]?.replace(/^./, (c) => c.toUpperCase())} ${name} visits for the ${region}`;
    } else {
      sessions = r.pick([6, 8, 10, 12]);
      title = `${name[0]?.toUpperCase()}${name.slice(1)} #${sessions}`;
    }
    return { title, category, sessions, guidelines: [topic], about };
  };

const simple =
  (category: TreatmentCategory, titles: string[], guidelines: GuidelineRef[], about: string): Maker =>
  (r) => ({ title: r.pick(titles), category, guidelines, about });

const MAKERS: Maker[] = [
  medication,
  medication,
  therapy(
    'physical-therapy',
    ['physical therapy'],
    { body: 'MTUS', topic: 'Physical Medicine', pages: '98-99' },
    'Physical therapy is requested for persistent deficits.',
  ),
  therapy(
    'psychotherapy',
    ['cognitive behavioral therapy', 'psychotherapy'],
    { body: 'MTUS', topic: 'Behavioral interventions', pages: '23' },
    'Psychological treatment is requested for chronic pain and depression.',
  ),
  therapy(
    'acupuncture',
    ['acupuncture'],
    { body: 'MTUS', topic: 'Acupuncture Medical Treatment Guidelines', pages: null },
    'Acupuncture is requested as an adjunct to rehabilitation.',
  ),
  therapy(
    'massage',
    ['massage therapy'],
    { body: 'MTUS', topic: 'Massage therapy', pages: '60' },
    'Massage therapy is requested as a standalone treatment.',
  ),
  simple(
    'office-visit',
    ['Follow-up visit with an orthopedic surgeon', 'Consultation with a pain management specialist'],
    [{ body: 'ACOEM', topic: 'Chapter 7 Independent Medical Examinations and Consultations', pages: '127' }],
    'A specialist visit is requested.',
  ),
  simple(
    'imaging',
    ['MRI of the lumbar spine without contrast', 'MRI of the right shoulder'],
    [{ body: 'ACOEM', topic: 'Chapter 12 Low Back Complaints', pages: '303-304' }],
    'Imaging is requested to evaluate persistent symptoms.',
  ),
  simple(
    'diagnostic-test',
    ['EMG/NCV of the bilateral lower extremities', 'Urine drug screen'],
    [{ body: 'MTUS', topic: 'Drug testing', pages: '43' }],
    'A diagnostic test is requested.',
  ),
  simple(
    'injection',
    ['Lumbar epidural steroid injection at L5-S1', 'Right sacroiliac joint injection'],
    [{ body: 'MTUS', topic: 'Epidural steroid injections (ESIs)', pages: '46' }],
    'An injection is requested for radicular pain.',
  ),
  simple(
    'surgery',
    ['Right shoulder arthroscopic subacromial decompression', 'Right carpal tunnel release'],
    [{ body: 'ACOEM', topic: 'Chapter 9 Shoulder Complaints', pages: '209-211' }],
    'Surgery is requested after failed conservative care.',
  ),
  simple(
    'dme',
    ['TENS unit purchase', 'Hinged knee brace'],
    [{ body: 'MTUS', topic: 'TENS, chronic pain', pages: '114-116' }],
    'Durable medical equipment is requested.',
  ),
  simple(
    'home-health',
    ['Home health care 4 hours per day for 2 weeks'],
    [{ body: 'MTUS', topic: 'Home health services', pages: '51' }],
    'Home health services are requested.',
  ),
];

/** One disputed item, sometimes with an ODG citation beside its main guideline. */
export function makeItem(r: Random): DisputedItem {
  const item = (r.pick(MAKERS) as Maker)(r);
  if (r.chance(0.25))
    item.guidelines = [
      ...item.guidelines,
      { body: 'ODG', topic: 'Low Back - Lumbar & Thoracic (Acute & Chronic)', pages: null },
    ];
  return item;
}
