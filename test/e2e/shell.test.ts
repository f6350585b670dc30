// The web shell in Debian's Chromium: first login with a one-time password, MFA enrolment and login
// with TOTP, Arabic with a right-to-left layout, the shortcut overlay, an API token that calls the API.
import { mkdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser, type Page } from 'playwright-core';
import { TOTP, Secret } from 'otpauth';
import { CHROMIUM_ARGS, CHROMIUM_PATH, HAS_CHROMIUM, startAccord, type RunningAccord } from './harness.ts';

const NEW_PASSWORD = 'a calm and long passphrase 2026';
let accord: RunningAccord;
let browser: Browser;
let page: Page;

async function shoot(name: string): Promise<void> {
  mkdirSync('test-results', { recursive: true });
  await page.screenshot({ path: `test-results/${name}.png`, fullPage: true });
}

/** Runs a step; on failure saves a screenshot named after it before failing. */
async function step(name: string, body: () => Promise<void>): Promise<void> {
  try {
    await body();
  } catch (error) {
    await shoot(`failed-${name}`).catch(() => {});
    throw error;
  }
}

describe.skipIf(!HAS_CHROMIUM)('web shell in Chromium', () => {
  beforeAll(async () => {
    accord = await startAccord();
    browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
    page = await browser.newPage({ viewport: { width: 1280, height: 800 }, locale: 'en-GB' });
    page.setDefaultTimeout(10_000);
  });
  afterAll(async () => {
    await browser?.close();
    await accord?.close();
  });

  it('refuses a wrong password with a visible error', () =>
    step('wrong-password', async () => {
      await page.goto(accord.url);
      await page.getByLabel('E-mail').fill(accord.admin.email);
      await page.getByLabel('Password').fill('not the right password');
      await page.getByRole('button', { name: 'Sign in' }).click();
      await expect.poll(() => page.getByRole('alert').innerText()).toContain('wrong e-mail or password');
    }));

  it('forces a new password at first login, then shows the frame with the organisation and country', () =>
    step('first-login', async () => {
      await page.getByLabel('Password').fill(accord.admin.password);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.getByRole('heading', { name: 'Choose a new password' }).waitFor();
      await page.getByLabel('Current password').fill(accord.admin.password);
      await page.getByLabel('New password', { exact: true }).fill(NEW_PASSWORD);
      await page.getByLabel('New password again').fill(NEW_PASSWORD);
      await page.getByRole('button', { name: 'Save password' }).click();
      await page.getByRole('heading', { name: 'Legal basis' }).waitFor();
      const affiliation = await page.getByTestId('affiliation').innerText();
      expect(affiliation).toContain('Accord Coordination Centre');
      expect(affiliation).toContain('Switzerland');
      await shoot('frame');
    }));

  it('enrols TOTP with a QR code, shows recovery codes, and asks for a code at the next login', () =>
    step('mfa', async () => {
      await page.keyboard.press('g');
      await page.keyboard.press('a');
      await page.getByRole('heading', { name: 'Account and security' }).waitFor();
      await page.getByRole('button', { name: 'Turn on two-factor authentication' }).click();
      const secret = (await page.getByTestId('mfa-secret').innerText()).trim();
      expect(await page.locator('.qr svg').count()).toBe(1);
      const totp = (at: number) =>
        TOTP.generate({ secret: Secret.fromBase32(secret), period: 30, timestamp: at });
      await page.getByLabel('6-digit code').fill(totp(Date.now()));
      await page.getByRole('button', { name: 'Turn on' }).click();
      await expect.poll(() => page.getByTestId('recovery-codes').locator('li').count()).toBe(10);
      await shoot('recovery-codes');
      await page.getByRole('button', { name: 'I have saved them' }).click();
      await expect.poll(() => page.getByTestId('mfa-status').innerText()).toContain('is on');

      await page.getByTestId('user-menu').click();
      await page.getByRole('menuitem', { name: 'Sign out' }).click();
      await page.getByLabel('E-mail').fill(accord.admin.email);
      await page.getByLabel('Password').fill(NEW_PASSWORD);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.getByLabel('Authentication code').fill('000000');
      await page.getByRole('button', { name: 'Verify' }).click();
      await expect.poll(() => page.getByRole('alert').innerText()).toContain('not valid');
      // The enrolment used the current time step; codes work once, so sign in with the next one.
      await page.getByLabel('Authentication code').fill(totp(Date.now() + 30_000));
      await page.getByRole('button', { name: 'Verify' }).click();
      // Signing in again returns to the page the user was on.
      await page.getByRole('heading', { name: 'Account and security' }).waitFor();
      await page.keyboard.press('g');
      await page.keyboard.press('l');
      await page.getByRole('heading', { name: 'Legal basis' }).waitFor();
    }));

  it('switches to Arabic and flips the layout right to left', () =>
    step('arabic', async () => {
      await page.getByLabel('Language').first().selectOption('ar');
      await expect.poll(() => page.evaluate(() => document.documentElement.dir)).toBe('rtl');
      expect(await page.evaluate(() => document.documentElement.lang)).toBe('ar');
      await page.getByRole('heading', { name: 'الأساس القانوني' }).waitFor();
      const nav = await page.locator('nav.rooms').boundingBox();
      const main = await page.locator('main').boundingBox();
      expect(nav && main && nav.x > main.x).toBe(true);
      await shoot('arabic');
      await page.getByLabel('اللغة').first().selectOption('en');
      await expect.poll(() => page.evaluate(() => document.documentElement.dir)).toBe('ltr');
    }));

  it('opens the keyboard-shortcut overlay with ? and closes it with Escape', () =>
    step('shortcuts', async () => {
      await page.locator('main').click();
      await page.keyboard.press('?');
      const dialog = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
      await dialog.waitFor();
      expect(await dialog.getByText('Go to Global Response Centre').count()).toBe(1);
      await page.keyboard.press('Escape');
      await dialog.waitFor({ state: 'detached' });
      await page.keyboard.press('g');
      await page.keyboard.press('i');
      await page.getByRole('heading', { name: 'Global Response Centre' }).waitFor();
    }));

  it('creates an API token that calls the API', () =>
    step('token', async () => {
      await page.goto(`${accord.url}/account`);
      await page.getByLabel('What is this token for?').fill('nightly feed pull');
      await page.getByRole('button', { name: 'Create token' }).click();
      const token = (await page.getByTestId('new-token').innerText()).trim();
      const res = await fetch(`${accord.url}/api/v1/organisations`, {
        headers: { authorization: `Bearer ${token}` },
      });
      expect(res.status).toBe(200);
      expect(await page.getByText('nightly feed pull').count()).toBe(1);
    }));
});
