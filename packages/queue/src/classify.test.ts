import { PipelineError } from '@imr/contracts';
import { describe, expect, it } from 'vitest';
import { classifyError, codeFromReason, failedReason } from './classify.ts';

describe('classifyError', () => {
  it('keeps a coded error as it is', () => {
    const err = new PipelineError('database_unavailable', 'x');
    expect(classifyError(err)).toBe(err);
  });

  it('reads network failures from their codes, also wrapped as a cause', () => {
    const reset = Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' });
    expect(classifyError(reset)).toMatchObject({ code: 'queue_unavailable', permanent: false });
    expect(classifyError(new Error('wrapped', { cause: reset })).code).toBe('queue_unavailable');
  });

  it('never guesses from message text', () => {
    // Words a message may happen to hold decide nothing: only codes and types do.
    for (const message of ['postgres 5432 ECONNREFUSED', 'Connection terminated', 'S3 timeout']) {
      expect(classifyError(new Error(message)).code).toBe('internal');
    }
  });

  it('turns timeouts and aborts into timeout, and anything else into internal (transient)', () => {
    expect(classifyError(Object.assign(new Error('t'), { name: 'TimeoutError' })).code).toBe('timeout');
    expect(classifyError(Object.assign(new Error('a'), { name: 'AbortError' })).code).toBe('timeout');
    const internal = classifyError(new TypeError('x is not a function'));
    expect(internal).toMatchObject({ code: 'internal', permanent: false });
    expect(internal.message).toBe('TypeError: x is not a function');
  });

  it('writes the code first in the failed reason and reads it back', () => {
    expect(codeFromReason(failedReason(new PipelineError('artifact_corrupt')))).toBe('artifact_corrupt');
    expect(codeFromReason('no code here')).toBe('internal');
  });
});
