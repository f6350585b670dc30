// The matching part of `accord demo`: labelled [Demo] indicators (documentation ranges, .example
// domains) from [Demo] CERT.br under TLP:GREEN and one [Demo] CERT-FR range under TLP:AMBER, then
// the shipped Suricata EVE sample matched as the coordination desk and as CERT-FR, to show the
// same log giving each reader what TLP lets them see.
import { createReadStream } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Ctx } from '../../platform/context.ts';
import type { Actor } from '../../platform/access/policy.ts';
import type { Tlp } from '../../platform/access/tlp-policy.ts';
import { actorOf } from '../../platform/identity/present.ts';
import { findMemberships, findUserByEmail } from '../../platform/identity/store.ts';
import { ingestStixObjects } from '../ingest/ingest-batch.ts';
import { startMatcherService } from './matcher-service.ts';
import { matchLog } from './match-run.ts';

export const DEMO_EVE_PATH = fileURLToPath(new URL('../demo-data/suricata-eve-demo.jsonl', import.meta.url));
const STAMP = '2026-11-25T08:00:00.000Z';

const indicator = (n: number, name: string, pattern: string) => ({
  type: 'indicator',
  spec_version: '2.1',
  id: `indicator--6d617463-6800-4000-8000-${String(n).padStart(12, '0')}`,
  created: STAMP,
  modified: STAMP,
  name: `[Demo] ${name}`,
  indicator_types: ['malicious-activity'],
  pattern,
  pattern_type: 'stix',
  valid_from: STAMP,
  labels: ['demo'],
});

const FROM_BR = [
  indicator(1, 'Botnet C2 server', "[ipv4-addr:value = '203.0.113.66']"),
  indicator(2, 'Botnet C2 domain', "[domain-name:value = 'c2-botnet-demo.example']"),
  indicator(
    3,
    'Botnet dropper',
    "[file:hashes.'SHA-256' = '7c3f1a0e5b9d2c4e6f8a1b3d5c7e9f0a2b4c6d8e0f1a3b5c7d9e1f2a4b6c8d0e']",
  ),
  indicator(4, 'Invoice phishing sender', "[email-addr:value = 'billing@invoice-demo.example']"),
  indicator(
    5,
    'Beaconing (needs a time window: listed as not matchable)',
    "[ipv4-addr:value = '203.0.113.70'] REPEATS 5 TIMES WITHIN 60 SECONDS",
  ),
];
const FROM_FR = [indicator(6, 'SSH brute-force range', "[ipv4-addr:value = '198.51.100.128/25']")];

async function demoActor(ctx: Ctx, email: string): Promise<Actor | undefined> {
  const user = await findUserByEmail(ctx.db, email);
  return user ? actorOf(user, await findMemberships(ctx.db, user.id), 'cli') : undefined;
}

async function share(ctx: Ctx, actor: Actor, objects: unknown[], tlp: Tlp): Promise<number> {
  const result = await ingestStixObjects(ctx, actor, objects, {
    producerOrganisationId: actor.memberships[0]!.organisationId,
    authorUserId: actor.userId,
    defaultTlp: tlp,
    source: { kind: 'demo', ref: 'demo matcher indicators' },
  });
  return result.counts.added;
}

export async function loadMatchDemo(ctx: Ctx): Promise<string[]> {
  const [br, fr, desk] = await Promise.all(
    ['ana.souza', 'julien.bernard', 'coordinator.analyst'].map((p) =>
      demoActor(ctx, `${p}@demo.accord.example`),
    ),
  );
  if (!br?.memberships[0] || !fr?.memberships[0] || !desk) {
    return [];
  }
  const added = (await share(ctx, br, FROM_BR, 'green')) + (await share(ctx, fr, FROM_FR, 'amber'));
  const service = await startMatcherService(ctx, { follow: false });
  try {
    const hitsFor = async (actor: Actor) => {
      const run = matchLog(ctx, service, actor, createReadStream(DEMO_EVE_PATH));
      for await (const _hit of run.hits) {
        // counted in the summary
      }
      return run.summary;
    };
    const deskRun = await hitsFor(desk);
    const frRun = await hitsFor(fr);
    return [
      `Matching: ${added} [Demo] indicators added (TLP:GREEN from CERT.br, TLP:AMBER from CERT-FR). The demo Suricata EVE log gives the coordination desk ${deskRun.hits} hits and CERT-FR ${frRun.hits} (its AMBER range too); ${deskRun.malformed.unreadable} truncated line and ${deskRun.malformed.invalidValues} invalid address counted, not fatal. Try:`,
      `  accord intel match src/intel/demo-data/suricata-eve-demo.jsonl --as julien.bernard@demo.accord.example`,
    ];
  } finally {
    await service.close();
  }
}
