// A team administrator pastes the team's PGP public key in Chromium: a private key is refused with
// the reason shown, the public key is saved, the page says "PGP: encrypted delivery" and lists the
// fingerprint it added. The key pair is generated here; screenshots under /tmp/cirt-pgp-shots.
import { mkdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { generateKey, readKey } from 'openpgp';
import {
  HAS_CHROMIUM,
  openBrowserPage,
  startAccord,
  type RunningAccord,
  stepWithScreenshot,
  signIn,
} from './harness.ts';
import { buildOrganisation, buildUser, TEST_PASSWORD } from '../support/factories.ts';
import { saveCirt } from '../../src/intel/cirts/directory.ts';

const SHOTS = '/tmp/cirt-pgp-shots';
let accord: RunningAccord;
let browser: Browser;
let page: Page;
let email: string;
let teamId: string;
let keys: { publicKey: string; privateKey: string; fingerprint: string };

const step = stepWithScreenshot(() => page, 'cirt-pgp');

describe.skipIf(!HAS_CHROMIUM)('PGP key of a CIRT in Chromium', () => {
  beforeAll(async () => {
    accord = await startAccord();
    const org = await buildOrganisation(accord.services, { name: 'CERT Kenya [e2e]', country: 'KE' });
    const user = await buildUser(accord.services, { organisationId: org.id, role: 'org-admin' });
    email = user.email;
    teamId = (
      await saveCirt(
        accord.services.ctx,
        { userId: user.id, isAdmin: true, via: 'cli', memberships: [] },
        {
          officialName: 'KE-CIRT [e2e]',
          country: 'KE',
          organisationId: org.id,
          countries: ['KE'],
          notifyEmail: 'incidents@ke-cirt.test',
        },
      )
    ).id;
    // Dated an hour back: the server judges the key at its own "now", which must not precede it.
    const pair = await generateKey({
      type: 'ecc',
      curve: 'curve25519Legacy',
      userIDs: [{ name: 'KE-CIRT e2e', email: 'incidents@ke-cirt.test' }],
      date: new Date(Date.now() - 3_600_000),
    });
    keys = {
      ...pair,
      fingerprint: (await readKey({ armoredKey: pair.publicKey })).getFingerprint().toUpperCase(),
    };
    ({ browser, page } = await openBrowserPage({ width: 1400, height: 1100 }));
    mkdirSync(SHOTS, { recursive: true });
  });
  afterAll(async () => {
    await browser?.close();
    await accord?.close();
  });

  it('refuses a pasted private key, saves the public key and shows encrypted delivery', () =>
    step('paste-key', async () => {
      await signIn(page, `${accord.url}/intel/cirts/${teamId}`, email, TEST_PASSWORD);
      await page.getByRole('heading', { name: 'KE-CIRT [e2e]' }).waitFor();
      expect(await page.getByTestId('pgp-delivery').innerText()).toBe('no key: e-mail sent in clear');
      await page.getByRole('link', { name: 'Edit' }).click();
      const keyField = page.getByLabel(/PGP public key/);
      await keyField.fill(keys.privateKey);
      await page.getByRole('button', { name: 'Save' }).click();
      await page.getByRole('alert').waitFor();
      expect(await page.locator('#pgp-key-error').innerText()).toMatch(
        /This is a private key: paste the public key only/,
      );
      expect(await keyField.getAttribute('aria-invalid')).toBe('true');
      await page.screenshot({ path: `${SHOTS}/refused.png`, fullPage: true });

      await keyField.fill(keys.publicKey);
      await page.getByLabel(/Without a usable key, send no e-mail/).check();
      await page.getByRole('button', { name: 'Save' }).click();
      await page.getByTestId('pgp-delivery').filter({ hasText: 'encrypted delivery' }).waitFor();
      const contacts = await page.locator('dl.facts').nth(1).innerText();
      expect(contacts).toContain(keys.fingerprint);
      await page.getByText('Public key', { exact: true }).click();
      expect(await page.locator('details pre').innerText()).toContain('BEGIN PGP PUBLIC KEY BLOCK');
      await page.screenshot({ path: `${SHOTS}/team.png`, fullPage: true });
      await page.getByRole('link', { name: '← Directory' }).click();
      const row = page.getByTestId('cirt-table').locator('tr', { hasText: 'KE-CIRT [e2e]' });
      expect(await row.innerText()).toContain('e-mail (PGP)');

      const stored = await accord.services.ctx.db.query<{ require_encryption: boolean; has_key: boolean }>(
        'SELECT require_encryption, pgp_public_key IS NOT NULL AS has_key FROM cirts WHERE id = $1',
        [teamId],
      );
      expect(stored.rows[0]).toEqual({ require_encryption: true, has_key: true });
    }));
});
