// "Route to CIRTs" in Chromium: [Demo] KE-CIRT/CC's analyst opens a succeeded CSV import, clicks the
// button, follows the job and lands on the campaign map with the import's values routed per country;
// a reader of the same organisation sees the import but no button.
import { mkdirSync, writeFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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
import { runDemo } from '../../src/platform/cli/demo.ts';
import { JobRunner } from '../../src/platform/jobs/runner.ts';
import { actorOf } from '../../src/platform/identity/present.ts';
import { findMemberships, findUserByEmail } from '../../src/platform/identity/store.ts';
import { registerImport } from '../../src/intel/ingest/imports.ts';
import { runImportNow } from '../../src/intel/ingest/run-import-now.ts';
import { buildUser } from '../support/factories.ts';

const SHOTS = '/tmp/routing-import-shots';
const KENYA = 'wanjiru.kamau@demo.accord.example';
let accord: RunningAccord;
let browser: Browser;
let page: Page;
let password: string;
let importId: string;
let keOrganisationId: string;

const step = stepWithScreenshot(() => page, 'routing-import');

describe.skipIf(!HAS_CHROMIUM)('routing an import from its page in Chromium', () => {
  beforeAll(async () => {
    accord = await startAccord();
    password = (await runDemo(accord.services)).password;
    const ctx = accord.services.ctx;
    const user = await findUserByEmail(ctx.db, KENYA);
    const actor = actorOf(user!, await findMemberships(ctx.db, user!.id), 'session');
    keOrganisationId = actor.memberships[0]!.organisationId;
    // A labelled [Demo]-style feed of public addresses in Kenya, Nigeria and Japan, plus a
    // documentation address that is never routed.
    const text =
      '# [Demo] e2e botnet feed\n41.90.12.34\n105.160.3.4\n105.112.40.9\n126.10.20.30\n192.0.2.44\n';
    const path = join(tmpdir(), `route-import-e2e-${randomUUID()}.csv`);
    writeFileSync(path, text);
    const view = await registerImport(
      ctx,
      actor,
      { id: randomUUID(), path, bytes: Buffer.byteLength(text) },
      {
        organisationId: keOrganisationId,
        fileName: '[Demo] e2e-botnet-feed.csv',
        format: 'csv',
        preset: 'ip',
        tlp: 'green',
      },
    );
    await runImportNow(ctx, view);
    importId = view.id;
    ({ browser, page } = await openBrowserPage());
    mkdirSync(SHOTS, { recursive: true });
  });
  afterAll(async () => {
    await browser?.close();
    await accord?.close();
  });

  it('routes the import from its page and lands on the campaign map', () =>
    step('route', async () => {
      const runner = new JobRunner(accord.services.ctx, accord.services.jobHandlers, { pollMs: 200 });
      runner.start();
      try {
        await signIn(page, `${accord.url}/intel/import/${importId}`, KENYA, password);
        await page.getByRole('heading', { name: '[Demo] e2e-botnet-feed.csv' }).waitFor();
        await page.screenshot({ path: `${SHOTS}/import.png`, fullPage: true });
        await page.getByRole('button', { name: 'Route to CIRTs' }).click();
        await page.waitForURL(/\/intel\/routing\/[0-9a-f-]{36}$/, { timeout: 30_000 });
        await page.getByTestId('run-figures').waitFor();
        const figures = await page.getByTestId('run-figures').innerText();
        expect(figures).toMatch(/5\s+values/);
        expect(figures).toMatch(/4\s+routed/);
        const teams = await page.getByTestId('team-notifications').innerText();
        expect(teams).toContain('[Demo] KE-CIRT/CC');
        expect(teams).toContain('[Demo] ngCERT');
        expect(teams).toContain('[Demo] JPCERT/CC');
        const countries = await page.getByTestId('country-figures').innerText();
        expect(countries).toMatch(/Kenya\s+2\s+2/);
        await expect
          .poll(() => page.locator('[data-testid=world-map] path.country').count())
          .toBeGreaterThan(200);
        await page.screenshot({ path: `${SHOTS}/map.png`, fullPage: true });
      } finally {
        await runner.stop();
      }
    }));

  it("shows the demo's routed KE-CIRT/CC blocklist import on its campaign map, labelled [Demo]", () =>
    step('demo-run', async () => {
      await signIn(page, `${accord.url}/intel/routing`, KENYA, password);
      await page.getByRole('link', { name: '[Demo] KE-CIRT/CC C2 blocklist import: routing' }).click();
      await page.getByTestId('run-figures').waitFor();
      const figures = await page.getByTestId('run-figures').innerText();
      expect(figures).toMatch(/8\s+values/);
      expect(figures).toMatch(/4\s+routed/);
      expect(figures).toMatch(/4\s+not routed/);
      expect(await page.getByTestId('team-notifications').innerText()).toContain('[Demo] ngCERT');
      await page.screenshot({ path: `${SHOTS}/demo-run.png`, fullPage: true });
    }));

  it('shows a reader of the organisation the import without the button', () =>
    step('reader', async () => {
      const reader = await buildUser(accord.services, { organisationId: keOrganisationId, role: 'reader' });
      await signIn(page, `${accord.url}/intel/import/${importId}`, reader.email, reader.password);
      await page.getByRole('heading', { name: '[Demo] e2e-botnet-feed.csv' }).waitFor();
      await page.getByTestId('import-status').waitFor();
      expect(await page.getByRole('button', { name: 'Route to CIRTs' }).count()).toBe(0);
    }));
});
