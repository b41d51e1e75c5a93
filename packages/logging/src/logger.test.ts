import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from './logger.ts';

function capture() {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk, _enc, done) {
      lines.push(String(chunk));
      done();
    },
  });
  return { lines, destination };
}

describe('createLogger', () => {
  it('redacts letter text wherever it appears', () => {
    const { lines, destination } = capture();
    const log = createLogger('test', { destination, level: 'info' });
    log.info(
      {
        letterId: 'abc',
        text: 'PATIENT SECRET',
        job: { data: { rationale: 'SECRET 2' } },
        summary: 'SECRET 3',
      },
      'done',
    );
    const out = lines.join('');
    expect(out).toContain('"letterId":"abc"');
    expect(out).not.toContain('SECRET');
    expect(out).toContain('[redacted]');
  });

  it('keeps ids, sizes and codes', () => {
    const { lines, destination } = capture();
    createLogger('test', { destination }).warn({ code: 'pdf_encrypted', bytes: 12, size: 12 }, 'failed');
    const entry = JSON.parse(lines[0] ?? '{}');
    expect(entry.code).toBe('pdf_encrypted');
    expect(entry.size).toBe(12);
    expect(entry.service).toBe('test');
  });
});
