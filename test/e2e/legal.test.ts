// The legal room in Chromium: the pair checker on the five-plus-one example, the world map with its
// list, and what-if updating coverage at once.
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

let accord: RunningAccord;
let browser: Browser;
let page: Page;

const step = stepWithScreenshot(() => page, 'legal');
const choose = async (label: string, value: string) =>
  page.getByLabel(label, { exact: true }).selectOption(value);

describe.skipIf(!HAS_CHROMIUM)('legal room in Chromium', () => {
  beforeAll(async () => {
    accord = await startAccord();
    const org = await buildOrganisation(accord.services, { country: 'KE', kind: 'central-authority' });
    const user = await buildUser(accord.services, { organisationId: org.id, role: 'analyst' });
    ({ browser, page } = await openBrowserPage({ width: 1400, height: 900 }));
    await signIn(page, accord.url, user.email, TEST_PASSWORD);
    await page.getByRole('heading', { name: 'Legal basis' }).waitFor();
  });
  afterAll(async () => {
    await browser?.close();
    await accord?.close();
  });

  it('checks a pair on the five-plus-one example: no basis for the four, a basis for the treaty partner', () =>
    step('pair', async () => {
      await choose('Data', 'five-plus-one');
      await choose('Measure', 'mla');
      await expect
        .poll(() => page.getByLabel('Requesting state', { exact: true }).locator('option').count())
        .toBe(7);
      await choose('Requesting state', 'AA');
      await choose('Requested state', 'FF');
      await page.getByRole('button', { name: 'Check the legal basis' }).click();
      await expect.poll(() => page.getByTestId('basis-answer').innerText()).toContain('No legal basis');
      expect(await page.getByTestId('basis-answer').innerText()).toContain('no-common-instrument');
      await choose('Requesting state', 'EE');
      await page.getByRole('button', { name: 'Check the legal basis' }).click();
      await expect.poll(() => page.getByTestId('basis-answer').innerText()).toContain('Legal basis exists');
      expect(await page.getByTestId('basis-answer').innerText()).toContain('ee-ff-bilateral');
      mkdirSync('test-results', { recursive: true });
      await page.screenshot({ path: 'test-results/legal-pair.png', fullPage: true });
    }));

  it('draws the world map with every state in the list, and shows the isolated state', () =>
    step('map', async () => {
      await page.getByRole('link', { name: 'World map' }).click();
      await expect.poll(() => page.getByTestId('reach-table').locator('tbody tr').count()).toBe(6);
      expect(await page.getByTestId('reach-table').innerText()).toMatch(/Zetaland|FF/);
      await choose('Data', 'builtin');
      await expect.poll(() => page.getByTestId('reach-table').locator('tbody tr').count()).toBe(249);
      await expect
        .poll(() => page.locator('[data-testid=world-map] path.country').count())
        .toBeGreaterThan(200);
      await page.screenshot({ path: 'test-results/legal-map.png' });
    }));

  it('updates coverage at once when a hypothetical accession is added', () =>
    step('what-if', async () => {
      await page.getByRole('link', { name: 'What-if' }).click();
      await choose('Data', 'five-plus-one');
      await choose('Measure', 'mla');
      await expect.poll(() => page.getByTestId('whatif-result').innerText()).toContain('73.3 % → 73.3 %');
      await choose('State', 'FF');
      await choose('Instruments', 'five-state-convention');
      await page.getByRole('button', { name: 'Add accession' }).click();
      await expect.poll(() => page.getByTestId('whatif-result').innerText()).toContain('73.3 % → 100.0 %');
      await page.screenshot({ path: 'test-results/legal-what-if.png' });
    }));
});
