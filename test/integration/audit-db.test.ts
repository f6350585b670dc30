// The audit log in the database: every write appends in its own transaction, and tampering with the
// table (modify, delete, reorder) is caught by verification, naming the first broken entry.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Services } from '../../src/platform/services.ts';
import { verifyChain } from '../../src/platform/audit/chain.ts';
import { appendAudit, readAuditLog } from '../../src/platform/audit/store.ts';
import { inTransaction } from '../../src/platform/db/pool.ts';
import { createTestServices } from '../support/services.ts';
import { initialisePlatform, createOrganisation } from '../../src/platform/identity/accounts.ts';
import { cliActor } from '../../src/platform/cli/run-with-services.ts';

let services: Services;
beforeAll(async () => {
  services = await createTestServices();
});
afterAll(() => services.close());

const verify = () => verifyChain(readAuditLog(services.ctx.db, 3));

async function seedEntries(n: number) {
  for (let i = 0; i < n; i += 1) {
    await inTransaction(services.ctx.db, (tx) =>
      appendAudit(
        tx,
        { action: 'test.event', resourceType: 'test', resourceId: String(i), summary: { i } },
        new Date(),
      ),
    );
  }
}

describe('audit log in PostgreSQL', () => {
  it('records each write with its actor, and the chain verifies across pages', async () => {
    const init = await initialisePlatform(services.ctx, { password: 'initial passphrase 123' });
    const actor = await cliActor(services);
    await createOrganisation(services.ctx, actor, { name: 'Audited CIRT', country: 'KE', kind: 'cirt' });
    const rows = await services.ctx.db.query<{ action: string; actor_user_id: string | null }>(
      'SELECT action, actor_user_id FROM audit_log ORDER BY seq',
    );
    expect(rows.rows.map((r) => r.action)).toEqual(['platform.initialise', 'organisation.create']);
    expect(rows.rows[1]?.actor_user_id).toBe(actor.userId);
    expect(init.organisation.kind).toBe('coordinator');
    await seedEntries(8);
    await expect(verify()).resolves.toMatchObject({ ok: true, entries: 10 });
  });

  it('rolls the audit entry back with a failed write', async () => {
    const before = await verify();
    await expect(
      inTransaction(services.ctx.db, async (tx) => {
        await appendAudit(tx, { action: 'doomed', resourceType: 'test' }, new Date());
        throw new Error('the write failed');
      }),
    ).rejects.toThrow('the write failed');
    await expect(verify()).resolves.toEqual(before);
  });

  it('catches a modified entry', async () => {
    await services.ctx.db.query(`UPDATE audit_log SET summary = '{"i": 42}' WHERE seq = 5`);
    await expect(verify()).resolves.toMatchObject({ ok: false, brokenAt: 5 });
  });

  it('catches a deleted entry and a reordered log', async () => {
    const fresh = await createTestServices();
    try {
      const { db } = fresh.ctx;
      for (let i = 0; i < 6; i += 1) {
        await inTransaction(db, (tx) =>
          appendAudit(tx, { action: 'e', resourceType: 't', summary: { i } }, new Date()),
        );
      }
      await db.query('UPDATE audit_log SET seq = -seq WHERE seq IN (2, 3)');
      await db.query('UPDATE audit_log SET seq = 3 WHERE seq = -2');
      await db.query('UPDATE audit_log SET seq = 2 WHERE seq = -3');
      await expect(verifyChain(readAuditLog(db))).resolves.toMatchObject({ ok: false, brokenAt: 2 });
      await db.query('DELETE FROM audit_log WHERE seq IN (2, 3)');
      await expect(verifyChain(readAuditLog(db))).resolves.toMatchObject({ ok: false, brokenAt: 4 });
    } finally {
      await fresh.close();
    }
  });
});
