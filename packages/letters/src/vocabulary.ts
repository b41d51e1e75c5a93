/** Made-up but realistic building blocks of IMR letters. No real person is described. */
export const STATES: ReadonlyArray<[string, string]> = [
  ['California', 'CA'],
  ['Texas', 'TX'],
  ['Arizona', 'AZ'],
  ['Illinois', 'IL'],
  ['New York', 'NY'],
  ['Florida', 'FL'],
  ['Oregon', 'OR'],
  ['Nevada', 'NV'],
  ['Washington', 'WA'],
  ['Colorado', 'CO'],
];

export const SPECIALTIES: ReadonlyArray<[string, string | null]> = [
  ['Anesthesiology', 'Pain Medicine'],
  ['Physical Medicine & Rehabilitation', null],
  ['Orthopedic Surgery', null],
  ['Family Practice', null],
  ['Internal Medicine', null],
  ['Psychiatry', null],
  ['Neurology', null],
  ['Preventive Medicine', 'Occupational Medicine'],
  ['Chiropractic', null],
  ['Psychology', null],
];

export const OCCUPATIONS = [
  'detailer',
  'warehouse clerk',
  'forklift operator',
  'carpenter',
  'nurse aide',
  'bus driver',
  'cashier',
  'electrician',
  'cook',
  'groundskeeper',
];

export const BODY_PARTS = [
  'low back',
  'neck',
  'right shoulder',
  'left shoulder',
  'right knee',
  'left knee',
  'right wrist',
  'left hip',
  'upper back',
];

export const MECHANISMS = [
  'lifting a box of supplies',
  'a fall from a ladder',
  'pulling a pallet jack',
  'a motor vehicle accident at work',
  'repetitive keyboard work',
];

export const DIAGNOSES = [
  'lumbar disc displacement without myelopathy',
  'cervical spondylosis',
  'chronic pain syndrome',
  'lumbar radiculopathy',
  'right shoulder impingement syndrome',
  'post laminectomy syndrome',
  'major depressive disorder',
  'carpal tunnel syndrome',
  'knee internal derangement',
  'myofascial pain',
  'sacroiliac joint dysfunction',
  'thoracic sprain',
];

export const RATIONALE_SENTENCES = [
  'The medical records provided for review do not document objective functional improvement with prior treatment.',
  'There is no documentation of a failed trial of first-line therapy.',
  'The guidelines recommend a time-limited trial with reassessment before further treatment.',
  'The records indicate ongoing complaints of pain rated 7/10 without medication and 4/10 with medication.',
  'The injured worker has completed prior sessions with documented benefit in range of motion.',
  'The clinical documentation does not describe the frequency, duration or goals of the requested treatment.',
  'Physical examination noted tenderness to palpation and decreased range of motion.',
  'The guidelines state that exceptional factors should be noted when treatment exceeds the recommended number of visits.',
  "The patient's duty status and work restrictions were not addressed in the most recent progress report.",
  'The treating physician documented a change in neurologic findings that supports the request.',
];
