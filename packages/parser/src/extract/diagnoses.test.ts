import { describe, expect, it } from 'vitest';
import { parseDiagnoses } from './diagnoses.ts';

describe('parseDiagnoses', () => {
  it('splits on commas and the final "and"', () => {
    expect(
      parseDiagnoses(
        'The injured worker was diagnosed as having post-laminectomy syndrome, chronic low back pain with radicular ' +
          'symptoms in the left leg and L5 radiculopathy. Currently, the injured worker was with complaints.',
      ),
    ).toEqual([
      'post-laminectomy syndrome',
      'chronic low back pain with radicular symptoms in the left leg',
      'L5 radiculopathy',
    ]);
  });

  it('keeps commas that belong to a diagnosis and those inside parentheses', () => {
    expect(
      parseDiagnoses(
        'Diagnoses: thoracic sprain; myalgia and myositis, unspecified; sprain (neck, back), and cervicalgia.',
      ),
    ).toEqual(['thoracic sprain', 'myalgia and myositis, unspecified', 'sprain (neck, back)', 'cervicalgia']);
    expect(
      parseDiagnoses('Current diagnoses include lumbar radiculopathy, left, and bilateral knee pain.'),
    ).toEqual(['lumbar radiculopathy, left', 'bilateral knee pain']);
  });

  it('gives none when the summary lists none', () => {
    expect(parseDiagnoses('The patient has low back pain.')).toEqual([]);
  });
});
