import type { TreatmentCategory } from '@imr/contracts';

/**
 * The treatment category of a disputed item from keywords, most specific first: "follow up visits
 * with the psychologist" is psychotherapy, "follow up with spine surgeon" an office visit, not surgery.
 */

const RULES: readonly [TreatmentCategory, RegExp][] = [
  [
    'psychotherapy',
    /psycholog|psychotherap|psychiatr|cognitive[- ]behavio|\bCBT\b|counsel+ing|biofeedback|behavioral (?:therapy|health|intervention)/i,
  ],
  ['acupuncture', /acupunct|electro-?acupuncture/i],
  ['massage', /massage|myofascial release/i],
  ['chiropractic', /chiropract|manipulation|manipulative|\bCMT\b/i],
  [
    'physical-therapy',
    /physical therap|physiotherap|\bPT\b|occupational therap|aqua(?:tic)? therap|pool therap|physical medicine|work (?:hardening|conditioning)|therapeutic exercise/i,
  ],
  [
    'home-health',
    /home health|home care|home nursing|caregiver|home (?:assistance|aide)|\bHHA\b|nursing care/i,
  ],
  [
    'injection',
    /inject|epidural|\bESI\b|\bblock\b|facet|trigger point|radiofrequency|rhizotomy|ablation|botox|viscosupplement|synvisc|prp\b/i,
  ],
  [
    'imaging',
    /\bMRI\b|magnetic resonance|x-?rays?\b|radiograph|\bCT\b|CT scan|computed tomography|bone scan|ultrasound|imaging|arthrogram|myelogram|\bscan\b/i,
  ],
  [
    'diagnostic-test',
    /\bEMG\b|\bNCV\b|\bNCS\b|nerve conduction|electromyogra|\blabs?\b|laboratory|urine drug|drug screen|\bUDS\b|toxicology|blood (?:test|work)|panel\b|sleep study|functional capacity evaluation|\bFCE\b|genetic test|\bECG\b|\bEKG\b|diagnostic test/i,
  ],
  [
    'medication',
    /\d\s*(?:mg|mcg|gm?|gr|ml|%)(?![a-z])|\b(?:cream|tablets?|tabs?|capsules?|caps?|soft ?gels?|patch(?:es)?|gel|ointment|lotion|solution|spray|syrup|suppositor(?:y|ies))\b|\b(?:tramadol|norco|hydrocodone|oxycodone|oxycontin|percocet|morphine|baclofen|cyclobenzaprine|flexeril|gabapentin|neurontin|lyrica|pregabalin|naproxen|anaprox|ibuprofen|motrin|omeprazole|prilosec|pantoprazole|ranitidine|lidocaine|lidoderm|ketamine|capsaicin|ambien|zolpidem|cymbalta|duloxetine|tizanidine|zanaflex|soma|carisoprodol|celebrex|meloxicam|mobic|diclofenac|voltaren|ketoprofen|flurbiprofen|terocin|methadone|fentanyl|duragesic|butrans|buprenorphine|suboxone|nucynta|tapentadol|opana|oxymorphone|dilaudid|hydromorphone|xanax|alprazolam|valium|diazepam|klonopin|clonazepam|trazodone|amitriptyline|nortriptyline|elavil|topamax|topiramate|wellbutrin|prozac|zoloft|sertraline|lexapro|effexor|venlafaxine|docusate|colace|senna|\bDSS\b|medrol|prednisone|toradol|fioricet|viagra|cialis|ondansetron|zofran|imitrex|sumatriptan|ultram|ultracet|vicodin|tylenol|acetaminophen|aspirin|skelaxin|metaxalone|robaxin|methocarbamol|lunesta|restoril|sonata|nexium|protonix|famotidine|pepcid|savella|gralise|horizant|orphenadrine|norflex|fenoprofen|nalfon|etodolac|nabumetone|relafen|dendracin|menthoderm|flector|pennsaid)/i,
  ],
  [
    'dme',
    /\bTENS\b|\bDME\b|durable medical|brace|wheelchair|\bcane\b|walker|orthotic|orthosis|cushion|mattress|\bbed\b|cold therapy|hot\/cold|H-wave|interferential|lumbar support|cervical collar|splint|pillow|scooter|traction unit|\bunit\b|stimulator unit|compression (?:stocking|device)|shower chair|commode|\bpump\b/i,
  ],
  [
    'office-visit',
    /follow[- ]?ups?\b|consult|\bvisits?\b|office|referral|\bre-?evaluation|evaluation and management|appointment|\bPRN\b|\bevaluation\b|specialist|physician|doctor|\bsurgeon\b/i,
  ],
  [
    'surgery',
    /surg|arthroscop|ectomy|otomy|fusion|repair|replacement|plasty|decompression|release|reconstruction|implant|arthrodesis|debridement/i,
  ],
  ['medication', /medications?|prescriptions?|compound(?:ed)?|\brx\b|refills?|\bdrugs?\b/i],
];

/** The rules as global patterns, made once: counting matches in a rationale needs the g flag. */
const COUNTING: readonly [TreatmentCategory, RegExp][] = RULES.map(([category, pattern]) => [
  category,
  new RegExp(pattern.source, 'gi'),
]);

/**
 * How many times a global pattern matches in `text` (no rule matches empty text). Counted with test(),
 * which builds no array of the matched strings.
 */
function countMatches(pattern: RegExp, text: string): number {
  let count = 0;
  pattern.lastIndex = 0;
  while (pattern.test(text)) count++;
  return count;
}

/** Category from the item title; when the title names no keyword, the one the rationale names most. */
export function categorize(title: string, rationale: string | null): TreatmentCategory {
  for (const [category, pattern] of RULES) if (pattern.test(title)) return category;
  if (!rationale) return 'other';
  let best: TreatmentCategory = 'other';
  let bestCount = 0;
  for (const [category, pattern] of COUNTING) {
    const count = countMatches(pattern, rationale);
    if (count > bestCount) {
      best = category;
      bestCount = count;
    }
  }
  return best;
}
