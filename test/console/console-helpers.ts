import { existsSync, mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import type { RallyHarness } from '../support/rally-harness.js';

const BUILT = fileURLToPath(new URL('../../dist/console/index.html', import.meta.url));
const SHOTS = fileURLToPath(new URL('../../var/screenshots/console/', import.meta.url));

/** The browser tests run against the production build the api serves (what a person gets), never Vite's dev server. */
export function requireBuiltConsole(): void {
  if (!existsSync(BUILT)) throw new Error('dist/console is not built: run `npm run build` (npm test does it first)');
}

/** The screen, saved for a reviewer under var/screenshots/console/ (ignored by git). */
export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: `${SHOTS}${name}.png`, fullPage: true });
}

/**
 * axe-core on the screen as shown: no serious or critical violation of WCAG 2.1 A/AA. The failure lists each rule
 * and the elements it found, so the fix is findable without re-running.
 */
export async function expectAccessible(page: Page, screen: string): Promise<void> {
  // axe reads colours as shown: a notice or dialog still fading in has its text at a few percent contrast (a CI run
  // caught a button label at 1.01:1 mid-transition), so the check waits until no transition or animation runs.
  // The callback runs in the page; the server's type-check has no DOM types, so the page's document is described here.
  // Endless ones (a loader's spin) never finish and are not waited for.
  type Running = { playState: string; effect: { getTiming(): { iterations?: number } } | null };
  await page.waitForFunction(() =>
    (globalThis as unknown as { document: { getAnimations(): Running[] } }).document
      .getAnimations()
      .every((a) => a.playState !== 'running' || a.effect?.getTiming().iterations === Infinity),
  );
  const { violations } = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  const grave = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  const report = grave.map(
    (v) =>
      `${v.id} (${v.impact}): ${v.help}\n    ${v.nodes.map((n) => `${n.target.join(' ')}: ${n.failureSummary ?? ''}`).join('\n    ')}`,
  );
  expect({ screen, violations: report }).toEqual({ screen, violations: [] });
}

/** Checks and saves a main screen once it has settled (no request in flight, the heading shown). */
export async function reviewScreen(page: Page, name: string): Promise<void> {
  await page.waitForLoadState('networkidle');
  await page.locator('h1').first().waitFor();
  await expectAccessible(page, name);
  await screenshot(page, name);
}

export const consoleUrl = (rally: RallyHarness, path = ''): string => `${rally.baseUrl}/console${path}`;

/** Signs in through the form, as a person does, and waits to have left the sign-in screen. */
export async function signIn(
  page: Page,
  rally: RallyHarness,
  email: string,
  password: string,
  path = '',
): Promise<void> {
  await page.goto(consoleUrl(rally, path));
  await page.waitForURL(/\/console\/sign-in/);
  await page.getByLabel(/^Email/).fill(email);
  await page.getByLabel(/^Password/).fill(password);
  await Promise.all([
    page.waitForURL((url) => !url.pathname.startsWith('/console/sign-in')),
    page.getByRole('button', { name: 'Sign in' }).click(),
  ]);
}

/**
 * Presses Tab until the focused element is the one named (by its accessible name), failing after `max` presses:
 * how a keyboard user reaches a field, without a click.
 */
export async function tabTo(page: Page, name: RegExp, max = 30): Promise<void> {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    const focused = await accessibleNameOfFocus(page);
    if (name.test(focused)) return;
  }
  throw new Error(`${name} not reached with ${max} presses of Tab`);
}

/** The focused element's name: its aria-label, else its label's text, else its own text. */
async function accessibleNameOfFocus(page: Page): Promise<string> {
  const element = page.locator('*:focus');
  if ((await element.count()) === 0) return '';
  const labelled = await element.getAttribute('aria-label');
  if (labelled) return labelled;
  const id = await element.getAttribute('id');
  const label = id ? page.locator(`label[for="${id}"]`) : undefined;
  if (label && (await label.count()) > 0) return ((await label.textContent()) ?? '').trim();
  return ((await element.textContent()) ?? '').trim();
}

/** The link a mail carries to the console (invitation, password reset), from its text part. */
export function consoleLinkIn(text: string, screen: 'invitation' | 'reset-password' | 'forgot-password'): string {
  const match = new RegExp(`https?://\\S+/console/${screen}\\S*`).exec(text);
  if (!match) throw new Error(`no /console/${screen} link in mail: ${text.slice(0, 300)}`);
  return match[0];
}
