import { z } from 'zod';

const optionalUrl = z.preprocess(
  (v) => (typeof v === 'string' && v.trim() === '' ? undefined : v),
  z.url().optional(),
);

/** A secret that may be left empty (as compose files do with `${X:-}`): empty means unset. */
const optionalSecret = z.preprocess(
  (v) => (v === '' ? undefined : v),
  z.string().min(16, 'use at least 16 characters').optional(),
);

const int = (def: number, min = 1) => z.coerce.number().int().min(min).default(def);

const bool = (def: boolean) =>
  z
    .enum(['1', '0', 'true', 'false', 'yes', 'no', ''])
    .default(def ? 'true' : 'false')
    .transform((v) => v === '1' || v === 'true' || v === 'yes');

/**
 * Every environment variable the project reads, with its default. Parsed once at start-up;
 * a bad value stops the process with a message that names the variable.
 */
export const envSchema = z
  .object({
    REDIS_URL: optionalUrl,
    IMR_QUEUE_PREFIX: z
      .string()
      .regex(/^[A-Za-z0-9_{}-]+$/, 'letters, digits, _ - and {} (for a Redis Cluster hash tag)')
      .default('imr'),
    S3_ENDPOINT: optionalUrl,
    S3_REGION: z.string().default('us-east-1'),
    S3_ACCESS_KEY_ID: z.string().optional(),
    S3_SECRET_ACCESS_KEY: z.string().optional(),
    S3_FORCE_PATH_STYLE: bool(true),
    IMR_LETTER_BUCKET: z.string().min(3).default('imr-letters'),
    IMR_ARTIFACT_BUCKET: z.string().min(3).default('imr-artifacts'),
    DATABASE_URL: optionalUrl,
    IMR_DATA_DIR: z.string().default('.data'),
    IMR_MAX_LETTER_BYTES: int(25 * 1024 * 1024),
    /** Text (a text letter, or a PDF's text layer) larger than this is no letter: `too_large`. */
    IMR_MAX_TEXT_BYTES: int(4 * 1024 * 1024),
    /**
     * Memory (MB) for letters and artifacts this process read or wrote lately: stages in one
     * process hand letters over through it, not through S3. 0 turns it off.
     */
    IMR_ARTIFACT_CACHE_MB: int(64, 0),
    IMR_PDF_TIMEOUT_MS: int(20_000),
    IMR_PDF_MAX_MEMORY_MB: int(256, 16),
    IMR_PDF_MAX_PAGES: int(500),
    /** OCR of scans (image-only PDFs, TIFF, PNG, JPEG) in the `ocr` lane; off: they fail with `no_text_layer`. */
    IMR_OCR: z.enum(['on', 'off']).default('on'),
    /** OCR jobs one worker process runs at once (the lane's own; IMR_CONCURRENCY does not apply). */
    IMR_OCR_CONCURRENCY: int(1),
    /** Time one page's OCR (or rendering) may take: `ocr_timeout`. */
    IMR_OCR_PAGE_TIMEOUT_MS: int(60_000, 100),
    /** Scans with more pages are refused before any page is read: `ocr_too_many_pages`. */
    IMR_OCR_MAX_PAGES: int(50),
    /** Address space of each OCR child process (prlimit --as): `ocr_memory`. */
    IMR_OCR_MAX_MEMORY_MB: int(1024, 128),
    IMR_CONCURRENCY: z.coerce.number().int().min(1).optional(),
    IMR_DRAIN_TIMEOUT_MS: int(30_000),
    /** How long a job's lock lives without renewal: a SIGKILLed worker's jobs return after this. */
    IMR_LOCK_DURATION_MS: int(30_000, 1_000),
    /** How often workers look for jobs whose lock expired (stalled). */
    IMR_STALLED_INTERVAL_MS: int(15_000, 500),
    /** Completed jobs kept per stage queue (also kept at most a day). */
    IMR_KEEP_COMPLETED: int(20_000, 100),
    /** Failed jobs kept per stage queue (also kept at most 14 days); their dead letters hold replays. */
    IMR_KEEP_FAILED: int(10_000, 100),
    /** How often workers record failed jobs that have no dead-letter entry (a crash between the two). */
    IMR_DEAD_LETTER_SWEEP_MS: int(60_000, 1_000),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    /** HTTP port of the trigger and dashboard (0: any free port, as tests use). */
    PORT: z.coerce.number().int().min(0).max(65_535).default(3000),
    /** Where HTTP services (trigger, dashboard) listen. The dashboard refuses a non-loopback host without IMR_DASHBOARD_TOKEN. */
    HOST: z.string().min(1).default('0.0.0.0'),
    /**
     * Workers' own HTTP port for /healthz, /readyz and /metrics (orchestrator probes, Prometheus).
     * Unset: no HTTP server. With `imr worker --processes N`, child i listens on this port + i.
     */
    IMR_HTTP_PORT: z.preprocess(
      (v) => (v === '' ? undefined : v),
      z.coerce.number().int().min(0).max(65_535).optional(),
    ),
    IMR_TRIGGER_TOKEN: optionalSecret,
    IMR_TRIGGER_HMAC_SECRET: optionalSecret,
    IMR_RECONCILE_INTERVAL_MS: int(300_000, 0),
    /** Protects the dashboard (Bull Board and the search API): bearer token, or basic auth with it as password. */
    IMR_DASHBOARD_TOKEN: optionalSecret,
    /** A read-only role: the search page and search API, not Bull Board. */
    IMR_DASHBOARD_READ_TOKEN: optionalSecret,
    /** SQS queue that receives the bucket's events (S3 notifications, via SNS, or EventBridge). */
    IMR_SQS_QUEUE_URL: optionalUrl,
    /**
     * Seconds an SQS message stays hidden once received; heartbeats extend it while its letters are
     * enqueued, so it is also how soon a killed trigger's messages are delivered again.
     */
    IMR_SQS_VISIBILITY_TIMEOUT_S: z.coerce.number().int().min(1).max(43_200).default(30),
    /**
     * The SDK's standard variable for a local SQS (fauxqs, LocalStack, ElasticMQ). Read here too: the
     * SQS client otherwise sends each request to the queue URL's own host, whatever the variable says.
     */
    AWS_ENDPOINT_URL_SQS: optionalUrl,
    /** Only keys under this prefix are letters (events and backfill). */
    IMR_KEY_PREFIX: z.string().optional(),
    /** Only keys with one of these endings (comma-separated, e.g. ".txt,.pdf") are letters. */
    IMR_KEY_SUFFIXES: z
      .string()
      .optional()
      .transform((v) =>
        v
          ? v
              .split(',')
              .map((s) => s.trim())
              .filter(Boolean)
          : undefined,
      ),
  })
  .refine((c) => c.IMR_LETTER_BUCKET !== c.IMR_ARTIFACT_BUCKET, {
    path: ['IMR_ARTIFACT_BUCKET'],
    message: 'must differ from IMR_LETTER_BUCKET (uploaders could otherwise plant artifacts)',
  });

export type Config = z.infer<typeof envSchema>;

/** Where services look for Redis when REDIS_URL is not set (the demo starts a private one instead). */
export const DEFAULT_REDIS_URL = 'redis://127.0.0.1:6379';

/** The configuration with REDIS_URL filled in, as long-running services use it. */
export function withDefaultRedis(config: Config): Config & { REDIS_URL: string } {
  return { ...config, REDIS_URL: config.REDIS_URL ?? DEFAULT_REDIS_URL };
}

/**
 * A setting the process cannot start with. Its message is one line that names each variable, made
 * to be printed as it is (see `exitOnStartupError`).
 */
export class ConfigError extends Error {
  readonly isConfigError = true;
  constructor(readonly issues: string[]) {
    super(`invalid configuration: ${issues.join('; ')}`);
    this.name = 'ConfigError';
  }

  static is(value: unknown): value is ConfigError {
    return (value as { isConfigError?: unknown } | null)?.isConfigError === true;
  }
}

/** Parses `env` (process.env by default). Throws ConfigError naming every bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const result = envSchema.safeParse(env);
  if (!result.success) {
    throw new ConfigError(result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
  }
  return result.data;
}
