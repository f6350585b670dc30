// The intel part of `accord demo`: directory entries for the demo CIRTs (linked to their Accord
// organisations, constituencies from documentation and benchmarking ranges) and a shared collection.
import { generateKey } from 'openpgp';
import type { Ctx } from '../platform/context.ts';
import { inTransaction } from '../platform/db/pool.ts';
import { upsertCirt } from './cirts/cirt-store.ts';
import { cirtInput } from './cirts/schemas.ts';
import { checkTeamKey } from './cirts/team-key.ts';
import { parseInput } from '../platform/errors/parse-input.ts';
import { loadSnapshotDemo } from './demo-snapshot.ts';

type DemoTeam = {
  organisation: string;
  ranges: string[];
  asns: number[];
  domains: string[];
  available24x7: boolean;
  email: string;
  /** Gets a PGP key made at demo time: its notification e-mail goes encrypted. */
  pgp?: true;
  /** Withholds e-mail while it has no key (the inbox is the delivery). */
  requireEncryption?: true;
};

/**
 * A key pair made for this demo run; only the public half is kept (nobody can read the demo mail,
 * which is the point: no private key is ever committed or stored). Labelled in its user id.
 */
async function demoPublicKey(team: DemoTeam, now: Date): Promise<string> {
  const { publicKey } = await generateKey({
    type: 'ecc',
    curve: 'curve25519Legacy',
    userIDs: [{ name: `${team.organisation} demo key, private half discarded`, email: team.email }],
    date: now,
  });
  return publicKey;
}

// Ranges and ASNs come from the blocks reserved for documentation and benchmarking (RFC 5737, 3849,
// 2544, 5398), so nothing here points at a real network.
const TEAMS: DemoTeam[] = [
  {
    organisation: '[Demo] CERT-FR',
    ranges: ['198.51.100.0/25'],
    asns: [64496],
    domains: ['*.fr'],
    available24x7: true,
    email: 'cert@demo-cert-fr.example',
  },
  {
    organisation: '[Demo] ngCERT',
    ranges: ['198.51.100.128/25'],
    asns: [64497],
    domains: ['*.ng'],
    available24x7: true,
    email: 'incident@demo-ngcert.example',
  },
  {
    organisation: '[Demo] CERT.br',
    ranges: ['203.0.113.0/26'],
    asns: [64498],
    domains: ['*.br'],
    available24x7: false,
    email: 'cert@demo-cert-br.example',
  },
  {
    organisation: '[Demo] JPCERT/CC',
    ranges: ['203.0.113.64/26'],
    asns: [64499],
    domains: ['*.jp'],
    available24x7: true,
    email: 'info@demo-jpcert.example',
  },
  {
    organisation: '[Demo] KE-CIRT/CC',
    ranges: ['203.0.113.128/26', '2001:db8:4b45::/48'],
    asns: [64500],
    domains: ['*.ke'],
    available24x7: true,
    email: 'incidents@demo-ke-cirt.example',
    pgp: true,
  },
  {
    organisation: '[Demo] ID-SIRTII/CC',
    ranges: ['203.0.113.192/26'],
    asns: [64501],
    domains: ['*.id'],
    available24x7: false,
    email: 'cert@demo-idsirtii.example',
    requireEncryption: true,
  },
];

export async function loadIntelDemo(ctx: Ctx): Promise<string[]> {
  // Made before the transaction: key generation is CPU work that need not hold a connection.
  const keys = new Map<string, string>();
  for (const team of TEAMS.filter((t) => t.pgp)) {
    keys.set(team.organisation, await demoPublicKey(team, new Date(ctx.now().getTime() - 60_000)));
  }
  const directory = await inTransaction(ctx.db, async (tx) => {
    let teams = 0;
    for (const team of TEAMS) {
      const org = await tx.query<{ id: string; country: string }>(
        'SELECT id, country FROM organisations WHERE name = $1',
        [team.organisation],
      );
      const row = org.rows[0];
      if (!row) {
        continue;
      }
      const input = parseInput(
        cirtInput,
        {
          officialName: team.organisation,
          country: row.country,
          organisationId: row.id,
          constituencyTypes: ['National'],
          ranges: team.ranges,
          asns: team.asns,
          countries: [row.country],
          domains: team.domains,
          emails: [{ address: team.email, usage: ['contact'] }],
          available24x7: team.available24x7,
          notifyEmail: team.email,
          pgpPublicKey: keys.get(team.organisation),
          requireEncryption: team.requireEncryption,
        },
        'demo team',
      );
      const keyed = await checkTeamKey(input, ctx.now());
      if (!keyed.ok) {
        throw new Error(`demo key for ${team.organisation}: ${keyed.reason}`);
      }
      await upsertCirt(tx, keyed.value, 'demo');
      teams += 1;
    }
    const coordinator = await tx.query<{ id: string }>(
      "SELECT id FROM organisations WHERE kind = 'coordinator' ORDER BY created_at LIMIT 1",
    );
    const owner = coordinator.rows[0]?.id;
    if (owner) {
      await tx.query(
        `INSERT INTO taxii_collections (api_root, title, description, alias, owner_organisation_id, readers_all_members, default_tlp)
         SELECT 'accord', '[Demo] Botnet command-and-control', 'Demonstration collection: C2 indicators shared with every member under TLP:GREEN.',
                'demo-botnet-c2', $1, true, 'green'
          WHERE NOT EXISTS (SELECT 1 FROM taxii_collections WHERE alias = 'demo-botnet-c2')`,
        [owner],
      );
    }
    return [
      `CIRT directory: ${teams} demo teams with constituencies; TAXII collection "[Demo] Botnet command-and-control" (alias demo-botnet-c2).`,
      `PGP: [Demo] KE-CIRT/CC has a demo public key made now (its e-mail goes encrypted; the private half was discarded); [Demo] ID-SIRTII/CC requires encryption and has no key (inbox only).`,
    ];
  });
  return [...directory, ...(await loadSnapshotDemo(ctx))];
}
