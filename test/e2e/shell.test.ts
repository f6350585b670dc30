// The web shell in Debian's Chromium: sign-in errors (in English and Arabic), first login with a
// one-time password, MFA enrolment and login with TOTP, Arabic with a right-to-left layout, the
// shortcut overlay, an API token that calls the API, and a session that ends under the user's feet.
import { mkdirSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { TOTP, Secret } from 'otpauth';
import { HAS_CHROMIUM, openBrowserPage, startAccord, type RunningAccord } from './harness.ts';
import { buildOrganisation, buildUser } from '../support/factories.ts';

const NEW_PASSWORD = 'a calm and long passphrase 2026';
let accord: RunningAccord;
let browser: Browser;
let page: Page;
let recoveryCodes: string[] = [];

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

const htmlDir = () => page.evaluate(() => document.documentElement.dir);
/** The language the server remembers for the signed-in user. */
const serverLanguage = () =>
  page.evaluate(async () => {
    const res = await fetch('/api/v1/auth/me');
    return ((await res.json()) as { user: { language: string } }).user.language;
  });
/** The error text tied to a field through aria-describedby. */
const describedBy = (label: string) =>
  page.getByLabel(label, { exact: true }).evaluate((input) =>
    (input.getAttribute('aria-describedby') ?? '')
      .split(' ')
      .map((id) => document.getElementById(id)?.textContent ?? '')
      .join(' '),
  );

describe.skipIf(!HAS_CHROMIUM)('web shell in Chromium', () => {
  beforeAll(async () => {
    accord = await startAccord();
    ({ browser, page } = await openBrowserPage({ width: 1280, height: 800 }));
  });
  afterAll(async () => {
    await browser?.close();
    await accord?.close();
  });

  it('checks the sign-in form per field and refuses a wrong password with a visible error', () =>
    step('wrong-password', async () => {
      await page.goto(accord.url);
      await page.getByRole('button', { name: 'Sign in' }).click();
      expect(await page.getByLabel('E-mail').getAttribute('aria-invalid')).toBe('true');
      expect(await describedBy('E-mail')).toContain('Enter your e-mail address');
      expect(await describedBy('Password')).toContain('Enter your password');
      // The first invalid field receives focus, so a screen reader reads its error.
      expect(await page.evaluate(() => document.activeElement?.getAttribute('type'))).toBe('email');

      await page.getByLabel('E-mail').fill(accord.admin.email);
      await page.getByLabel('Password').fill('not the right password');
      await page.getByRole('button', { name: 'Sign in' }).click();
      await expect
        .poll(() => page.getByRole('alert').innerText())
        .toContain('Wrong e-mail address or password');
      expect(await page.getByLabel('Password').inputValue()).toBe('');
    }));

  it('words sign-in errors in Arabic and lays the login page out right to left', () =>
    step('arabic-login', async () => {
      await page.getByLabel('Language').selectOption('ar');
      await expect.poll(htmlDir).toBe('rtl');
      await page.getByLabel('البريد الإلكتروني').fill(accord.admin.email);
      await page.getByLabel('كلمة المرور').fill('still not the right password');
      await page.getByRole('button', { name: 'تسجيل الدخول' }).click();
      await expect
        .poll(() => page.getByRole('alert').innerText())
        .toContain('البريد الإلكتروني أو كلمة المرور غير صحيحة');
      await page.getByLabel('اللغة').selectOption('en');
      await expect.poll(htmlDir).toBe('ltr');
    }));

  it('forces a new password at first login, then shows the frame with the organisation and country', () =>
    step('first-login', async () => {
      await page.getByLabel('E-mail').fill(accord.admin.email);
      await page.getByLabel('Password').fill(accord.admin.password);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.getByRole('heading', { name: 'Choose a new password' }).waitFor();
      await page.getByLabel('Current password').fill(accord.admin.password);
      await page.getByLabel('New password', { exact: true }).fill('too short');
      await page.getByLabel('New password again').fill('too short');
      await page.getByRole('button', { name: 'Save password' }).click();
      expect(await describedBy('New password')).toContain('This password is too short');
      await page.getByLabel('New password', { exact: true }).fill(NEW_PASSWORD);
      await page.getByLabel('New password again').fill(NEW_PASSWORD);
      await page.getByRole('button', { name: 'Save password' }).click();
      await page.getByRole('heading', { name: 'Legal basis' }).waitFor();
      const affiliation = await page.getByTestId('affiliation').innerText();
      expect(affiliation).toContain('Accord Coordination Centre');
      expect(affiliation).toContain('Switzerland');
      expect(affiliation).toContain('organisation administrator');
      expect(await page.title()).toContain('Legal basis');
      await shoot('frame');
    }));

  it('enrols TOTP with a QR code, shows recovery codes, and asks for a code at the next login', () =>
    step('mfa', async () => {
      await page.keyboard.press('g');
      await page.keyboard.press('a');
      await page.getByRole('heading', { name: 'Account and security' }).waitFor();
      await page.getByRole('button', { name: 'Turn on two-factor authentication' }).click();
      const secret = (await page.getByTestId('mfa-secret').innerText()).replace(/\s+/g, '');
      expect(await page.locator('.qr svg').count()).toBe(1);
      const totp = (at: number) =>
        TOTP.generate({ secret: Secret.fromBase32(secret), period: 30, timestamp: at });
      await page.getByLabel('6-digit code').fill('12345');
      await page.getByRole('button', { name: 'Turn on', exact: true }).click();
      expect(await describedBy('6-digit code')).toContain('Enter the 6 digits');
      await page.getByLabel('6-digit code').fill(totp(Date.now()));
      await page.getByRole('button', { name: 'Turn on', exact: true }).click();
      await expect.poll(() => page.getByTestId('recovery-codes').locator('li').count()).toBe(10);
      recoveryCodes = (await page.getByTestId('recovery-codes').innerText()).split(/\s+/).filter(Boolean);
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('link', { name: 'Download' }).click(),
      ]);
      expect(download.suggestedFilename()).toBe('accord-recovery-codes.txt');
      const saved = await download.path();
      expect(readFileSync(saved, 'utf8')).toContain(recoveryCodes[9] ?? 'no codes');
      await shoot('recovery-codes');
      await page.getByRole('button', { name: 'I have saved them' }).click();
      await expect.poll(() => page.getByTestId('mfa-status').innerText()).toContain('is on');

      await page.getByTestId('user-menu').click();
      await page.getByRole('button', { name: 'Sign out' }).click();
      await page.getByText('You have signed out.').waitFor();
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
      await expect.poll(htmlDir).toBe('rtl');
      expect(await page.evaluate(() => document.documentElement.lang)).toBe('ar');
      await page.getByRole('heading', { name: 'الأساس القانوني' }).waitFor();
      const nav = await page.locator('nav.rooms').boundingBox();
      const main = await page.locator('main').boundingBox();
      expect(nav && main && nav.x > main.x).toBe(true);
      await shoot('arabic');
      await expect.poll(serverLanguage).toBe('ar');
      await page.getByLabel('اللغة').first().selectOption('en');
      await expect.poll(htmlDir).toBe('ltr');
      await expect.poll(serverLanguage).toBe('en');
    }));

  it('opens the keyboard-shortcut overlay with ?, closes it with Escape and restores focus', () =>
    step('shortcuts', async () => {
      const cases = page.locator('nav.rooms').getByRole('link', { name: 'Cases' });
      await cases.focus();
      await page.keyboard.press('?');
      const dialog = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
      await dialog.waitFor();
      expect(await dialog.getByText('Go to Global Response Centre').count()).toBe(1);
      await page.keyboard.press('Tab');
      expect(await page.evaluate(() => !!document.activeElement?.closest('[role=dialog]'))).toBe(true);
      await page.keyboard.press('Escape');
      await dialog.waitFor({ state: 'detached' });
      expect(await page.evaluate(() => document.activeElement?.textContent)).toContain('Cases');
      await page.keyboard.press('g');
      await page.keyboard.press('i');
      await page.getByRole('heading', { name: 'Global Response Centre' }).waitFor();
      // The room's own navigation, not the empty state of a room without pages.
      await page
        .getByRole('navigation', { name: 'Global Response Centre' })
        .getByRole('link', { name: 'Snapshot' })
        .waitFor();
      expect(new URL(page.url()).pathname).toBe('/intel');
      // A mistyped link inside a room lands on the room, never on a blank page.
      for (const [typo, room] of [
        ['/legal/laws', '/legal'],
        ['/intel/no-such-tab', '/intel'],
      ]) {
        await page.goto(`${accord.url}${typo}`);
        await page.waitForURL((url) => url.pathname === room);
      }
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

  it('returns to the login page when the session ends, and accepts a recovery code', () =>
    step('session-ended', async () => {
      await page.context().clearCookies();
      // A client-side move to another page (what `g a` does) makes the next API call find no session.
      // Driven through the history API rather than key presses, whose focus timing varied under load.
      const moveTo = (path: string) =>
        page.evaluate((to) => {
          window.history.pushState({}, '', to);
          window.dispatchEvent(new PopStateEvent('popstate'));
        }, path);
      await moveTo('/cases');
      await page.getByRole('heading', { name: 'Cases' }).waitFor();
      await moveTo('/account');
      await page.getByText('Your session has ended').waitFor();
      await page.getByLabel('E-mail').fill(accord.admin.email);
      await page.getByLabel('Password').fill(NEW_PASSWORD);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.getByRole('button', { name: 'Use a recovery code instead' }).click();
      await page.getByLabel('Recovery code').fill((recoveryCodes[0] ?? '').toUpperCase());
      await page.getByRole('button', { name: 'Verify' }).click();
      await page.getByRole('heading', { name: 'Account and security' }).waitFor();
    }));

  it('makes a user enrol in MFA first when their organisation requires it', () =>
    step('forced-mfa', async () => {
      const org = await buildOrganisation(accord.services, {
        country: 'NG',
        kind: 'law-enforcement',
        mfaRequired: true,
      });
      const user = await buildUser(accord.services, { organisationId: org.id, role: 'analyst' });
      const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'en-GB' });
      const own = await context.newPage();
      try {
        await own.goto(accord.url);
        await own.getByLabel('E-mail').fill(user.email);
        await own.getByLabel('Password').fill(user.password);
        await own.getByRole('button', { name: 'Sign in' }).click();
        await own.getByText('Your organisation requires two-factor authentication').waitFor();
        expect(await own.locator('nav.rooms').count()).toBe(0);
        const secret = (await own.getByTestId('mfa-secret').innerText()).replace(/\s+/g, '');
        await own.getByLabel('6-digit code').fill(TOTP.generate({ secret: Secret.fromBase32(secret) }));
        await own.getByRole('button', { name: 'Turn on', exact: true }).click();
        await own.getByTestId('recovery-codes').waitFor();
        await own.getByRole('button', { name: 'I have saved them' }).click();
        await own.getByRole('heading', { name: 'Legal basis' }).waitFor();
        expect(await own.getByTestId('affiliation').innerText()).toContain('Nigeria');
      } finally {
        await context.close();
      }
    }));
});
