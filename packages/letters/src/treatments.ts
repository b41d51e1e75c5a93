import type { TreatmentCategory } from '@imr/contracts';
import { acoem, type GuidelineRef, mtus, odg } from './guidelines.ts';
import type { Random } from './random.ts';

/** A disputed item as a letter titles it, with what the extraction must find in it. */
export interface Treatment {
  /** The title exactly as written, on one line. */
  title: string;
  category: TreatmentCategory;
  /** Units of a medication, when the title states them (`#90`, `QTY: 90`). */
  quantity?: number;
  /** Visits or sessions, when the title states them (`#12`, `2x3`, `six visits`). */
  sessions?: number;
  /** The guidelines the reviewer relied on (at least one). */
  citations: GuidelineRef[];
  /** Guideline sentences the rationale quotes. */
  guidance: string[];
  /** A request for a service already performed ("... performed on 5/2/2020"). */
  retrospective?: boolean;
}

const WORDS = [
  '',
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
const upperFirst = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

interface Drug {
  name: string;
  strength: string;
  form: string;
  freq: string;
  cite: GuidelineRef;
  guidance: string[];
}

const OPIOID_GUIDANCE = [
  'Opioids are not recommended as first-line treatment for chronic non-malignant pain.',
  'Ongoing management requires documentation of pain relief, functional status, appropriate medication use and side effects, the "4 A\'s" of analgesia, activities of daily living, adverse side effects and aberrant drug-taking behaviors.',
  'Opioids should be discontinued if there is no overall improvement in function, unless there are extenuating circumstances.',
];
const TOPICAL_GUIDANCE = [
  'Topical analgesics are largely experimental in use with few randomized controlled trials to determine efficacy or safety.',
  'They are primarily recommended for neuropathic pain when trials of antidepressants and anticonvulsants have failed.',
  'Any compounded product that contains at least one drug (or drug class) that is not recommended is not recommended.',
];
const RELAXANT_GUIDANCE = [
  'Muscle relaxants are recommended with caution as a second-line option for short-term treatment of acute exacerbations in patients with chronic low back pain.',
  'In most low back pain cases, they show no benefit beyond NSAIDs in pain and overall improvement.',
  'Efficacy appears to diminish over time, and prolonged use of some medications in this class may lead to dependence.',
];
const NSAID_GUIDANCE = [
  'NSAIDs are recommended at the lowest dose for the shortest period in patients with moderate to severe pain.',
  'Proton pump inhibitors are recommended for patients at intermediate risk for gastrointestinal events, such as those over 65 years or with a history of peptic ulcer.',
];
const AED_GUIDANCE = [
  'Antiepilepsy drugs are recommended for neuropathic pain due to nerve damage.',
  'A good response is defined as a 50% reduction in pain, and a moderate response as a 30% reduction.',
  'After initiation of treatment there should be documentation of pain relief and improvement in function as well as side effects.',
];

const DRUGS: Drug[] = [
  {
    name: 'Gabapentin',
    strength: '300mg',
    form: 'capsule',
    freq: 'TID',
    cite: mtus('Antiepilepsy drugs (AEDs)', '16-18'),
    guidance: AED_GUIDANCE,
  },
  {
    name: 'Gabapentin',
    strength: '600mg',
    form: 'tablet',
    freq: 'BID',
    cite: mtus('Gabapentin', '49'),
    guidance: AED_GUIDANCE,
  },
  {
    name: 'Baclofen',
    strength: '10mg',
    form: 'tablet',
    freq: 'TID',
    cite: mtus('Muscle relaxants', '63-66'),
    guidance: RELAXANT_GUIDANCE,
  },
  {
    name: 'Cyclobenzaprine',
    strength: '7.5mg',
    form: 'tablet',
    freq: 'TID',
    cite: mtus('Cyclobenzaprine (Flexeril)', '41-42'),
    guidance: RELAXANT_GUIDANCE,
  },
  {
    name: 'Tizanidine',
    strength: '4mg',
    form: 'tablet',
    freq: 'BID',
    cite: mtus('Muscle relaxants (for pain)', '63-66'),
    guidance: RELAXANT_GUIDANCE,
  },
  {
    name: 'Tramadol ER',
    strength: '150mg',
    form: 'tablet',
    freq: 'daily',
    cite: mtus('Opioids, criteria for use', '76-80'),
    guidance: OPIOID_GUIDANCE,
  },
  {
    name: 'Norco',
    strength: '10/325mg',
    form: 'tablet',
    freq: 'q 6H',
    cite: mtus('Opioids', '78-80'),
    guidance: OPIOID_GUIDANCE,
  },
  {
    name: 'Percocet',
    strength: '10mg',
    form: 'tablet',
    freq: 'QID',
    cite: mtus('Opioids', '78-88'),
    guidance: OPIOID_GUIDANCE,
  },
  {
    name: 'Morphine sulfate ER',
    strength: '30mg',
    form: 'tablet',
    freq: 'q 8H',
    cite: mtus('opioids', '82-92'),
    guidance: OPIOID_GUIDANCE,
  },
  {
    name: 'Omeprazole',
    strength: '20mg',
    form: 'capsule',
    freq: 'BID',
    cite: mtus('NSAIDs, GI symptoms & cardiovascular risk', '68-69'),
    guidance: NSAID_GUIDANCE,
  },
  {
    name: 'Naproxen sodium',
    strength: '550mg',
    form: 'tablet',
    freq: 'BID',
    cite: mtus('NSAIDs (non-steroidal anti-inflammatory drugs)', '67-73'),
    guidance: NSAID_GUIDANCE,
  },
  {
    name: 'Ketoprofen',
    strength: '10%',
    form: 'cream',
    freq: 'TID',
    cite: mtus('Topical analgesics', '111-113'),
    guidance: TOPICAL_GUIDANCE,
  },
  {
    name: 'Ketamine',
    strength: '5%',
    form: 'cream',
    freq: 'TID',
    cite: mtus('Topical analgesics', '111'),
    guidance: TOPICAL_GUIDANCE,
  },
  {
    name: 'Capsaicin',
    strength: '0.075%',
    form: 'cream',
    freq: 'BID',
    cite: mtus('Topical analgesics', '111-112'),
    guidance: TOPICAL_GUIDANCE,
  },
  {
    name: 'Lidoderm',
    strength: '5%',
    form: 'patch',
    freq: 'daily',
    cite: mtus('Lidoderm (lidocaine patch)', '56-57'),
    guidance: TOPICAL_GUIDANCE,
  },
  {
    name: 'DSS',
    strength: '100mg',
    form: 'softgel',
    freq: 'BID',
    cite: mtus('Criteria for Use of Opioids', '77'),
    guidance: [
      'Prophylactic treatment of constipation should be initiated with the concurrent use of opioid medications.',
    ],
  },
  {
    name: 'Zolpidem',
    strength: '10mg',
    form: 'tablet',
    freq: 'nightly',
    cite: odg('Pain (Chronic)', 'Insomnia treatment'),
    guidance: [
      'Zolpidem is a short-acting nonbenzodiazepine hypnotic, approved for the short-term (usually two to six weeks) treatment of insomnia.',
    ],
  },
  {
    name: 'Duloxetine',
    strength: '60mg',
    form: 'capsule',
    freq: 'daily',
    cite: mtus('Antidepressants for chronic pain', '13-16'),
    guidance: [
      'Antidepressants are recommended as a first line option for neuropathic pain, and as a possibility for non-neuropathic pain.',
    ],
  },
];

const medication = (r: Random): Treatment => {
  const d = r.pick(DRUGS);
  const quantity = r.pick([1, 30, 60, 90, 120, 180]);
  const base = { category: 'medication' as const, citations: [d.cite], guidance: d.guidance };
  switch (r.int(0, 6)) {
    case 0:
      return { ...base, quantity, title: `${d.name} ${d.strength} ${d.form} QTY: ${quantity}`.toUpperCase() };
    case 1:
      return { ...base, quantity, title: `${d.name} ${d.strength} ${d.freq} #${quantity}` };
    case 2:
      return { ...base, quantity, title: `1 prescription of ${d.name} ${d.strength} #${quantity}` };
    case 3:
      return { ...base, quantity, title: `${d.name} ${d.strength} ${d.form} ${d.freq} #${quantity}` };
    case 4:
      return { ...base, title: `${d.name} ${d.strength} ${d.form} ${d.freq}` };
    case 5:
      return {
        ...base,
        quantity,
        title: `${d.name} ${d.strength} #${quantity} dispensed on {recent}`,
        retrospective: true,
      };
    default:
      return d.form === 'cream'
        ? { ...base, quantity, title: `${d.name} ${d.strength} cream 60 GR. QTY: ${quantity}`.toUpperCase() }
        : { ...base, quantity, title: `${d.name} ${d.strength} ${d.form}s, Qty: ${quantity}` };
  }
};

const compound = (r: Random): Treatment => {
  const parts = r.sample(
    ['Flurbiprofen 20%', 'Lidocaine 5%', 'Gabapentin 10%', 'Cyclobenzaprine 2%', 'Baclofen 2%', 'Menthol 2%'],
    r.int(2, 3),
  );
  const grams = r.pick([30, 60, 120, 180]);
  const title = r.pick([
    `Compound cream: ${parts.join('/')} ${grams}gm`,
    `Topical compound: ${parts.join(', ')} ${grams} grams`,
    'Pain cream',
  ]);
  return {
    title,
    category: 'medication',
    citations: [mtus('Topical analgesics', r.pick(['111', '111-113', '111-112']))],
    guidance: TOPICAL_GUIDANCE,
  };
};

interface Therapy {
  category: TreatmentCategory;
  names: string[];
  cite: GuidelineRef[];
  guidance: string[];
}

const THERAPIES: Therapy[] = [
  {
    category: 'physical-therapy',
    names: ['physical therapy', 'aquatic therapy', 'physiotherapy'],
    cite: [mtus('Physical Medicine', '98-99'), mtus('Physical Medicine', '98')],
    guidance: [
      'Physical medicine guidelines allow for fading of treatment frequency (from up to 3 visits per week to 1 or less), plus active self-directed home physical medicine.',
      'For myalgia and myositis, 9-10 visits over 8 weeks are recommended; for neuralgia, neuritis and radiculitis, 8-10 visits over 4 weeks.',
      'The exclusive use of "passive care" (e.g., palliative modalities) is not recommended.',
    ],
  },
  {
    category: 'psychotherapy',
    names: ['cognitive behavioral therapy', 'psychotherapy', 'biofeedback'],
    cite: [mtus('Behavioral interventions', '23'), mtus('Psychological treatment', '101-102')],
    guidance: [
      'The guidelines recommend an initial trial of 3-4 psychotherapy visits over 2 weeks.',
      'With evidence of objective functional improvement, a total of up to 6-10 visits over 5-6 weeks (individual sessions) may be appropriate.',
      'In cases of severe major depression or PTSD, up to 50 sessions can be approved if progress is being made.',
    ],
  },
  {
    category: 'acupuncture',
    names: ['acupuncture'],
    cite: [
      mtus(null, null, 'Acupuncture'),
      mtus('Acupuncture Medical Treatment Guidelines', null, 'Acupuncture'),
    ],
    guidance: [
      'Acupuncture is used as an option when pain medication is reduced or not tolerated, and it may be used as an adjunct to physical rehabilitation to hasten functional recovery.',
      'The time to produce functional improvement is 3 to 6 treatments, with a frequency of 1 to 3 times per week and an optimum duration of 1 to 2 months.',
    ],
  },
  {
    category: 'massage',
    names: ['massage therapy'],
    cite: [mtus('Massage therapy', '60')],
    guidance: [
      'Massage therapy is recommended as an option as an adjunct to other recommended treatment (e.g. exercise), and it should be limited to 4-6 visits in most cases.',
      'Scientific studies show contradictory results, and beneficial effects were registered only during treatment.',
    ],
  },
  {
    category: 'chiropractic',
    names: ['chiropractic manipulation', 'chiropractic treatment'],
    cite: [mtus('Manual therapy & manipulation', '58-59')],
    guidance: [
      'Manual therapy and manipulation are recommended for chronic pain if caused by musculoskeletal conditions.',
      'A trial of 6 visits over 2 weeks is recommended, with evidence of objective functional improvement, up to a total of 18 visits over 6-8 weeks.',
      'Elective or maintenance care is not medically necessary.',
    ],
  },
];

const REGIONS: ReadonlyArray<readonly [string, string]> = [
  ['lumbar spine', 'Lumbar'],
  ['cervical spine', 'Cervical'],
  ['right shoulder', 'Right shoulder'],
  ['low back', 'Lumbar'],
  ['left knee', 'Left knee'],
  ['thoracic spine', 'Thoracic'],
];

const therapy = (r: Random): Treatment => {
  const t = r.pick(THERAPIES);
  const name = r.pick(t.names);
  const [region, adjective] = r.pick(REGIONS);
  const base = { category: t.category, citations: [r.pick(t.cite)], guidance: t.guidance };
  switch (r.int(0, 7)) {
    case 0: {
      const n = r.pick([6, 8, 12]);
      return { ...base, sessions: n, title: `${name} sessions for ${region} #${n}`.toUpperCase() };
    }
    case 1: {
      const [times, weeks] = r.pick([
        [2, 3],
        [2, 4],
        [3, 4],
        [2, 6],
        [1, 6],
      ] as const);
      return { ...base, sessions: times * weeks, title: `${adjective} ${name} ${times}x${weeks}` };
    }
    case 2: {
      const [times, weeks] = r.pick([
        [2, 4],
        [3, 4],
        [2, 3],
      ] as const);
      return {
        ...base,
        sessions: times * weeks,
        title: `${upperFirst(name)} ${times} times a week for ${weeks} weeks for the ${region}`,
      };
    }
    case 3: {
      const n = r.pick([4, 6, 8, 12]);
      return {
        ...base,
        sessions: n,
        title: `${upperFirst(WORDS[n] as string)} ${name} visits for the ${region}`,
      };
    }
    case 4: {
      const n = r.pick([6, 8]);
      return { ...base, sessions: n, title: `${n} ${name} sessions for the ${region}` };
    }
    case 5: {
      const n = r.pick([6, 8, 10, 12]);
      return { ...base, sessions: n, title: `${upperFirst(name)} x ${n} visits for the ${region}` };
    }
    case 6: {
      const n = r.pick([6, 8, 12]);
      return {
        ...base,
        sessions: n,
        title: `Chronic pain ${name} evaluation and ${WORDS[n]} visits of treatment`,
      };
    }
    default: {
      const n = r.pick([6, 8, 10, 12]);
      return { ...base, sessions: n, title: `${upperFirst(name)} #${n}` };
    }
  }
};

/** A service named by its title alone, with the guideline a reviewer cites for it and what it says. */
interface Service {
  title: string;
  cite: GuidelineRef[];
  guidance: string[];
  retrospective?: boolean;
}

const FOLLOW_UP =
  'Physician follow-up can occur when a release to modified, increased, or full duty is needed, or after appreciable healing or recovery can be expected.';
const REFERRAL =
  'A referral may be appropriate if the practitioner is uncomfortable with the line of inquiry, with treating a particular cause of delayed recovery, or has difficulty obtaining information or agreement to a treatment plan.';
const IMAGING =
  'Imaging is supported when there are unequivocal objective findings that identify specific nerve compromise on the neurologic examination in patients who do not respond to treatment.';
const REPEAT_IMAGING =
  'Repeat imaging is reserved for a significant change in symptoms or findings suggestive of significant pathology.';
const DRUG_TESTING =
  'Drug testing is recommended as an option, using a urine drug screen to assess for the use or the presence of illegal drugs.';
const EMG =
  'Electromyography may be useful to identify subtle, focal neurologic dysfunction in patients with low back symptoms lasting more than three or four weeks.';
const ESI =
  'Epidural steroid injections are recommended as an option for treatment of radicular pain when radiculopathy is documented by physical examination and corroborated by imaging studies.';
const REPEAT_BLOCK =
  'Repeat blocks should be based on continued objective documented pain and functional improvement, including at least 50% pain relief for six to eight weeks.';
const SURGERY =
  'Surgical consultation is indicated for patients who have activity limitation for more than one month and a failure of exercise programs to increase range of motion and strength.';
const LESION =
  'Surgery is recommended when there is clear clinical and imaging evidence of a lesion that has been shown to benefit in both the short and long term from surgical repair.';
const DME =
  'Durable medical equipment is recommended generally if there is a medical need and if the device or system meets the definition of durable medical equipment.';
const TRIAL =
  'A one-month home-based trial may be considered as a noninvasive conservative option if used as an adjunct to a program of evidence-based functional restoration.';
const HOMEBOUND =
  'Home health services are recommended only for otherwise recommended medical treatment for patients who are homebound, on a part-time or intermittent basis, generally up to no more than 35 hours per week.';
const HOMEMAKER =
  'Medical treatment does not include homemaker services like shopping, cleaning, and laundry, and personal care given by home health aides like bathing, dressing, and using the bathroom when this is the only care needed.';
const LOW_BACK = acoem('Chapter 12 Low Back Complaints', '303-304');

const SERVICES: ReadonlyArray<readonly [TreatmentCategory, Service[]]> = [
  [
    'office-visit',
    [
      {
        title: 'Follow Up with Spine Surgeon',
        cite: [acoem('Chapter 12 Low Back Complaints', '303')],
        guidance: [FOLLOW_UP],
      },
      { title: 'Follow up PRN', cite: [mtus(null, null)], guidance: [FOLLOW_UP] },
      {
        title: 'Consultation with a pain management specialist',
        cite: [acoem('Chapter 7 Independent Medical Examinations and Consultations', '127')],
        guidance: [REFERRAL],
      },
      {
        title: 'Orthopedic follow-up visit',
        cite: [acoem('Chapter 7 Independent Medical Examinations and Consultations', '127')],
        guidance: [FOLLOW_UP, REFERRAL],
      },
      {
        title: 'Referral to a hand specialist',
        cite: [acoem('Chapter 11 Forearm, Wrist, and Hand Complaints', '270')],
        guidance: [REFERRAL],
      },
    ],
  ],
  [
    'imaging',
    [
      { title: 'MRI of the lumbar spine without contrast', cite: [LOW_BACK], guidance: [IMAGING] },
      {
        title: 'MRI of the right shoulder',
        cite: [acoem('Chapter 9 Shoulder Complaints', '207-209')],
        guidance: [
          'Primary criteria for ordering imaging studies include the emergence of a red flag, physiologic evidence of tissue insult or neurovascular dysfunction, and failure to progress in a strengthening program.',
        ],
      },
      {
        title: 'X-rays of the left knee, 3 views',
        cite: [acoem('Chapter 13 Knee Complaints', '341-343')],
        guidance: [
          'Most knee problems improve quickly once any red flag issues are ruled out, and radiographs are indicated after a fall or a twisting injury with focal tenderness or effusion.',
        ],
      },
      {
        title: 'CT scan of the cervical spine',
        cite: [acoem('Chapter 8 Neck and Upper Back Complaints', '177-178')],
        guidance: [IMAGING],
      },
      {
        title: 'Repeat MRI of the cervical spine',
        cite: [
          acoem('Chapter 8 Neck and Upper Back Complaints', '177-178'),
          odg('Neck and Upper Back (Acute & Chronic)', 'Magnetic resonance imaging (MRI)'),
        ],
        guidance: [REPEAT_IMAGING, IMAGING],
      },
    ],
  ],
  [
    'diagnostic-test',
    [
      {
        title: 'EMG/NCV of the bilateral lower extremities',
        cite: [LOW_BACK, odg('Low Back - Lumbar & Thoracic (Acute & Chronic)', 'EMGs (electromyography)')],
        guidance: [EMG],
      },
      { title: 'Urine drug screen', cite: [mtus('Drug testing', '43')], guidance: [DRUG_TESTING] },
      {
        title: 'Urine drug screen performed on {recent}',
        cite: [mtus('Drug testing', '43')],
        guidance: [DRUG_TESTING],
        retrospective: true,
      },
      {
        title: 'Urine toxicology screen performed on {recent}',
        cite: [mtus('Opioids, steps to avoid misuse/addiction', '94-95')],
        guidance: [DRUG_TESTING],
        retrospective: true,
      },
      {
        title: 'Functional capacity evaluation',
        cite: [acoem('Chapter 7 Independent Medical Examinations and Consultations', '137-138')],
        guidance: [
          'A functional capacity evaluation may be considered when case management is hampered by complex issues and the worker is close to maximum medical improvement.',
        ],
      },
      {
        title: 'Nerve conduction studies of the bilateral upper extremities',
        cite: [acoem('Chapter 11 Forearm, Wrist, and Hand Complaints', '261')],
        guidance: [
          'Appropriate electrodiagnostic studies may help differentiate between carpal tunnel syndrome and other conditions, such as cervical radiculopathy.',
        ],
      },
    ],
  ],
  [
    'injection',
    [
      {
        title: 'Lumbar epidural steroid injection at L5-S1',
        cite: [mtus('Epidural steroid injections (ESIs)', '46')],
        guidance: [ESI, REPEAT_BLOCK],
      },
      {
        title: 'Right sacroiliac joint injection',
        cite: [odg('Hip & Pelvis (Acute & Chronic)', 'Sacroiliac joint blocks')],
        guidance: [
          'Sacroiliac joint blocks are recommended as an option if the history and physical suggest the diagnosis, with at least three positive examination findings, and after failure of at least 4-6 weeks of aggressive conservative therapy.',
        ],
      },
      {
        title: 'Trigger point injections to the trapezius',
        cite: [mtus('Trigger point injections', '122')],
        guidance: [
          'Trigger point injections are recommended only for myofascial pain syndrome with documentation of circumscribed trigger points with evidence upon palpation of a twitch response as well as referred pain.',
        ],
      },
      {
        title: 'Cervical epidural steroid injection at C5-C6 under fluoroscopy',
        cite: [mtus('Epidural steroid injections (ESIs)', '46')],
        guidance: [ESI],
      },
      {
        title: 'Bilateral L4-L5 facet medial branch blocks',
        cite: [
          acoem('Chapter 12 Low Back Complaints', '300'),
          odg('Low Back - Lumbar & Thoracic (Acute & Chronic)', 'Facet joint diagnostic blocks'),
        ],
        guidance: [
          'Facet joint diagnostic blocks are limited to patients with low-back pain that is non-radicular and at no more than two levels bilaterally.',
          REPEAT_BLOCK,
        ],
      },
    ],
  ],
  [
    'surgery',
    [
      {
        title: 'Right shoulder arthroscopic subacromial decompression',
        cite: [acoem('Chapter 9 Shoulder Complaints', '209-211')],
        guidance: [SURGERY, LESION],
      },
      {
        title: 'Right carpal tunnel release',
        cite: [acoem('Chapter 11 Forearm, Wrist, and Hand Complaints', '270')],
        guidance: [
          'Carpal tunnel release surgery should be delayed until a definitive diagnosis of carpal tunnel syndrome is made by history, physical examination and possibly electrodiagnostic studies.',
        ],
      },
      {
        title: 'L4-L5 posterior lumbar interbody fusion',
        cite: [
          acoem('Chapter 12 Low Back Complaints', '305-307'),
          odg('Low Back - Lumbar & Thoracic (Acute & Chronic)', 'Fusion (spinal)'),
        ],
        guidance: [
          'Except for cases of trauma-related spinal fracture or dislocation, fusion of the spine is not usually considered during the first three months of symptoms.',
          LESION,
        ],
      },
      {
        title: 'Left knee arthroscopy with partial medial meniscectomy',
        cite: [acoem('Chapter 13 Knee Complaints', '344-345')],
        guidance: [
          'Arthroscopic partial meniscectomy usually has a high success rate for cases in which there is clear evidence of a meniscus tear, and symptoms other than simply pain.',
          LESION,
        ],
      },
      {
        title: 'Anterior cervical discectomy and fusion at C5-C6',
        cite: [acoem('Chapter 8 Neck and Upper Back Complaints', '180-183')],
        guidance: [SURGERY, LESION],
      },
    ],
  ],
  [
    'dme',
    [
      {
        title: 'TENS unit purchase',
        cite: [mtus('TENS, chronic pain (transcutaneous electrical nerve stimulation)', '114-116')],
        guidance: [TRIAL],
      },
      {
        title: 'Hinged knee brace',
        cite: [acoem('Chapter 13 Knee Complaints', '340')],
        guidance: [
          'A brace can be used for patellar instability, anterior cruciate ligament tear, or medial collateral ligament instability.',
        ],
      },
      {
        title: 'Interferential unit, 30-day rental',
        cite: [mtus('Interferential Current Stimulation (ICS)', '118-120')],
        guidance: [
          'Interferential current stimulation is not recommended as an isolated intervention.',
          TRIAL,
        ],
      },
      {
        title: 'Cold therapy unit',
        cite: [odg('Knee & Leg (Acute & Chronic)', 'Continuous-flow cryotherapy')],
        guidance: [
          'Continuous-flow cryotherapy is recommended as an option after surgery, but not for nonsurgical treatment; postoperative use generally may be up to 7 days.',
          DME,
        ],
      },
      {
        title: 'Lumbar support brace',
        cite: [acoem('Chapter 12 Low Back Complaints', '301')],
        guidance: [
          'Lumbar supports have not been shown to have any lasting benefit beyond the acute phase of symptom relief.',
          DME,
        ],
      },
    ],
  ],
  [
    'home-health',
    [
      {
        title: 'Home health care 4 hours per day for 2 weeks',
        cite: [mtus('Home health services', '51')],
        guidance: [HOMEBOUND, HOMEMAKER],
      },
      {
        title: 'Home health aide 4 hours per day, 5 days a week for 2 weeks',
        cite: [mtus('Home health services', '51')],
        guidance: [HOMEBOUND, HOMEMAKER],
      },
      {
        title: 'Home health services, 3 hours a day',
        cite: [mtus('Home health services', '51')],
        guidance: [HOMEBOUND],
      },
    ],
  ],
  [
    'other',
    [
      {
        title: 'Gym membership for 6 months',
        cite: [odg('Low Back - Lumbar & Thoracic (Acute & Chronic)', 'Gym memberships')],
        guidance: [
          'Gym memberships are not recommended as a medical prescription unless a documented home program with periodic assessment and revision has not been effective and there is a need for equipment.',
          'Treatment needs to be monitored and administered by medical professionals.',
        ],
      },
      {
        title: 'Weight loss program',
        cite: [odg('Diabetes (Type 1, 2, and Gestational)', 'Lifestyle (diet & exercise) modifications')],
        guidance: [
          'Lifestyle modifications, including diet and exercise, are recommended as the first-line intervention, and a supervised program is reserved for those who fail a documented self-directed attempt.',
        ],
      },
      {
        title: 'Functional restoration program',
        cite: [mtus('Chronic pain programs (functional restoration programs)', '30-32')],
        guidance: [
          'Functional restoration programs are recommended where there is access to programs with proven successful outcomes, for patients with conditions that put them at risk of delayed recovery.',
          'Treatment is not suggested for longer than 2 weeks without evidence of demonstrated efficacy as documented by subjective and objective gains.',
        ],
      },
      {
        title: 'Transportation to and from medical appointments',
        cite: [odg('Knee & Leg (Acute & Chronic)', 'Transportation (to & from appointments)')],
        guidance: [
          'Transportation is recommended as medically necessary for patients with disabilities preventing them from self-transport, in the same community.',
        ],
      },
    ],
  ],
];

const service = (r: Random): Treatment => {
  const [category, services] = r.pick(SERVICES);
  const s = r.pick(services);
  return {
    title: s.title,
    category,
    citations: s.cite,
    guidance: s.guidance,
    ...(s.retrospective ? { retrospective: true } : {}),
  };
};

/** One disputed item of any category; sometimes the reviewer also cites ODG or only names the MTUS. */
export function makeTreatment(r: Random): Treatment {
  const roll = r.next();
  const t = roll < 0.3 ? medication(r) : roll < 0.36 ? compound(r) : roll < 0.62 ? therapy(r) : service(r);
  if (r.chance(0.15) && !t.citations.some((c) => c.body === 'ODG'))
    t.citations = [
      ...t.citations,
      odg(
        'Pain (Chronic)',
        t.category === 'medication' ? 'Medications for chronic pain' : 'Treatment planning',
      ),
    ];
  else if (r.chance(0.08) && t.citations[0]?.body === 'MTUS')
    t.citations = [mtus(null, null, t.citations[0].guide)];
  return t;
}
