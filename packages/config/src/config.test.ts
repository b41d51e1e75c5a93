import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.ts';

describe('loadConfig', () => {
  it('gives the embedded defaults with no configuration at all', () => {
    const config = loadConfig({});
    expect(config.REDIS_URL).toBeUndefined();
    expect(config.DATABASE_URL).toBeUndefined();
    expect(config.IMR_LETTER_BUCKET).toBe('imr-letters');
    expect(config.IMR_MAX_LETTER_BYTES).toBe(25 * 1024 * 1024);
    expect(config.S3_FORCE_PATH_STYLE).toBe(true);
  });

  it('treats empty strings as unset', () => {
    expect(loadConfig({ REDIS_URL: '' }).REDIS_URL).toBeUndefined();
  });

  it('names every bad variable', () => {
    try {
      loadConfig({ REDIS_URL: 'not a url', IMR_MAX_LETTER_BYTES: '-3', LOG_LEVEL: 'loud' });
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(ConfigError);
      const message = (err as Error).message;
      expect(message).toContain('REDIS_URL');
      expect(message).toContain('IMR_MAX_LETTER_BYTES');
      expect(message).toContain('LOG_LEVEL');
    }
  });

  it('accepts a queue prefix with a cluster hash tag', () => {
    expect(loadConfig({ IMR_QUEUE_PREFIX: '{imr}' }).IMR_QUEUE_PREFIX).toBe('{imr}');
    expect(() => loadConfig({ IMR_QUEUE_PREFIX: 'a:b' })).toThrow(ConfigError);
  });
});
