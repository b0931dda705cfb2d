import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { resolveSecretKey } from './secret-key.js';

describe('resolveSecretKey', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'rally-secret-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('uses SECRET_KEY when configured and writes nothing', () => {
    expect(resolveSecretKey('configured key of enough length....', dir)).toBe('configured key of enough length....');
    expect(() => statSync(join(dir, 'secret-key'))).toThrow();
  });

  it('generates a key under DATA_DIR once, readable only by its owner, and returns the same one afterwards', () => {
    const first = resolveSecretKey(undefined, join(dir, 'var'));
    expect(first).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(statSync(join(dir, 'var', 'secret-key')).mode & 0o777).toBe(0o600);
    expect(resolveSecretKey(undefined, join(dir, 'var'))).toBe(first);
    expect(readFileSync(join(dir, 'var', 'secret-key'), 'utf8').trim()).toBe(first);
  });
});
