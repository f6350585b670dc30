// `accord intel route` and `accord intel notifications …` in-process on the demo world: a routing run
// from a file with its summary, the receiving team's inbox, acknowledgement and CSV export, and bad
// input refused with exit code 2 and the field named.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runAccord as run, useDemoWorldDatabase } from '../support/cli.ts';

const dir = mkdtempSync(join(tmpdir(), 'accord-route-'));
const ngcert = ['--as', 'tunde.adeyemi@demo.accord.example'];

beforeAll(useDemoWorldDatabase);

describe('accord intel route and notifications', () => {
  it('routes a file and prints the summary per country and per team with the attribution', async () => {
    const file = join(dir, 'feed.txt');
    writeFileSync(file, '# test feed\n105.112.40.9\n126.200.4.5\n10.0.0.1\n');
    const human = await run(
      'intel',
      'route',
      file,
      '--tlp',
      'green',
      '--name',
      'CLI test run',
      '--as',
      'coordinator.analyst@demo.accord.example',
    );
    expect(human.code).toBe(0);
    expect(human.out).toMatch(/3 value\(s\): 2 routed, 1 not routed/);
    expect(human.out).toMatch(/\[Demo\] ngCERT: 1 value\(s\), TLP:GREEN, inbox-only/);
    expect(human.out).toMatch(/\[Demo\] JPCERT\/CC: 1 value\(s\)/);
    expect(human.out).toContain('IP to ASN Lite database by DB-IP');

    const json = await run(
      'intel',
      'route',
      file,
      '--json',
      '--as',
      'coordinator.analyst@demo.accord.example',
    );
    const map = JSON.parse(json.out) as {
      run: { counts: Record<string, number> };
      countries: { country: string; values: number }[];
    };
    expect(map.run.counts).toMatchObject({ values: 3, routed: 2, notRouted: 1, notifications: 2 });
    expect(map.countries.map((c) => c.country).sort()).toEqual(['JP', 'NG']);
  });

  it("shows ngCERT's inbox, acknowledges and exports a notification", async () => {
    const list = await run('intel', 'notifications', 'list', '--unacknowledged', '--json', ...ngcert);
    const notifications = (
      JSON.parse(list.out) as { notifications: { id: string; tlp: string; cirt: { name: string } }[] }
    ).notifications;
    // The two runs above, the demo's botnet feed, and the demo's routed KE-CIRT/CC blocklist import.
    expect(notifications.length).toBe(4);
    expect(new Set(notifications.map((n) => n.cirt.name))).toEqual(new Set(['[Demo] ngCERT']));
    const id = notifications[0]!.id;
    const shown = await run('intel', 'notifications', 'show', id, ...ngcert);
    expect(shown.out).toMatch(/105\.112\.40\.9\s+NG\s+AS36873\s+country NG/);
    const ack = await run('intel', 'notifications', 'ack', id, ...ngcert);
    expect(ack.out).toMatch(/acknowledged$/);
    const out = join(dir, 'n.csv');
    expect((await run('intel', 'notifications', 'export', id, '--out', out, ...ngcert)).code).toBe(0);
    // The newest is the JSON run's, at the default TLP:AMBER of a file.
    expect(notifications[0]?.tlp).toBe('amber');
    expect(readFileSync(out, 'utf8').split('\r\n')[0]).toBe('# TLP:AMBER');
    const foreign = await run('intel', 'notifications', 'show', id, '--as', 'ana.souza@demo.accord.example');
    expect(foreign.code).toBe(4);
  });

  it('refuses a run without a source, with two sources, or with malformed ids', async () => {
    const none = await run('intel', 'route');
    expect(none.code).toBe(2);
    expect(none.err).toMatch(/source: missing/);
    expect((await run('intel', 'route', 'x.txt', '--objects', 'indicator--1')).code).toBe(2);
    const bad = await run('intel', 'route', '--objects', 'not-an-id');
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/source\.ids\.0: must be a STIX identifier/);
  });
});
