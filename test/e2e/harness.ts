// Starts a real Accord server for browser tests: fresh database, built UI, a new administrator whose
// one-time password must be changed at first login, listening on a free loopback port.
import { existsSync, mkdirSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';
import { buildApp } from '../../src/platform/http/app.ts';
import { initialisePlatform } from '../../src/platform/identity/accounts.ts';
import { newOneTimePassword } from '../../src/platform/identity/secrets.ts';
import type { Services } from '../../src/platform/services.ts';
import type { Config } from '../../src/platform/config.ts';
import { createTestServices } from '../support/services.ts';

export type RunningAccord = {
  url: string;
  admin: { email: string; password: string };
  services: Services;
  close: () => Promise<void>;
};

export async function startAccord(options: { config?: Partial<Config> } = {}): Promise<RunningAccord> {
  const services = await createTestServices(options);
  if (!existsSync(`${services.ctx.config.webDistDir}/index.html`)) {
    throw new Error('the web UI is not built: run `npm run build` (npm test does it for you)');
  }
  const password = newOneTimePassword();
  const init = await initialisePlatform(services.ctx, { password, email: 'admin@accord.test' });
  const app = await buildApp(services);
  const address = await app.listen({ port: 0, host: '127.0.0.1' });
  return {
    url: address,
    admin: { email: init.email, password },
    services,
    close: async () => {
      await app.close();
      await services.close();
    },
  };
}

export const CHROMIUM_PATH = '/usr/bin/chromium';
export const HAS_CHROMIUM = existsSync(CHROMIUM_PATH);
if (!HAS_CHROMIUM) {
  console.warn(`\n*** BROWSER TESTS SKIPPED: ${CHROMIUM_PATH} not found (apt-get install chromium) ***\n`);
}

/** Launch flags for Debian's Chromium on a machine without network or GPU. */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Debian's Chromium, headless, and a British-English page of the given size with a default timeout. */
export async function openBrowserPage(
  viewport: { width: number; height: number } = { width: 1400, height: 1000 },
  timeoutMs = 10_000,
): Promise<{ browser: Browser; page: Page }> {
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  const page = await browser.newPage({ viewport, locale: 'en-GB' });
  page.setDefaultTimeout(timeoutMs);
  return { browser, page };
}

/**
 * A test step that saves a full-page screenshot to `test-results/failed-<prefix>-<name>.png` when it
 * fails, so a red CI run shows what the browser saw. `page` is a getter: pages are made in beforeAll.
 */
export function stepWithScreenshot(
  page: () => Page | undefined,
  prefix: string,
): (name: string, body: () => Promise<void>) => Promise<void> {
  return async (name, body) => {
    try {
      await body();
    } catch (error) {
      mkdirSync('test-results', { recursive: true });
      await page()
        ?.screenshot({ path: `test-results/failed-${prefix}-${name}.png`, fullPage: true })
        .catch(() => {});
      throw error;
    }
  };
}

/** Signs in from a fresh cookie jar at `url` (the login form shows there, then the page itself). */
export async function signIn(page: Page, url: string, email: string, password: string): Promise<void> {
  await page.context().clearCookies();
  await page.goto(url);
  await page.getByLabel('E-mail').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}
