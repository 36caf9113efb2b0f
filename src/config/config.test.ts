import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';

describe('loadConfig', () => {
  it('gives the embedded defaults when nothing is configured', () => {
    const config = loadConfig({});
    expect(config.PORT).toBe(8080);
    expect(config.DATABASE_URL).toBeUndefined();
    expect(config.REDIS_URL).toBeUndefined();
    expect(config.OSRM_URL).toBeUndefined();
    expect(config.DATA_DIR).toBe('./data');
  });

  it('reads the environment and lets flag overrides win', () => {
    const config = loadConfig({ PORT: '9000', DATABASE_URL: 'postgres://localhost/x' }, { PORT: 9100 });
    expect(config.PORT).toBe(9100);
    expect(config.DATABASE_URL).toBe('postgres://localhost/x');
  });

  it('treats an empty variable as unset', () => {
    expect(loadConfig({ REDIS_URL: '' }).REDIS_URL).toBeUndefined();
  });

  it.each([
    [{ PORT: 'eighty' }, /^Invalid configuration: PORT: expected a whole number from 0 to 65535 \(got "eighty"\)$/],
    [{ DATABASE_URL: 'mysql://x' }, /^Invalid configuration: DATABASE_URL: expected a URL starting with postgres:\/\//],
    [{ LOG_LEVEL: 'loud' }, /^Invalid configuration: LOG_LEVEL: expected one of/],
  ])('rejects %o with one line naming the variable', (env, message) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(message);
    try {
      loadConfig(env);
    } catch (error) {
      expect((error as Error).message).not.toContain('\n');
    }
  });
});
