import type { Redis } from 'ioredis';

/** How many letters the hint remembers (about 100 bytes of Redis each). */
export const EXTRACTED_LETTERS_KEPT = 100_000;

/**
 * A hint, in Redis, of the letters extracted lately: their SHA-256s (ids, never text) in a sorted
 * set by time, the newest EXTRACTED_LETTERS_KEPT kept. Ingest asks it before looking for a stored
 * determination, so a new letter (the normal path) costs no S3 request for that; a letter the hint
 * forgot is extracted again, which gives the same determination.
 */
export class ExtractedLetters {
  constructor(
    private readonly redis: Redis,
    private readonly key: string,
    private readonly kept = EXTRACTED_LETTERS_KEPT,
  ) {}

  async has(letterId: string): Promise<boolean> {
    return (await this.redis.zscore(this.key, letterId)) !== null;
  }

  async add(letterId: string): Promise<void> {
    await this.redis
      .multi()
      .zadd(this.key, Date.now(), letterId)
      .zremrangebyrank(this.key, 0, -(this.kept + 1))
      .exec();
  }
}
