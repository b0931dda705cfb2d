import { ConfigInvalidError, parseConfig } from './rally-config.js';

describe('parseConfig', () => {
  it('applies defaults with no environment: embedded database, Postgres queues, captured mail', () => {
    const config = parseConfig({});
    expect(config.http.port).toBe(3000);
    expect(config.http.publicUrl).toBe('http://localhost:3000');
    expect(config.database.url).toBeUndefined();
    expect(config.queue.redisUrl).toBeUndefined();
    expect(config.mail.capture).toBe(true);
  });

  it('switches to real services when their URLs are given', () => {
    const config = parseConfig({
      DATABASE_URL: 'postgres://u@db/rally',
      REDIS_URL: 'redis://r:6379',
      SMTP_URL: 'smtp://relay:25',
    });
    expect(config.database.url).toBe('postgres://u@db/rally');
    expect(config.queue.redisUrl).toBe('redis://r:6379');
    expect(config.mail.capture).toBe(false);
  });

  it('lists every invalid variable in one error', () => {
    let error: unknown;
    try {
      parseConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://x', LOG_LEVEL: 'loud', TRUST_PROXY: 'maybe' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigInvalidError);
    const problems = (error as ConfigInvalidError).problems;
    expect(problems).toHaveLength(4);
    expect(problems.join('\n')).toMatch(/PORT must be a whole number/);
    expect(problems.join('\n')).toMatch(/DATABASE_URL must start with postgres:\/\//);
    expect(problems.join('\n')).toMatch(/LOG_LEVEL must be one of/);
    expect(problems.join('\n')).toMatch(/TRUST_PROXY must be true or false/);
  });
});

describe('production configuration', () => {
  const problemsOf = (env: Record<string, string>): string[] => {
    try {
      parseConfig(env);
      return [];
    } catch (error) {
      return (error as ConfigInvalidError).problems;
    }
  };

  it('refuses capture mode (no SMTP_URL) and a generated secret key, naming both variables', () => {
    const problems = problemsOf({ NODE_ENV: 'production' });
    expect(problems.join('\n')).toMatch(/^SMTP_URL must be set when NODE_ENV=production/m);
    expect(problems.join('\n')).toMatch(/^SECRET_KEY must be set when NODE_ENV=production/m);
  });

  it('starts with a relay and a shared secret key', () => {
    const config = parseConfig({ NODE_ENV: 'production', SMTP_URL: 'smtps://relay:465', SECRET_KEY: 'k'.repeat(32) });
    expect(config.mail.capture).toBe(false);
    expect(config.secretKey).toBe('k'.repeat(32));
  });

  it('refuses a short secret key in any environment', () => {
    expect(problemsOf({ SECRET_KEY: 'short' })).toEqual(['SECRET_KEY must be at least 32 characters, got 5']);
  });
});
