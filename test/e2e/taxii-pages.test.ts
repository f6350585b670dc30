// The collections and feeds pages in Chromium: an organisation administrator creates a collection,
// gives a partner read rights and a default audience, then adds a TAXII feed (pulling from this very
// server with an API token), runs it, and sees its last run. Screenshots under /tmp/taxii-shots.
import { mkdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import {
  HAS_CHROMIUM,
  openBrowserPage,
  startAccord,
  type RunningAccord,
  stepWithScreenshot,
  signIn,
} from './harness.ts';
import { buildOrganisation, buildUser, TEST_PASSWORD } from '../support/factories.ts';
import { createApiToken } from '../../src/platform/identity/tokens.ts';
import { actorOf } from '../../src/platform/identity/present.ts';
import { findMemberships, findUserById } from '../../src/platform/identity/store.ts';
import { JobRunner } from '../../src/platform/jobs/runner.ts';
import { FEED_PULL_JOB } from '../../src/intel/feeds/feeds.ts';
import { createFeedPullHandler } from '../../src/intel/feeds/feed-job.ts';

const SHOTS = '/tmp/taxii-shots';
let accord: RunningAccord;
let browser: Browser;
let page: Page;
let email: string;
let token: string;
let partnerName: string;

const step = stepWithScreenshot(() => page, 'taxii');

describe.skipIf(!HAS_CHROMIUM)('TAXII collections and feeds pages in Chromium', () => {
  beforeAll(async () => {
    // The feed secret key comes from the environment so the test writes nothing into ./.accord.
    process.env.ACCORD_FEED_KEY = Buffer.alloc(32, 3).toString('base64');
    // The feed pulls from this same server on loopback, which the outbound guard refuses by default.
    accord = await startAccord({ config: { outboundAllow: ['127.0.0.1/32'] } });
    const org = await buildOrganisation(accord.services, { name: 'CERT Kenya [e2e]', country: 'KE' });
    partnerName = (await buildOrganisation(accord.services, { name: 'CERT Ghana [e2e]', country: 'GH' }))
      .name;
    const user = await buildUser(accord.services, { organisationId: org.id, role: 'org-admin' });
    email = user.email;
    const row = (await findUserById(accord.services.ctx.db, user.id))!;
    const actor = actorOf(row, await findMemberships(accord.services.ctx.db, user.id), 'session');
    token = (await createApiToken(accord.services.ctx, actor, { name: 'feed' })).token;
    ({ browser, page } = await openBrowserPage());
    mkdirSync(SHOTS, { recursive: true });
  });
  afterAll(async () => {
    await browser?.close();
    await accord?.close();
  });

  it('creates a collection and gives a partner read rights and the default audience', () =>
    step('collections', async () => {
      await signIn(page, `${accord.url}/intel/collections`, email, TEST_PASSWORD);
      await page.getByRole('heading', { name: 'TAXII collections' }).waitFor();
      const form = page.getByRole('form', { name: 'New collection' });
      await form.getByLabel('Title').fill('Botnet C2 [e2e]');
      await form.getByLabel('Default TLP').selectOption('green');
      await form.getByRole('button', { name: 'Create' }).click();
      const table = page.getByTestId('collection-table');
      await table.getByRole('link', { name: 'Botnet C2 [e2e]' }).waitFor();
      expect(await table.innerText()).toContain('TLP:GREEN');
      await page.screenshot({ path: `${SHOTS}/collections.png`, fullPage: true });
      await table.getByRole('link', { name: 'Botnet C2 [e2e]' }).click();
      await page.getByRole('heading', { name: 'Botnet C2 [e2e]' }).waitFor();
      await page.getByRole('group', { name: 'Readers' }).getByLabel(partnerName).check();
      await page.getByRole('group', { name: 'Default AMBER audience' }).getByLabel(partnerName).check();
      await page.getByRole('button', { name: 'Save rights and defaults' }).click();
      await page.getByRole('status').filter({ hasText: 'Saved' }).waitFor();
      await page.screenshot({ path: `${SHOTS}/collection-rights.png`, fullPage: true });
      const stored = await accord.services.ctx.db.query<{ readers: string[] }>(
        "SELECT reader_organisation_ids AS readers FROM taxii_collections WHERE title = 'Botnet C2 [e2e]'",
      );
      expect(stored.rows[0]?.readers).toHaveLength(1);
    }));

  it('adds a feed with a token, runs it, shows the last run and disables it', () =>
    step('feeds', async () => {
      const collection = await accord.services.ctx.db.query<{ id: string }>(
        "SELECT id FROM taxii_collections WHERE title = 'Botnet C2 [e2e]'",
      );
      await page.goto(`${accord.url}/intel/feeds`);
      await page.getByRole('heading', { name: 'TAXII feeds' }).waitFor();
      const form = page.getByRole('form', { name: 'Add a feed' });
      await form.getByLabel('Name').fill('Partner C2 [e2e]');
      // Cloud metadata is refused by the outbound guard, said at the field.
      await form.getByLabel('TAXII discovery or API root URL').fill('http://169.254.169.254/taxii2/');
      await form.getByLabel('Remote collection id').fill(collection.rows[0]!.id);
      await form.getByLabel('API token', { exact: true }).last().fill(token);
      await form.getByLabel('Every (minutes)').fill('15');
      await form.getByRole('button', { name: 'Add feed' }).click();
      expect(await page.getByTestId('feed-url-error').innerText()).toContain(
        'Accord does not connect to internal or special-purpose addresses.',
      );
      await page.screenshot({ path: `${SHOTS}/feed-refused.png`, fullPage: true });
      await form.getByLabel('TAXII discovery or API root URL').fill(`${accord.url}/taxii2/`);
      await form.getByRole('button', { name: 'Add feed' }).click();
      const table = page.getByTestId('feed-table');
      await table.getByText('Partner C2 [e2e]').waitFor();
      expect(await table.innerText()).not.toContain(token);
      await table.getByRole('button', { name: 'Run now' }).click();
      await table.getByText('Queued').waitFor();
      const runner = new JobRunner(accord.services.ctx, {
        [FEED_PULL_JOB]: createFeedPullHandler(accord.services.ctx),
      });
      while (await runner.runOnce()) {
        // drain the queued run
      }
      await page.reload();
      await page.getByTestId('feed-status').filter({ hasText: 'Succeeded' }).waitFor();
      expect(await table.innerText()).toContain('0 added');
      await table.getByRole('button', { name: 'Disable' }).click();
      await table.getByText('(disabled)').waitFor();
      await table.getByRole('button', { name: 'Enable' }).waitFor();
      await page.screenshot({ path: `${SHOTS}/feeds.png`, fullPage: true });
    }));
});
