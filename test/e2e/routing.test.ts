// Routing in Chromium on the demo world: the coordinator's campaign map (world map, per-country and
// per-team figures, attribution), a new campaign from a pasted list, a CIRT's inbox with acknowledge,
// a team kept out of the coordinator's map, and the CIRT directory (search, team page, edit).
import { mkdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import {
  HAS_CHROMIUM,
  openBrowserPage,
  startAccord,
  type RunningAccord,
  stepWithScreenshot,
  signIn as signInAt,
} from './harness.ts';
import { runDemo } from '../../src/platform/cli/demo.ts';
import { JobRunner } from '../../src/platform/jobs/runner.ts';

const SHOTS = '/tmp/routing-shots';
let accord: RunningAccord;
let browser: Browser;
let page: Page;
let password: string;
let demoRunUrl: string;

const step = stepWithScreenshot(() => page, 'routing');

async function signIn(user: string) {
  await signInAt(page, `${accord.url}/intel`, `${user}@demo.accord.example`, password);
  await page.getByRole('heading', { name: 'Global Response Centre' }).waitFor();
}

describe.skipIf(!HAS_CHROMIUM)('routing, inbox and CIRT directory in Chromium', () => {
  beforeAll(async () => {
    accord = await startAccord();
    password = (await runDemo(accord.services)).password;
    ({ browser, page } = await openBrowserPage());
    mkdirSync(SHOTS, { recursive: true });
  });
  afterAll(async () => {
    await browser?.close();
    await accord?.close();
  });

  it('shows the coordinator the demo campaign on the map with its figures and the data attribution', () =>
    step('map', async () => {
      await signIn('coordinator.analyst');
      await page.getByRole('link', { name: 'Routing', exact: true }).click();
      await page.getByRole('link', { name: /\[Demo\] Botnet feed/ }).click();
      demoRunUrl = page.url();
      await expect
        .poll(() => page.locator('[data-testid=world-map] path.country').count())
        .toBeGreaterThan(200);
      await expect
        .poll(() => page.locator('path.country[data-code=FR]').getAttribute('fill'))
        .toBe('#2e8b57');
      expect(await page.locator('path.country[data-code=NG]').getAttribute('fill')).toBe('#3b7dd8');
      const countries = await page.getByTestId('country-figures').innerText();
      expect(countries).toMatch(/France\s+3\s+3\s+3\s+0/);
      expect(countries).toMatch(/United States\s+1\s+0\s+0\s+0/);
      const teams = await page.getByTestId('team-notifications').innerText();
      expect(teams).toContain('[Demo] ngCERT');
      expect(teams).toContain('inbox only');
      const figures = await page.getByTestId('run-figures').innerText();
      expect(figures).toMatch(/18\s+values/);
      expect(figures).toMatch(/2\s+not routed/);
      const attribution = page.getByTestId('routing-attribution');
      expect(await attribution.innerText()).toContain('CC BY 4.0');
      expect(
        await attribution.getByRole('link', { name: 'IP Geolocation by DB-IP' }).getAttribute('href'),
      ).toBe('https://db-ip.com');
      await page.screenshot({ path: `${SHOTS}/map.png`, fullPage: true });
    }));

  it('routes a pasted list: the special-purpose address is dropped, the Nigerian one notified', () =>
    step('new-run', async () => {
      await page.getByRole('link', { name: '← Campaigns' }).click();
      const form = page.getByRole('form', { name: 'Route indicators' });
      await page.getByTestId('runs-table').locator('tbody tr').first().waitFor();
      await page.screenshot({ path: `${SHOTS}/runs.png`, fullPage: true });
      await form.getByLabel('Campaign name').fill('Browser test campaign');
      await form.locator('select[name=tlp]').selectOption('green');
      await form.locator('textarea[name=values]').fill('41.203.64.17\n10.0.0.1\nnot an address\n');
      await form.getByRole('button', { name: 'Route and notify' }).click();
      await page.getByRole('heading', { name: 'Browser test campaign' }).waitFor();
      const figures = await page.getByTestId('run-figures').innerText();
      expect(figures).toMatch(/2\s+values/);
      expect(figures).toMatch(/1\s+routed/);
      expect(await page.getByTestId('team-notifications').innerText()).toContain('[Demo] ngCERT');
    }));

  it('routes a long list as a job, showing its progress, then opens the campaign', () =>
    step('long-list', async () => {
      const runner = new JobRunner(accord.services.ctx, accord.services.jobHandlers, { pollMs: 200 });
      runner.start();
      try {
        await page.getByRole('link', { name: '← Campaigns' }).click();
        const form = page.getByRole('form', { name: 'Route indicators' });
        await form.getByLabel('Campaign name').fill('Long list campaign');
        // 2,100 addresses of one Kenyan ISP block: more than the UI sends in one request.
        const list = Array.from(
          { length: 2100 },
          (_, i) => `41.90.${Math.floor(i / 250)}.${(i % 250) + 1}`,
        ).join('\n');
        await form
          .getByLabel('Or load a file')
          .setInputFiles({ name: 'long-feed.txt', mimeType: 'text/plain', buffer: Buffer.from(list) });
        await expect.poll(() => form.locator('textarea[name=values]').inputValue()).toContain('41.90.8.100');
        await form.getByRole('button', { name: 'Route and notify' }).click();
        await page.getByRole('heading', { name: 'Long list campaign' }).waitFor({ timeout: 60_000 });
        expect(await page.getByTestId('run-figures').innerText()).toMatch(/2100\s+values/);
        expect(await page.getByTestId('team-notifications').innerText()).toContain('[Demo] KE-CIRT/CC');
      } finally {
        await runner.stop();
      }
    }));

  it("shows ngCERT its inbox, lets it acknowledge, and keeps the coordinator's map from it", () =>
    step('inbox', async () => {
      await signIn('tunde.adeyemi');
      await page.getByRole('link', { name: 'Inbox', exact: true }).click();
      const table = page.getByTestId('inbox-table');
      // The botnet feed's notification and the one from KE-CIRT/CC's routed blocklist import.
      await expect.poll(() => table.locator('tbody tr').count()).toBe(3);
      expect(await table.innerText()).not.toContain('CERT-FR');
      await table.getByRole('link', { name: '[Demo] ngCERT' }).first().click();
      const items = await page.getByTestId('notification-items').innerText();
      expect(items).toContain('41.203.64.17');
      expect(items).toContain('AS37148');
      expect(
        await page.getByRole('link', { name: 'Export the addresses (CSV)' }).getAttribute('href'),
      ).toMatch(/\/export\.csv$/);
      await page.getByRole('button', { name: 'Acknowledge' }).click();
      await expect.poll(() => page.getByTestId('ack-state').innerText()).toMatch(/^acknowledged/);
      await page.screenshot({ path: `${SHOTS}/inbox.png`, fullPage: true });
      await page.goto(demoRunUrl);
      await expect.poll(() => page.getByRole('alert').innerText()).toMatch(/routing run/i);
    }));

  it('searches the CIRT directory and lets the team administrator edit its own team', () =>
    step('directory', async () => {
      await signIn('amaka.okafor');
      await page.getByRole('link', { name: 'CIRT directory', exact: true }).click();
      await page.getByLabel('Search').fill('AS64497');
      const table = page.getByTestId('cirt-table');
      await expect.poll(() => table.locator('tbody tr').count()).toBe(1);
      await table.getByRole('link', { name: '[Demo] ngCERT' }).click();
      expect(await page.getByTestId('constituency').innerText()).toContain('*.ng');
      await page.getByRole('link', { name: 'Edit' }).click();
      await page.getByLabel('Business hours').fill('Mon-Fri 08:00-17:00');
      await page.screenshot({ path: `${SHOTS}/cirt-edit.png`, fullPage: true });
      await page.getByLabel('Time zone').fill('Africa/Lagos');
      await page.getByRole('button', { name: 'Save' }).click();
      await expect
        .poll(() => page.locator('dl.facts').nth(1).innerText())
        .toContain('Mon-Fri 08:00-17:00 (Africa/Lagos)');
      await page.screenshot({ path: `${SHOTS}/cirt.png`, fullPage: true });
      await page.getByRole('link', { name: '← Directory' }).click();
      await page.getByTestId('cirt-table').getByRole('link', { name: '[Demo] CERT-FR' }).click();
      await page.getByRole('heading', { name: '[Demo] CERT-FR' }).waitFor();
      expect(await page.getByRole('link', { name: 'Edit' }).count()).toBe(0);
      await page.goto(`${accord.url}/intel/cirts`);
      await page.getByTestId('cirt-table').locator('tbody tr').first().waitFor();
      await page.screenshot({ path: `${SHOTS}/directory.png`, fullPage: true });
    }));

  it('lays the campaign map out right to left in Arabic', () =>
    step('arabic', async () => {
      await signIn('coordinator.analyst');
      await page.evaluate(() => localStorage.setItem('accord.language', 'ar'));
      await page.goto(demoRunUrl);
      await page.getByRole('heading', { name: 'دول الحملة' }).waitFor();
      expect(await page.evaluate(() => document.documentElement.dir)).toBe('rtl');
      expect(await page.getByTestId('run-figures').innerText()).toContain('غير موجَّهة');
      await page.screenshot({ path: `${SHOTS}/map-ar.png`, fullPage: true });
      await page.evaluate(() => localStorage.removeItem('accord.language'));
    }));
});
