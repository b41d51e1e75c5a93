import { describe, expect, it } from 'vitest';
import { memoryCeilingMb, resolvePdfLimits } from './pdf-limits.ts';

const GiB = 1024 ** 3;

describe('PDF memory ceiling', () => {
  it("is 85% of the container's memory limit", () => {
    expect(memoryCeilingMb(GiB, 24 * GiB)).toBe(870);
    expect(memoryCeilingMb(512 * 1024 ** 2, 24 * GiB)).toBe(435);
  });

  it('is none without a limit (Node reports none, or more than the machine has)', () => {
    expect(memoryCeilingMb(undefined, 24 * GiB)).toBeNull();
    expect(memoryCeilingMb(0, 24 * GiB)).toBeNull();
    expect(memoryCeilingMb(2 ** 64, 24 * GiB)).toBeNull();
  });

  it('comes from the process unless given', () => {
    expect(resolvePdfLimits({ memoryCeilingMb: 300 }).memoryCeilingMb).toBe(300);
    expect(resolvePdfLimits().memoryCeilingMb).toBe(memoryCeilingMb());
  });
});
