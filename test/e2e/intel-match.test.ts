// The match page in Chromium: a pasted log matched against what the reader may see (the GREEN C2 hit
// linked to its object, France's AMBER lead hidden from Kenya and shown to France), an uploaded
// Suricata EVE file with its malformed lines counted; screenshots under /tmp/match-shots.
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
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

const SHOTS = '/tmp/match-shots';
const LOG =
  'Dec  1 10:00:01 fw1 DROP src=203.0.113.7 dst=10.0.0.5\nDec  1 10:00:02 fw1 DROP src=198.51.100.99\nDec  1 10:00:03 fw1 ACCEPT src=192.0.2.250\n';
let accord: RunningAccord;
let browser: Browser;
let page: Page;
let seed: IntelSeed;

const step = stepWithScreenshot(() => page, 'match');

async function signIn(email: string) {
  await signInAt(page, `${accord.url}/intel/match`, email, TEST_PASSWORD);
  await page.getByRole('heading', { name: 'Match a log against known indicators' }).waitFor();
}

async function matchPasted(text: string) {
  await page.getByLabel('Paste observables or log lines').fill(text);
  await page.getByRole('button', { name: 'Match', exact: true }).click();
  await page.getByRole('status').waitFor();
}

describe.skipIf(!HAS_CHROMIUM)('match page in Chromium', () => {
  beforeAll(async () => {
    accord = await startAccord();
    seed = await seedIntel(accord.services);
    ({ browser, page } = await openBrowserPage());
    mkdirSync(SHOTS, { recursive: true });
  });
  afterAll(async () => {
    await browser?.close();
    await accord?.close();
  });

  it('matches a pasted log: the GREEN C2 hit links to its object, the AMBER lead stays hidden from Kenya', () =>
    step('paste', async () => {
      await signIn(seed.users.KE!.email);
      await matchPasted(LOG);
      const hits = page.locator('table.match-hits');
      expect(await page.getByRole('status').innerText()).toContain('3 lines, 4 observables, 1 hits');
      expect(await hits.innerText()).toContain('203.0.113.7');
      expect(await hits.innerText()).not.toContain('198.51.100.99');
      expect(await hits.locator('.tlp').first().innerText()).toBe('TLP:GREEN');
      expect(await hits.locator('tbody tr').count()).toBe(1);
      await page.screenshot({ path: `${SHOTS}/match-kenya.png`, fullPage: true });
      await hits.getByRole('link').first().click();
      await expect.poll(() => page.url()).toContain('/intel/objects/indicator--');
    }));

  it('shows France its own AMBER lead', () =>
    step('amber', async () => {
      await signIn(seed.users.FR!.email);
      await matchPasted(LOG);
      const text = await page.locator('table.match-hits').innerText();
      expect(text).toContain('198.51.100.99');
      expect(text).toContain('FR-only lead 198.51.100.99');
      expect(await page.locator('table.match-hits .tlp-amber').count()).toBe(1);
      await page.screenshot({ path: `${SHOTS}/match-france.png`, fullPage: true });
    }));

  it('matches an uploaded Suricata EVE file and counts its malformed lines', () =>
    step('upload', async () => {
      await page.getByLabel('Paste observables or log lines').fill('');
      await page
        .locator('input[name=file]')
        .setInputFiles(resolve(import.meta.dirname, '../../src/intel/matcher/fixtures/suricata-eve.jsonl'));
      await page.getByRole('button', { name: 'Match', exact: true }).click();
      await page.getByRole('status').waitFor();
      const summary = await page.getByRole('status').innerText();
      expect(summary).toContain('10 lines');
      expect(summary).toMatch(/Malformed: 1 unreadable lines, 0 overlong lines, [1-9]\d* invalid values/);
      await page.screenshot({ path: `${SHOTS}/match-upload.png`, fullPage: true });
    }));
});
