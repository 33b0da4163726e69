import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/config.ts';

describe('loadConfig', () => {
  it('has working defaults', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      PORT: 3000,
      HOST: '127.0.0.1',
      DATA_DIR: './data',
      LOG_LEVEL: 'info',
      AUTH_ISSUER: 'migov-local',
      AUTH_AUDIENCE: 'migov',
    });
    expect(config.AUTH_JWKS_URL).toBeUndefined();
  });

  it('reads values from the environment', () => {
    const config = loadConfig({
      PORT: '8080',
      LOG_LEVEL: 'debug',
      AUTH_JWKS_URL: 'https://idp.example/jwks.json',
    });
    expect(config.PORT).toBe(8080);
    expect(config.LOG_LEVEL).toBe('debug');
    expect(config.AUTH_JWKS_URL).toBe('https://idp.example/jwks.json');
  });

  it('names every bad variable in one error', () => {
    try {
      loadConfig({ PORT: 'eighty', LOG_LEVEL: 'loud', AUTH_JWKS_URL: 'ftp://x' });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      const problems = (error as ConfigError).problems;
      expect(problems).toHaveLength(3);
      expect(problems[0]).toMatch(/^PORT: .*"eighty"/);
      expect(problems.some((p) => p.startsWith('LOG_LEVEL: must be one of'))).toBe(true);
      expect(problems.some((p) => p.startsWith('AUTH_JWKS_URL: must be an http(s) URL'))).toBe(true);
    }
  });

  it('refuses a port out of range', () => {
    expect(() => loadConfig({ PORT: '70000' })).toThrow(/PORT: must be between 0 and 65535/);
  });
});
