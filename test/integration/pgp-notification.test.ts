// Encrypted notification e-mail: a team with a PGP key gets PGP/MIME (RFC 3156) that its private key
// decrypts to the text and the CSV with the TLP; nothing of the content travels in clear. A team that
// requires encryption and has no key gets no e-mail (the inbox is the delivery); bad keys are refused
// when saved and when imported, naming the field.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decrypt, generateKey, readKey, readMessage, readPrivateKey } from 'openpgp';
import type { Services } from '../../src/platform/services.ts';
import type { Actor } from '../../src/platform/access/policy.ts';
import { JobRunner } from '../../src/platform/jobs/runner.ts';
import { getCirt, importTrustedIntroducer, saveCirt, updateCirt } from '../../src/intel/cirts/directory.ts';
import { createRoutingRun } from '../../src/intel/routing/routing-run.ts';
import { getRoutingMap } from '../../src/intel/routing/routing-map.ts';
import { createTestServices, testClock } from '../support/services.ts';
import { buildOrganisation, buildUser } from '../support/factories.ts';
import { startSmtpSink, type SmtpSink } from '../support/smtp-sink.ts';

const clock = testClock('2026-12-01T09:00:00.000Z');
let services: Services;
let smtp: SmtpSink;
let admin: Actor;
let coordinator: Actor;
let keys: { publicKey: string; privateKey: string };
let nlOrgId: string;

beforeAll(async () => {
  smtp = await startSmtpSink();
  services = await createTestServices({
    now: clock.now,
    config: {
      smtpUrl: smtp.url,
      mailFrom: 'accord@test.example',
    },
  });
  // Made before the test clock's "now", so the key is valid at the time deliveries are judged.
  keys = await generateKey({
    type: 'ecc',
    curve: 'curve25519Legacy',
    userIDs: [{ name: 'NL test CERT', email: 'cert@nl.test' }],
    date: new Date('2026-11-01T00:00:00Z'),
  });
  const grc = await buildOrganisation(services, { country: 'CH', kind: 'coordinator' });
  nlOrgId = (await buildOrganisation(services, { country: 'NL' })).id;
  const user = await buildUser(services, { organisationId: grc.id, isAdmin: true });
  admin = { userId: user.id, isAdmin: true, via: 'cli', memberships: [] };
  const analyst = await buildUser(services, { organisationId: grc.id });
  coordinator = {
    userId: analyst.id,
    isAdmin: false,
    via: 'cli',
    memberships: [{ organisationId: grc.id, role: 'analyst', country: 'CH' }],
  };
});
afterAll(async () => {
  await services.close();
  await smtp.close();
});

async function deliverAll() {
  const runner = new JobRunner(services.ctx, services.jobHandlers);
  while (await runner.runOnce()) {
    // drain
  }
}

/** The body of the top-level MIME part whose headers match, decoded by its transfer encoding. */
function partBody(entity: string, headerPattern: RegExp): string {
  const boundary = /boundary="?([^";\r\n]+)"?/i.exec(entity)?.[1];
  if (!boundary) {
    throw new Error('not a multipart entity');
  }
  const parts = entity.split(`--${boundary}`).slice(1, -1);
  const part = parts.find((p) => headerPattern.test(p.split(/\r?\n\r?\n/)[0] ?? ''));
  if (!part) {
    throw new Error(`no part matching ${headerPattern}`);
  }
  const [head = '', ...rest] = part.replace(/^\r?\n/, '').split(/\r?\n\r?\n/);
  const body = rest.join('\n\n');
  if (/Content-Transfer-Encoding: base64/i.test(head)) {
    return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
  }
  if (/Content-Transfer-Encoding: quoted-printable/i.test(head)) {
    return body
      .replace(/=\r?\n/g, '')
      .replace(/=([0-9A-F]{2})/gi, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
  }
  return body;
}

describe('PGP-encrypted notification e-mail', () => {
  it('sends PGP/MIME that the team key decrypts to the text and CSV with the TLP, nothing in clear', async () => {
    const saved = await saveCirt(services.ctx, admin, {
      officialName: 'PGP test CERT',
      country: 'NL',
      organisationId: nlOrgId,
      countries: ['NL'],
      notifyEmail: 'soc@nl.test',
      pgpPublicKey: keys.publicKey,
    });
    const team = await getCirt(services.ctx, admin, saved.id);
    expect(team.pgpPublicKey).toContain('BEGIN PGP PUBLIC KEY BLOCK');
    expect(team.pgpKeys).toHaveLength(1);
    const run = await createRoutingRun(services.ctx, coordinator, {
      name: 'PGP delivery',
      source: { kind: 'list', text: '193.0.6.139\n', tlp: 'amber' },
    });
    await deliverAll();
    expect(smtp.mails).toHaveLength(1);
    const { raw, to } = smtp.mails[0]!;
    expect(to).toBe('soc@nl.test');
    expect(raw).toMatch(/Content-Type: multipart\/encrypted;\s+protocol="application\/pgp-encrypted"/);
    expect(raw).toMatch(/Subject: \[TLP:AMBER\] Accord notification \(encrypted\)/);
    expect(raw).toMatch(/X-Accord-TLP: TLP:AMBER/i);
    expect(partBody(raw, /Content-Type: application\/pgp-encrypted/)).toMatch(/^Version: 1/);
    // Neither the address, the team's name nor the run's name leaves in clear.
    expect(raw).not.toContain('193.0.6.139');
    expect(raw).not.toContain('PGP delivery');

    const armored = partBody(raw, /Content-Type: application\/octet-stream/);
    // openpgp types its stream variants with an optional peer package; an armored string in gives bytes.
    const decrypted = (await decrypt({
      message: await readMessage({ armoredMessage: armored }),
      decryptionKeys: await readPrivateKey({ armoredKey: keys.privateKey }),
      format: 'binary',
    })) as { data: Uint8Array };
    const inner = Buffer.from(decrypted.data).toString('utf8');
    // Header lines fold at 78 characters; unfold before matching the protected subject.
    expect(inner.replace(/\r?\n[ \t]+/g, ' ')).toMatch(
      /Subject: \[TLP:AMBER\] Accord: 1 value\(s\) in the constituency of PGP test CERT/,
    );
    const text = partBody(inner, /Content-Type: text\/plain/);
    expect(text).toMatch(/^TLP:AMBER/);
    expect(text).toContain('193.0.6.139');
    const csv = partBody(inner, /Content-Type: text\/csv/);
    expect(csv).toContain('193.0.6.139');
    expect(csv).toMatch(/TLP:AMBER/);

    const map = await getRoutingMap(services.ctx, coordinator, run.id);
    expect(map.notifications[0]?.delivery).toMatchObject({ status: 'delivered', email: 'pgp' });
    const audit = await services.ctx.db.query<{ summary: { email?: string } }>(
      "SELECT summary FROM audit_log WHERE action = 'notification.delivery.delivered'",
    );
    expect(audit.rows.at(-1)?.summary.email).toBe('pgp');
  });

  it('withholds e-mail from a team that requires encryption and has no key; the inbox still has it', async () => {
    await saveCirt(services.ctx, admin, {
      officialName: 'Strict test CERT',
      country: 'NG',
      countries: ['NG'],
      notifyEmail: 'soc@ng.test',
      requireEncryption: true,
    });
    const before = smtp.mails.length;
    const run = await createRoutingRun(services.ctx, coordinator, {
      name: 'Strict delivery',
      source: { kind: 'list', text: '41.203.64.1\n', tlp: 'green' },
    });
    await deliverAll();
    expect(smtp.mails.length).toBe(before);
    const map = await getRoutingMap(services.ctx, coordinator, run.id);
    expect(map.notifications[0]).toMatchObject({
      cirt: { name: 'Strict test CERT' },
      delivery: { status: 'delivered', email: 'withheld', error: null },
    });
  });

  it('judges the key again when sending: one that expired since it was saved no longer encrypts', async () => {
    const expiring = await generateKey({
      type: 'ecc',
      curve: 'curve25519Legacy',
      userIDs: [{ email: 'cert@us.test' }],
      date: new Date('2026-11-30T09:00:00Z'),
      keyExpirationTime: 2 * 86_400,
    });
    await saveCirt(services.ctx, admin, {
      officialName: 'Expiring key CERT',
      country: 'US',
      countries: ['US'],
      notifyEmail: 'soc@us.test',
      pgpPublicKey: expiring.publicKey,
      requireEncryption: true,
    });
    const before = smtp.mails.length;
    const run = await createRoutingRun(services.ctx, coordinator, {
      name: 'After expiry',
      source: { kind: 'list', text: '8.8.8.8\n', tlp: 'green' },
    });
    clock.advance(3 * 86_400_000);
    await deliverAll();
    expect(smtp.mails.length).toBe(before);
    const map = await getRoutingMap(services.ctx, coordinator, run.id);
    expect(map.notifications[0]).toMatchObject({
      cirt: { name: 'Expiring key CERT' },
      delivery: { status: 'delivered', email: 'withheld' },
    });
  });

  it('refuses a private, unreadable or mismatched key when a team is edited, naming pgpPublicKey', async () => {
    const team = (await saveCirt(services.ctx, admin, { officialName: 'Edit key CERT', country: 'NL' })).id;
    const base = { officialName: 'Edit key CERT', country: 'NL' };
    for (const [pgpPublicKey, extra, code] of [
      [keys.privateKey, {}, 'pgp_key_private'],
      [
        '-----BEGIN PGP PUBLIC KEY BLOCK-----\n\nAAAA\n-----END PGP PUBLIC KEY BLOCK-----',
        {},
        'pgp_key_unreadable',
      ],
      [keys.publicKey, { pgpKeys: [{ fingerprint: 'B'.repeat(40) }] }, 'pgp_key_fingerprint_mismatch'],
    ] as const) {
      const error = await updateCirt(services.ctx, admin, team, { ...base, ...extra, pgpPublicKey }).catch(
        (e: unknown) => e,
      );
      expect(error).toMatchObject({
        code: 'VALIDATION_FAILED',
        details: [{ path: 'pgpPublicKey', code }],
      });
    }
    expect((await getCirt(services.ctx, admin, team)).pgpPublicKey).toBeNull();

    // Someone who may not edit the team is refused before the key is even read.
    const reader = await buildUser(services, { organisationId: nlOrgId, role: 'reader' });
    const stranger: Actor = {
      userId: reader.id,
      isAdmin: false,
      via: 'cli',
      memberships: [{ organisationId: nlOrgId, role: 'reader', country: 'NL' }],
    };
    await expect(
      saveCirt(services.ctx, stranger, { ...base, organisationId: nlOrgId, pgpPublicKey: 'not a key' }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect((await getCirt(services.ctx, admin, team)).pgpPublicKey).toBeNull();
  });

  it('imports a key given in a Trusted Introducer-shaped file, and rejects a team whose key does not match', async () => {
    const fingerprint = (await readKey({ armoredKey: keys.publicKey })).getFingerprint().toUpperCase();
    const report = await importTrustedIntroducer(services.ctx, admin, [
      {
        official_name: 'Imported mismatched CERT',
        country: { code: 'NL' },
        pgp_keys: [{ fingerprint: 'C'.repeat(40), key: keys.publicKey }],
      },
      {
        official_name: 'Imported keyed CERT',
        country: { code: 'NL' },
        pgp_keys: [{ fingerprint, key: keys.publicKey }],
      },
    ]);
    expect(report).toMatchObject({ imported: 1, updated: 0 });
    expect(report.rejected).toEqual([
      {
        index: 0,
        name: 'Imported mismatched CERT',
        problems: [
          expect.objectContaining({ path: '[0].pgpPublicKey', code: 'pgp_key_fingerprint_mismatch' }),
        ],
      },
    ]);
    const teams = await services.ctx.db.query<{ official_name: string; has_key: boolean }>(
      "SELECT official_name, pgp_public_key IS NOT NULL AS has_key FROM cirts WHERE official_name LIKE 'Imported%'",
    );
    expect(teams.rows).toEqual([{ official_name: 'Imported keyed CERT', has_key: true }]);
  });
});
