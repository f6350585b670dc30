// The intel room in Chromium: the global snapshot (shared values, map, timeline, offences), search to
// an object page with its relationships and correlations, TLP hiding an AMBER object from another
// country, and an import with live progress and the rejection report.
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
import { TEST_PASSWORD } from '../support/factories.ts';
import { seedIntel, type IntelSeed } from './intel-seed.ts';
import { JobRunner } from '../../src/platform/jobs/runner.ts';

let accord: RunningAccord;
let browser: Browser;
let page: Page;
let seed: IntelSeed;
let runner: JobRunner;

const step = stepWithScreenshot(() => page, 'intel');

async function signIn(email: string) {
  await signInAt(page, `${accord.url}/intel`, email, TEST_PASSWORD);
  await page.getByRole('heading', { name: 'Global Response Centre' }).waitFor();
}

describe.skipIf(!HAS_CHROMIUM)('intel room in Chromium', () => {
  beforeAll(async () => {
    accord = await startAccord();
    seed = await seedIntel(accord.services);
    // The import job runs as it would under `accord serve`, so the page sees it progress live.
    runner = new JobRunner(accord.services.ctx, accord.services.jobHandlers);
    runner.start();
    ({ browser, page } = await openBrowserPage());
    await signIn(seed.users.KE!.email);
  });
  afterAll(async () => {
    await runner?.stop();
    await browser?.close();
    await accord?.close();
  });

  it('shows the global snapshot: the C2 five countries report first, the map, the timeline, offences', () =>
    step('snapshot', async () => {
      const shared = page.getByTestId('shared-values');
      await expect.poll(() => shared.locator('tbody tr').first().innerText()).toContain('203.0.113.7');
      // Five producers plus the countries where it was seen (DE, IN, US): eight countries.
      expect(await shared.locator('tbody tr').first().locator('td').first().innerText()).toBe('8');
      await expect
        .poll(() => page.locator('[data-testid=world-map] path.country').count())
        .toBeGreaterThan(200);
      expect(await page.getByTestId('country-list').innerText()).toContain('Germany');
      await page.getByTestId('country-list').getByRole('link', { name: 'Germany' }).click();
      await expect.poll(() => page.getByTestId('country-list').locator('li').count()).toBe(1);
      expect(page.url()).toContain('country=DE');
      await page.goBack();
      await expect.poll(() => page.getByTestId('country-list').locator('li').count()).toBe(4);
      expect(await page.getByTestId('timeline').locator('rect.bar.new').count()).toBeGreaterThan(25);
      expect(await page.getByTestId('rising').innerText()).toContain('203.0.113.7');
      expect(await page.getByTestId('offences').innerText()).toContain('System interference');
      mkdirSync('/tmp/intel-shots', { recursive: true });
      await page.screenshot({ path: '/tmp/intel-shots/snapshot.png', fullPage: true });
      // The 3 a.m. view: the same page in the dark scheme, and in Arabic (right to left).
      await page.emulateMedia({ colorScheme: 'dark' });
      await page.screenshot({ path: '/tmp/intel-shots/snapshot-dark.png', fullPage: true });
      await page.emulateMedia({ colorScheme: 'light' });
      await page.getByLabel('Language').first().selectOption('ar');
      await expect.poll(() => page.locator('html').getAttribute('dir')).toBe('rtl');
      await page.getByTestId('shared-values').waitFor();
      await page.screenshot({ path: '/tmp/intel-shots/snapshot-ar.png', fullPage: true });
      await page.getByLabel('اللغة').first().selectOption('en');
      await expect.poll(() => page.locator('html').getAttribute('dir')).toBe('ltr');
    }));

  it('filters the snapshot on the server: CLEAR only keeps the CLEAR scanners', () =>
    step('snapshot-filter', async () => {
      const filters = page.getByRole('form', { name: 'Snapshot filters' });
      await filters.locator('select[name=minCountries]').selectOption('1');
      await expect.poll(() => page.url()).toContain('minCountries=1');
      await filters.locator('select[name=tlp]').selectOption('clear');
      await expect.poll(() => page.url()).toContain('tlp=clear');
      await expect.poll(() => page.getByTestId('shared-values').innerText()).not.toContain('203.0.113.7');
      expect(await page.getByTestId('shared-values').innerText()).toContain('192.0.2.10');
      // A period ending long before the data: nothing, and the period says which.
      await page.goto(`${accord.url}/intel?ending=2026-01-01&minCountries=1`);
      await page.getByText('No value was reported by 1 or more countries in this period.').waitFor();
      expect(await page.getByTestId('kpis').innerText()).toContain('2025-12-03 → 2026-01-01');
      await page.goto(`${accord.url}/intel`);
    }));

  it('searches by value, opens the object page with its relationships, correlations and raw JSON', () =>
    step('search-object', async () => {
      await page.getByRole('link', { name: 'Search', exact: true }).click();
      await page.getByLabel('Exact value').fill('203.0.113.7');
      await page.getByRole('button', { name: 'Search', exact: true }).click();
      await expect.poll(() => page.locator('.intel-table tbody tr').count()).toBe(5);
      mkdirSync('/tmp/intel-shots', { recursive: true });
      await page.screenshot({ path: '/tmp/intel-shots/search.png' });
      await page.getByRole('link', { name: 'Emotet C2 203.0.113.7 (FR)' }).click();
      await page.getByRole('heading', { name: 'Emotet C2 203.0.113.7 (FR)' }).waitFor();
      expect(await page.locator('.object-fields').innerText()).toContain("[ipv4-addr:value = '203.0.113.7']");
      expect(await page.getByTestId('correlations').locator('tbody tr').count()).toBe(4);
      expect(await page.locator('#rel-title').locator('..').innerText()).toContain('Emotet');
      // 56 sighting reports from four countries, one line per country.
      expect(await page.getByTestId('sightings').locator('tbody tr').count()).toBe(4);
      mkdirSync('/tmp/intel-shots', { recursive: true });
      await page.screenshot({ path: '/tmp/intel-shots/object.png', fullPage: true });
      await page.getByRole('button', { name: 'Raw JSON' }).click();
      expect(await page.getByTestId('raw-json').innerText()).toContain('"spec_version": "2.1"');
      await page.getByRole('link', { name: 'Emotet', exact: true }).click();
      await page.getByRole('heading', { name: 'Emotet', exact: true }).waitFor();
    }));

  it('hides an AMBER object from another country: not in search, not by its address', () =>
    step('tlp', async () => {
      await page.goto(`${accord.url}/intel/search?q=FR-only`);
      await expect.poll(() => page.locator('.intel-search').innerText()).toContain('No object you may see');
      await page.goto(`${accord.url}/intel/objects/${seed.secretIndicator}`);
      await page.getByRole('alert').waitFor();
      await signIn(seed.users.FR!.email);
      await page.goto(`${accord.url}/intel/objects/${seed.secretIndicator}`);
      await page.getByRole('heading', { name: 'FR-only lead 198.51.100.99' }).waitFor();
      expect(await page.locator('.tlp').first().innerText()).toBe('TLP:AMBER');
    }));

  it('imports a feed: live progress, then the counts and the rejection report, paged', () =>
    step('import', async () => {
      // 3,000 addresses and 60 lines that are not addresses, in a plain list.
      const lines: string[] = ['# [e2e] scanner feed'];
      for (let i = 0; i < 3000; i += 1) {
        lines.push(`198.18.${i >> 8}.${i & 255}`);
        if (i % 50 === 0) {
          lines.push(`not-an-address-${i}`);
        }
      }
      await page.goto(`${accord.url}/intel/import`);
      await page.locator('input[type=file]').setInputFiles({
        name: 'scanners.txt',
        mimeType: 'text/plain',
        buffer: Buffer.from(lines.join('\n')),
      });
      const form = page.getByRole('form', { name: 'Import a file' });
      expect(await form.locator('select[name=format]').inputValue()).toBe('csv');
      await form.locator('select[name=preset]').selectOption('ip');
      await form.locator('select[name=tlp]').selectOption('green');
      // No runner at first: the page must show the queued job, then follow it live once a runner takes it.
      await runner.stop();
      await page.getByRole('button', { name: 'Import', exact: true }).click();
      await page.getByRole('heading', { name: 'scanners.txt' }).waitFor();
      expect(await page.getByTestId('import-status').innerText()).toBe('Queued');
      expect(await page.getByRole('progressbar').getAttribute('aria-valuenow')).toBe('0');
      runner = new JobRunner(accord.services.ctx, accord.services.jobHandlers);
      runner.start();
      await expect
        .poll(() => page.getByTestId('import-status').innerText(), { timeout: 60_000 })
        .toBe('Done');
      expect(await page.getByRole('progressbar').getAttribute('aria-valuenow')).toBe('100');
      const counts = await page.getByTestId('import-counts').innerText();
      expect(counts).toMatch(/Added\s+3,000/i);
      expect(counts).toMatch(/Rejected\s+60/i);
      const rejections = page.getByTestId('rejections');
      await expect.poll(() => rejections.locator('tbody tr').count()).toBe(50);
      await page.getByRole('button', { name: 'Load more' }).click();
      await expect.poll(() => rejections.locator('tbody tr').count()).toBe(60);
      expect(await rejections.innerText()).toContain('not-an-address');
      mkdirSync('/tmp/intel-shots', { recursive: true });
      await page.screenshot({ path: '/tmp/intel-shots/import.png', fullPage: true });
      await page.getByRole('link', { name: 'All imports' }).click();
      expect(await page.getByTestId('imports').innerText()).toContain('scanners.txt');
    }));
});
