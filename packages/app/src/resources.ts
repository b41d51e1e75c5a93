import type { Config } from '@imr/config';
import { OcrReader, PdfTextExtractor } from '@imr/documents';
import type { Logger } from '@imr/logging';
import {
  checkEvictionPolicy,
  createRedis,
  DEFAULT_RETENTION,
  PipelineQueues,
  RedisHealth,
  type Retention,
} from '@imr/queue';
import type { SearchIndex } from '@imr/search';
import { ArtifactCache, ArtifactStore, ObjectStore } from '@imr/storage';
import type { Redis } from 'ioredis';
import { openSearch } from './search.ts';

/** Job retention: the configured counts, the default ages. */
export function retentionFrom(config: Pick<Config, 'IMR_KEEP_COMPLETED' | 'IMR_KEEP_FAILED'>): Retention {
  return {
    completed: { ...DEFAULT_RETENTION.completed, count: config.IMR_KEEP_COMPLETED },
    failed: { ...DEFAULT_RETENTION.failed, count: config.IMR_KEEP_FAILED },
  };
}

/**
 * Everything a process needs to talk to the outside: Redis, S3, the search database and the PDF
 * extractor. Opened lazily where start-up cost matters (search, PDF threads); closed once.
 */
export class Resources {
  readonly redis: Redis;
  readonly queues: PipelineQueues;
  readonly objects: ObjectStore;
  readonly artifacts: ArtifactStore;
  /** The state of this process's Redis connections, for logs and readiness. */
  readonly redisHealth: RedisHealth;
  private searchIndex: Promise<SearchIndex> | null = null;
  private pdfExtractor: PdfTextExtractor | null = null;
  private ocrReader: OcrReader | null = null;
  private closing: Promise<void> | null = null;

  constructor(
    readonly config: Config & { REDIS_URL: string },
    readonly log: Logger,
  ) {
    this.redisHealth = new RedisHealth(log);
    this.redis = this.redisHealth.watch('commands', createRedis(config.REDIS_URL));
    this.queues = new PipelineQueues({
      connection: this.redis,
      prefix: config.IMR_QUEUE_PREFIX,
      retention: retentionFrom(config),
    });
    this.objects = new ObjectStore({
      region: config.S3_REGION,
      forcePathStyle: config.S3_FORCE_PATH_STYLE,
      ...(config.S3_ENDPOINT ? { endpoint: config.S3_ENDPOINT } : {}),
      ...(config.S3_ACCESS_KEY_ID ? { accessKeyId: config.S3_ACCESS_KEY_ID } : {}),
      ...(config.S3_SECRET_ACCESS_KEY ? { secretAccessKey: config.S3_SECRET_ACCESS_KEY } : {}),
    });
    const cacheBytes = config.IMR_ARTIFACT_CACHE_MB * 1024 * 1024;
    this.artifacts = new ArtifactStore(this.objects, config.IMR_ARTIFACT_BUCKET, {
      cache: cacheBytes ? new ArtifactCache(cacheBytes) : null,
    });
  }

  /** Checks Redis settings and makes the buckets exist. */
  async prepare(options: { buckets?: boolean } = {}): Promise<void> {
    await checkEvictionPolicy(this.redis, this.log);
    if (options.buckets !== false) {
      await this.objects.ensureBucket(this.config.IMR_LETTER_BUCKET);
      await this.objects.ensureBucket(this.config.IMR_ARTIFACT_BUCKET);
    }
  }

  /**
   * The search index: PostgreSQL when DATABASE_URL is set, else PGlite under the data directory.
   * Callers at the same time share one opening; a failed opening (the database is down) is
   * forgotten, so the next caller tries again and a process started during an outage heals with it.
   */
  search(): Promise<SearchIndex> {
    if (!this.searchIndex) {
      const opening = openSearch(this.config);
      this.searchIndex = opening;
      opening.catch(() => {
        if (this.searchIndex === opening) this.searchIndex = null;
      });
    }
    return this.searchIndex;
  }

  pdf(): PdfTextExtractor {
    this.pdfExtractor ??= new PdfTextExtractor({
      limits: {
        timeoutMs: this.config.IMR_PDF_TIMEOUT_MS,
        maxMemoryMb: this.config.IMR_PDF_MAX_MEMORY_MB,
        maxPages: this.config.IMR_PDF_MAX_PAGES,
        maxTextBytes: this.config.IMR_MAX_TEXT_BYTES,
      },
    });
    return this.pdfExtractor;
  }

  /** OCR of scans (the `ocr` lane): child processes, nothing held between letters. */
  ocr(): OcrReader {
    this.ocrReader ??= new OcrReader({
      limits: {
        pageTimeoutMs: this.config.IMR_OCR_PAGE_TIMEOUT_MS,
        maxPages: this.config.IMR_OCR_MAX_PAGES,
        maxMemoryMb: this.config.IMR_OCR_MAX_MEMORY_MB,
        maxTextBytes: this.config.IMR_MAX_TEXT_BYTES,
      },
    });
    return this.ocrReader;
  }

  /** Idempotent. */
  close(): Promise<void> {
    this.closing ??= (async () => {
      await this.queues.close();
      await this.pdfExtractor?.close();
      if (this.searchIndex) await (await this.searchIndex.catch(() => null))?.close();
      this.objects.close();
      this.redis.disconnect();
    })();
    return this.closing;
  }
}
