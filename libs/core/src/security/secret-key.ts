import { randomBytes } from 'node:crypto';
import { linkSync, mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';

const FILE = 'secret-key';

/** The resolved key, or a clear failure when a process skipped prepareRuntime (which resolves it). */
export function requireSecretKey(config: { secretKey?: string }): string {
  if (!config.secretKey)
    throw new Error('SECRET_KEY is not resolved: call prepareRuntime (or set SECRET_KEY) before starting Nest');
  return config.secretKey;
}

/**
 * SECRET_KEY when configured (production, several machines); otherwise the key Rally generated under DATA_DIR on its
 * first start, so the embedded default needs no setup. Created atomically (written aside, then hard-linked into
 * place), so an api and a worker starting together agree on one key.
 */
export function resolveSecretKey(configured: string | undefined, dataDir: string): string {
  if (configured) return configured;
  const file = resolve(dataDir, FILE);
  const existing = readKey(file);
  if (existing) return existing;
  mkdirSync(resolve(dataDir), { recursive: true });
  const aside = `${file}.${process.pid}.${randomBytes(4).toString('hex')}`;
  writeFileSync(aside, `${randomBytes(32).toString('base64url')}\n`, { mode: 0o600 });
  try {
    linkSync(aside, file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  } finally {
    unlinkSync(aside);
  }
  return readKey(file) as string;
}

function readKey(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8').trim() || undefined;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}
