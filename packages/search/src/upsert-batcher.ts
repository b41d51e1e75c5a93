import { PipelineError } from '@imr/contracts';
import { pipelineMetrics } from '@imr/metrics';
import type { SearchDatabase } from './database.ts';
import {
  type LetterInput,
  type PreparedLetter,
  prepareLetter,
  type UpsertOutcome,
  writeLetters,
} from './upsert.ts';

interface Pending {
  letter: PreparedLetter;
  resolve(outcome: UpsertOutcome): void;
  reject(error: unknown): void;
}

/** Letters one transaction takes at most. */
export const DEFAULT_MAX_BATCH = 200;

/**
 * Coalesces single-letter upserts into batch transactions (group commit). A letter that arrives
 * while a batch is being written waits for that write and goes into the next batch, up to maxBatch
 * letters; a letter that arrives at an idle index is written at once (after the current turn of the
 * event loop, so letters arriving together share one transaction).
 *
 * Each caller gets its own outcome. An invalid letter fails its own call before it joins a batch. A
 * batch the database refuses for any reason but being unreachable is written again letter by letter,
 * so one bad letter fails alone; an unreachable database fails the whole batch (every caller retries).
 */
export class UpsertBatcher {
  private readonly queue: Pending[] = [];
  private draining: Promise<void> | null = null;
  private readonly db: SearchDatabase;
  private readonly maxBatch: number;

  constructor(db: SearchDatabase, maxBatch = DEFAULT_MAX_BATCH) {
    if (!Number.isInteger(maxBatch) || maxBatch < 1) {
      throw new RangeError(`maxBatch must be a positive integer, got ${maxBatch}`);
    }
    this.db = db;
    this.maxBatch = maxBatch;
  }

  upsert(input: LetterInput): Promise<UpsertOutcome> {
    let letter: PreparedLetter;
    try {
      letter = prepareLetter(input);
    } catch (error) {
      return Promise.reject(error);
    }
    return new Promise((resolve, reject) => {
      this.queue.push({ letter, resolve, reject });
      this.draining ??= this.drain();
    });
  }

  /** Resolves once every letter handed in so far is written (or has failed). */
  async flush(): Promise<void> {
    while (this.draining) await this.draining;
  }

  private async drain(): Promise<void> {
    await new Promise((resolve) => setImmediate(resolve));
    while (this.queue.length > 0) {
      const batch = this.queue.splice(0, this.maxBatch);
      pipelineMetrics.indexBatch(batch.length);
      await this.write(batch);
    }
    this.draining = null;
  }

  private async write(batch: Pending[]): Promise<void> {
    try {
      const outcomes = await writeLetters(
        this.db,
        batch.map((p) => p.letter),
      );
      for (const [i, p] of batch.entries()) p.resolve(outcomes[i] as UpsertOutcome);
    } catch (error) {
      const unreachable = error instanceof PipelineError && error.code === 'database_unavailable';
      if (batch.length === 1 || unreachable) {
        for (const p of batch) p.reject(error);
        return;
      }
      for (const p of batch) await this.write([p]);
    }
  }
}
