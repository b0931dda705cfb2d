import { ConfigProblem, parseInteger } from './config.parsers.js';
import { configRule, defineConfigSection } from './config-section.js';
import { optional, variable } from './config-variable.js';
import { ConfigInvalidError, parseConfig, UnknownConfigSectionError } from './rally-config.js';

const problemsOf = (env: Record<string, string>, sections = [SAMPLE]): string[] => {
  try {
    parseConfig(env, sections);
    return [];
  } catch (error) {
    if (!(error instanceof ConfigInvalidError)) throw error;
    return error.problems;
  }
};

const SAMPLE = defineConfigSection(
  'sample',
  {
    SAMPLE_LIMIT: variable({ description: 'A limit', defaultValue: '5', parse: (r) => parseInteger(r, 1, 10) }),
    SAMPLE_RELAY: optional({ description: 'A relay', parse: (r) => r }),
  },
  (v, core) => {
    if (core.env === 'production' && !v.SAMPLE_RELAY)
      throw configRule('SAMPLE_RELAY must be set when NODE_ENV=production');
    return { limit: v.SAMPLE_LIMIT * core.rateLimitMultiplier, relay: v.SAMPLE_RELAY };
  },
);

describe('parseConfig', () => {
  it('applies defaults with no environment: embedded database, PostgreSQL queues, key from DATA_DIR', () => {
    const config = parseConfig({}, [SAMPLE]);
    expect(config.http.port).toBe(3000);
    expect(config.http.publicUrl).toBe('http://localhost:3000');
    expect(config.database.url).toBeUndefined();
    expect(config.queue.redisUrl).toBeUndefined();
    expect(config.secretKey).toBeUndefined();
    expect(config.section(SAMPLE)).toEqual({ limit: 5, relay: undefined });
  });

  it('switches to real services when their URLs are given, and builds sections from core settings', () => {
    const config = parseConfig(
      {
        DATABASE_URL: 'postgres://u@db/rally',
        REDIS_URL: 'redis://r:6379',
        RATE_LIMIT_MULTIPLIER: '2',
        SAMPLE_LIMIT: '3',
      },
      [SAMPLE],
    );
    expect(config.database.url).toBe('postgres://u@db/rally');
    expect(config.queue.redisUrl).toBe('redis://r:6379');
    expect(config.section(SAMPLE).limit).toBe(6);
  });

  it('lists every invalid variable, core and section alike, in one error', () => {
    const problems = problemsOf({
      PORT: 'eighty',
      DATABASE_URL: 'mysql://x',
      LOG_LEVEL: 'loud',
      TRUST_PROXY: 'maybe',
      SAMPLE_LIMIT: '99',
    });
    expect(problems).toHaveLength(5);
    expect(problems.join('\n')).toMatch(/PORT must be a whole number/);
    expect(problems.join('\n')).toMatch(/DATABASE_URL must start with postgres:\/\//);
    expect(problems.join('\n')).toMatch(/LOG_LEVEL must be one of/);
    expect(problems.join('\n')).toMatch(/TRUST_PROXY must be true or false/);
    expect(problems.join('\n')).toMatch(/SAMPLE_LIMIT must be between 1 and 10, got 99/);
  });

  it('refuses a generated secret key in production, and a section rule across variables', () => {
    const problems = problemsOf({ NODE_ENV: 'production' });
    expect(problems.join('\n')).toMatch(/^SECRET_KEY must be set when NODE_ENV=production/m);
    expect(problems.join('\n')).toMatch(/^SAMPLE_RELAY must be set when NODE_ENV=production/m);
    expect(problemsOf({ NODE_ENV: 'production', SECRET_KEY: 'k'.repeat(32), SAMPLE_RELAY: 'x' })).toEqual([]);
  });

  it('refuses a short secret key in any environment', () => {
    expect(problemsOf({ SECRET_KEY: 'short' })).toEqual(['SECRET_KEY must be at least 32 characters, got 5']);
  });

  it('fails loudly on a section the process was not configured with, and on a variable declared twice', () => {
    expect(() => parseConfig({}).section(SAMPLE)).toThrow(UnknownConfigSectionError);
    const twin = defineConfigSection(
      'twin',
      { PORT: variable({ description: 'again', defaultValue: '1', parse: (r) => r }) },
      (v) => v,
    );
    expect(() => parseConfig({}, [twin])).toThrow(/Config variable PORT is declared by both core and twin/);
    expect(new ConfigProblem('x')).toBeInstanceOf(Error);
  });
});
