import { type DestinationStream, type Logger, pino } from 'pino';

export type { Logger } from 'pino';

/**
 * Fields that could carry letter text. Letters are medical records: they are censored wherever
 * they appear, at the top level or one or two levels down, even when a caller slips.
 */
const SENSITIVE_FIELDS = [
  'text',
  'rawText',
  'normalized',
  'content',
  'body',
  'letter',
  'summary',
  'rationale',
  'reviewerBasis',
  'claimsAdministratorBasis',
  'diagnoses',
  'determination',
  'patient',
  'bytes',
];

export const REDACT_PATHS = SENSITIVE_FIELDS.flatMap((f) => [f, `*.${f}`, `*.*.${f}`]);

export interface LoggerOptions {
  level?: string;
  /** Where to write; stdout by default. Tests pass a stream to read what was logged. */
  destination?: DestinationStream;
}

export function createLogger(name: string, options: LoggerOptions = {}): Logger {
  return pino(
    {
      name,
      level: options.level ?? process.env.LOG_LEVEL ?? 'info',
      redact: { paths: REDACT_PATHS, censor: '[redacted]' },
      base: { pid: process.pid, service: name },
      timestamp: pino.stdTimeFunctions.isoTime,
      serializers: { err: pino.stdSerializers.err },
    },
    options.destination,
  );
}
