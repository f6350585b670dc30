// `accord demo` gives the shipped Suricata EVE sample hits through the store-fed matcher: fewer for
// the coordination desk (GREEN only) than for CERT-FR (its AMBER range too), and the command the
// demo prints finds them.
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test/support/services.ts';
import { DEMO_EVE_PATH } from './demo-match.ts';
import { runAccord as run } from '../../../test/support/cli.ts';

beforeAll(async () => {
  process.env.DATABASE_URL = await createTestDatabase();
  expect((await run('admin', 'init')).code).toBe(0);
});

describe('matching in the demo', () => {
  it('reports hits per reader and the log gives them to the command it prints', async () => {
    const demo = await run('demo');
    expect(demo.code, demo.err).toBe(0);
    const line = demo.out.split('\n').find((l) => l.startsWith('Matching:'));
    const [, desk, fr] = /coordination desk (\d+) hits and CERT-FR (\d+)/.exec(line ?? '') ?? [];
    expect(Number(desk)).toBeGreaterThan(0);
    expect(Number(fr)).toBeGreaterThan(Number(desk));
    expect(line).toContain('1 truncated line and 1 invalid address');

    const asFr = await run(
      'intel',
      'match',
      DEMO_EVE_PATH,
      '--as',
      'julien.bernard@demo.accord.example',
      '--json',
    );
    expect(asFr.code, asFr.err).toBe(0);
    const hits = asFr.out
      .split('\n')
      .slice(0, -1)
      .map((l) => JSON.parse(l) as { observable: string; indicators: Array<{ name: string; tlp: string }> });
    expect(hits).toHaveLength(Number(fr));
    const names = new Set(hits.flatMap((h) => h.indicators.map((i) => `${i.name} ${i.tlp}`)));
    // Other capabilities' demo data may add hits of their own; these are the matcher's.
    for (const name of [
      '[Demo] Botnet C2 domain green',
      '[Demo] Botnet C2 server green',
      '[Demo] Botnet dropper green',
      '[Demo] Invoice phishing sender green',
      '[Demo] SSH brute-force range amber',
    ]) {
      expect(names).toContain(name);
    }

    const again = await run('demo');
    expect(again.out).toContain('Matching: 0 [Demo] indicators added');
  });
});
