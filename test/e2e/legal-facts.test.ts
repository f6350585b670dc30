// The legal room shows where each deciding fact comes from: source link and confidence in the pair
// checker and the matrix cell detail, a distinct badge for rows inferred from a treaty obligation,
// and a country page listing that country's law rows by offence (reached from the world map).
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

let accord: RunningAccord;
let browser: Browser;
let page: Page;

const step = stepWithScreenshot(() => page, 'legal-facts');
const choose = async (label: string, value: string) =>
  page.getByLabel(label, { exact: true }).selectOption(value);

describe.skipIf(!HAS_CHROMIUM)('legal facts in Chromium', () => {
  beforeAll(async () => {
    accord = await startAccord();
    const org = await buildOrganisation(accord.services, { country: 'FR', kind: 'central-authority' });
    const user = await buildUser(accord.services, { organisationId: org.id, role: 'analyst' });
    ({ browser, page } = await openBrowserPage({ width: 1400, height: 900 }, 15_000));
    await signIn(page, accord.url, user.email, TEST_PASSWORD);
    await page.getByRole('heading', { name: 'Legal basis' }).waitFor();
  });
  afterAll(async () => {
    await browser?.close();
    await accord?.close();
  });

  it('marks rows inferred from the Budapest obligation as inferred, with source and confidence', () =>
    step('pair', async () => {
      await choose('Measure', 'mla');
      await expect
        .poll(() => page.getByLabel('Requesting state', { exact: true }).locator('option').count())
        .toBe(250);
      await choose('Requesting state', 'AD');
      await choose('Requested state', 'SM');
      await page.getByRole('button', { name: 'Check the legal basis' }).click();
      const answer = page.getByTestId('basis-answer');
      await expect.poll(() => answer.innerText()).toContain('Legal basis exists');
      // Both states' law facts are inferences: each shows the badge (once per condition that cites
      // it, under each instrument), never "statute read".
      expect(await answer.getByTestId('inferred-badge').count()).toBeGreaterThanOrEqual(2);
      expect(await answer.locator('.badge.basis-statute').count()).toBe(0);
      expect(await answer.innerText()).toContain('inferred from treaty obligation');
      expect(await answer.innerText()).toContain('medium confidence');
      const hrefs = await answer
        .getByTestId('fact-source')
        .evaluateAll((as) => as.map((a) => a.getAttribute('href')));
      expect(hrefs.length).toBeGreaterThan(0);
      expect(hrefs.every((h) => h?.startsWith('http'))).toBe(true);
      // UNTOC applies too, and says what Accord cannot check.
      expect(await answer.getByTestId('instrument-caveat').first().innerText()).toContain(
        'organized criminal group',
      );
      await page.screenshot({ path: '/tmp/legal-facts-pair-inferred.png', fullPage: true });

      // Kenya and the United States: statute and secondary rows, no inference badge for them.
      await choose('Requesting state', 'US');
      await choose('Requested state', 'PH');
      await page.getByRole('button', { name: 'Check the legal basis' }).click();
      await expect.poll(() => answer.innerText()).toContain('18 U.S.C. § 1030(a)(2)');
      expect(await answer.innerText()).toContain('statute read');
      expect(await answer.innerText()).toContain('secondary source');
      expect(await answer.getByTestId('inferred-badge').count()).toBe(0);
      await page.screenshot({ path: '/tmp/legal-facts-pair-statute.png', fullPage: true });
    }));

  it('lists a country’s law rows by offence, reached from the world map', () =>
    step('country', async () => {
      await page.getByRole('link', { name: 'World map' }).click();
      await expect.poll(() => page.getByTestId('reach-table').locator('tbody tr').count()).toBe(249);
      await page.getByTestId('reach-table').getByRole('link', { name: 'Kenya' }).click();
      await page.getByRole('heading', { name: 'National law of Kenya' }).waitFor();
      const table = page.getByTestId('law-table');
      const access = table.locator('tr[data-offence=illegal-access]');
      // The table is shown once the rows have arrived.
      await access.waitFor({ state: 'visible' });
      expect(await table.locator('tbody tr').count()).toBe(17);
      const text = await access.innerText();
      expect(text).toContain('Computer Misuse and Cybercrimes Act 2018');
      expect(text).toContain('10 years');
      expect(text).toContain('statute read');
      expect(text).toContain('high confidence');
      expect(await access.getByTestId('fact-source').getAttribute('href')).toMatch(/^https:\/\//);
      // An offence without any row says so instead of guessing.
      expect(await table.locator('tr[data-offence=grooming]').innerText()).toContain('no row: unknown');
      await page.screenshot({ path: '/tmp/legal-facts-country-ke.png', fullPage: true });

      await choose('State', 'AD');
      await page.getByRole('heading', { name: 'National law of Andorra' }).waitFor();
      await access.waitFor({ state: 'visible' });
      await expect.poll(() => table.getByTestId('inferred-badge').count()).toBe(9);
      await page.screenshot({ path: '/tmp/legal-facts-country-ad.png', fullPage: true });
    }));

  it('explains a matrix cell with the facts that decide it', () =>
    step('matrix', async () => {
      await page.getByRole('link', { name: 'Matrix' }).click();
      await choose('Measure', 'mla');
      const canvas = page.getByTestId('matrix-canvas');
      await expect.poll(async () => (await canvas.boundingBox())?.width ?? 0).toBeGreaterThan(100);
      // The first row asks a column in the middle (rows request, columns are requested; never the
      // diagonal, whatever the cell size).
      const width = (await canvas.boundingBox())?.width ?? 0;
      await canvas.click({ position: { x: Math.floor(width / 2), y: 1 } });
      const detail = page.getByTestId('cell-detail');
      await expect.poll(() => detail.innerText()).toContain('Instruments that apply');
      expect(await detail.innerText()).toMatch(/ asks /);
      expect(await detail.getByTestId('fact-source').count()).toBeGreaterThan(0);
      await page.screenshot({ path: '/tmp/legal-facts-matrix.png', fullPage: true });
    }));
  it('folds the bilateral treaties and shows what UNTOC requires beyond the rules', () =>
    step('instruments', async () => {
      await page.getByRole('link', { name: 'Instruments', exact: true }).click();
      const bilateral = page.getByTestId('bilateral-instruments');
      await expect.poll(() => bilateral.locator('summary').innerText()).toMatch(/^\d+ bilateral treaties$/);
      await page.getByRole('link', { name: /Transnational Organized Crime/ }).click();
      await expect.poll(() => page.locator('.notice').innerText()).toContain('organized criminal group');
      await page.screenshot({ path: '/tmp/legal-facts-untoc.png', fullPage: false });
    }));

  it('shows a party’s reservations and 24/7 contact point with confidence and source', () =>
    step('reservations', async () => {
      await page.getByRole('link', { name: 'Instruments', exact: true }).click();
      await page.getByRole('link', { name: /Budapest Convention/ }).click();
      const us = page.getByTestId('reservations-US');
      await expect.poll(() => us.innerText()).toContain('Reservation under art. 4(2)');
      expect(await us.innerText()).toContain('criminalised only in part');
      expect(await us.getByRole('link', { name: 'Source' }).first().getAttribute('href')).toMatch(
        /^https:\/\//,
      );
      const cz = page.getByTestId('reservations-CZ');
      expect(await cz.innerText()).toContain('only with dual criminality');
      expect(await page.getByTestId('reservations-CL').innerText()).toContain(
        '24/7 point of contact designated',
      );
      // A party without any recorded reservation shows none (unknown is not shown as "none made").
      expect(await page.getByTestId('reservations-FR').count()).toBe(0);
      await us.scrollIntoViewIfNeeded();
      await page.screenshot({ path: '/tmp/legal-facts-reservations.png', fullPage: false });
    }));
});
