// `accord intel route --import ID` in-process on the demo world: KE-CIRT/CC imports a blocklist with
// `accord intel import` and routes it; another organisation's analyst is refused (exit code and code
// named); giving two sources is refused with the field named.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runAccord as run, useDemoWorldDatabase } from '../support/cli.ts';

const dir = mkdtempSync(join(tmpdir(), 'accord-route-import-cli-'));
const kenya = ['--as', 'wanjiru.kamau@demo.accord.example'];

beforeAll(useDemoWorldDatabase);

describe('accord intel route --import', () => {
  it('routes what an import stored, and refuses who may not see the import', async () => {
    const file = join(dir, 'ke-feed.csv');
    // 105.112.40.9 → NG (Airtel), 41.90.8.100 → KE (Safaricom), 10.0.0.1 special-purpose (none of them
    // in the demo's own KE blocklist, whose AMBER indicator the import would otherwise match).
    writeFileSync(file, '105.112.40.9\n41.90.8.100\n10.0.0.1\n');
    const imported = await run(
      'intel',
      'import',
      file,
      '--preset',
      'ip',
      '--tlp',
      'green',
      '--json',
      ...kenya,
    );
    expect(imported.code).toBe(0);
    const importId = (JSON.parse(imported.out) as { import: { id: string; status: string } }).import.id;

    const human = await run('intel', 'route', '--import', importId, '--name', 'CLI import run', ...kenya);
    expect(human.code).toBe(0);
    expect(human.out).toMatch(/routing run .* "CLI import run"/);
    expect(human.out).toMatch(/3 value\(s\): 2 routed, 1 not routed/);
    expect(human.out).toMatch(/\[Demo\] ngCERT: 1 value\(s\), TLP:GREEN/);
    expect(human.out).toMatch(/\[Demo\] KE-CIRT\/CC: 1 value\(s\), TLP:GREEN/);

    const json = await run('intel', 'route', '--import', importId, '--json', ...kenya);
    const map = JSON.parse(json.out) as { run: { source: { kind: string; ref: string } } };
    expect(map.run.source).toEqual({ kind: 'import', ref: file });

    const refused = await run(
      'intel',
      'route',
      '--import',
      importId,
      '--as',
      'tunde.adeyemi@demo.accord.example',
    );
    expect(refused.code).not.toBe(0);
    expect(refused.err).toMatch(/no import .* that you may see/);

    const both = await run('intel', 'route', file, '--import', importId, ...kenya);
    expect(both.code).toBe(2);
    expect(both.err).toMatch(/exactly one of FILE, --objects, --collection or --import/);
  });
});
