import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext } from 'playwright-core';
import { chromium } from 'playwright-core';
import { TEST_ENV } from '#rally-testing/core';

// Chromium on a machine with no network: the background services would only fail to connect, many at a time.
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/**
 * describe() for browser tests: skipped only when no Chromium was found, and said why in the title and the run's
 * summary (with how to install it); with CI=true a missing Chromium fails the run instead.
 */
export const describeInBrowser = (name: string, fn: () => void): void =>
  TEST_ENV.chromiumPath ? describe(name, fn) : describe.skip(`${name} [not run: no Chromium, see the summary]`, fn); // skipped: no Chromium here, never in CI

/** Headless Chromium with a fresh profile, closed (and the profile removed) by `close()`. */
export async function launchBrowser(): Promise<{ context: BrowserContext; close(): Promise<void> }> {
  const profile = mkdtempSync(join(tmpdir(), 'rally-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: TEST_ENV.chromiumPath,
    args: CHROMIUM_ARGS,
    headless: true,
  });
  return {
    context,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
