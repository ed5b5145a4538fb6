import { ConfigError, loadConfig } from './load-config.js';

describe(loadConfig.name, () => {
  it('applies defaults when nothing is set', () => {
    const config = loadConfig({}, '/srv/firedrill');
    expect(config.port).toBe(3000);
    expect(config.databaseUrl).toBeUndefined();
    expect(config.dataDir).toBe('/srv/firedrill/.firedrill');
    expect(config.bodyLimitBytes).toBe(1024 * 1024);
  });

  it('names every bad variable in one error', () => {
    let error: unknown;
    try {
      loadConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://x', LOG_LEVEL: 'loud', FIREDRILL_BODY_LIMIT: 'huge' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems.map((p) => p.variable).sort();
    expect(problems).toEqual(['DATABASE_URL', 'FIREDRILL_BODY_LIMIT', 'LOG_LEVEL', 'PORT']);
    expect((error as ConfigError).message).toContain('PORT: must be a number');
  });

  it('parses sizes and treats empty strings as unset', () => {
    const config = loadConfig({ FIREDRILL_BODY_LIMIT: '2mb', PORT: '' });
    expect(config.bodyLimitBytes).toBe(2 * 1024 * 1024);
    expect(config.port).toBe(3000);
  });

  it('rejects a port out of range', () => {
    expect(() => loadConfig({ PORT: '70000' })).toThrow(/PORT: must be between 0 and 65535/);
  });
});
