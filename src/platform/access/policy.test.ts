import { describe, expect, it } from 'vitest';
import { decide, auditScope, type Actor } from './policy.ts';

const actor = (over: Partial<Actor> = {}): Actor => ({
  userId: 'u',
  isAdmin: false,
  via: 'session',
  memberships: [],
  ...over,
});
const member = (organisationId: string, role: Actor['memberships'][number]['role']) => ({
  organisationId,
  role,
  country: 'FR',
});

describe('decide', () => {
  it('lets only platform administrators create organisations and verify the audit log', () => {
    expect(decide(actor({ isAdmin: true }), { kind: 'organisation:create' }).allowed).toBe(true);
    expect(
      decide(actor({ memberships: [member('o1', 'org-admin')] }), { kind: 'organisation:create' }).allowed,
    ).toBe(false);
    expect(decide(actor(), { kind: 'audit:verify' }).allowed).toBe(false);
  });

  it('lets organisation admins add users to their own organisation only, and never create admins', () => {
    const orgAdmin = actor({ memberships: [member('o1', 'org-admin')] });
    expect(decide(orgAdmin, { kind: 'user:create', organisationId: 'o1', isAdmin: false }).allowed).toBe(
      true,
    );
    expect(decide(orgAdmin, { kind: 'user:create', organisationId: 'o2', isAdmin: false }).allowed).toBe(
      false,
    );
    expect(decide(orgAdmin, { kind: 'user:create', organisationId: 'o1', isAdmin: true }).allowed).toBe(
      false,
    );
    expect(
      decide(actor({ memberships: [member('o1', 'analyst')] }), {
        kind: 'user:create',
        organisationId: 'o1',
        isAdmin: false,
      }).allowed,
    ).toBe(false);
  });

  it('shows an organisation’s members only to its members', () => {
    const outsider = actor({ memberships: [member('o2', 'org-admin')] });
    expect(decide(outsider, { kind: 'organisation:read-members', organisationId: 'o1' })).toMatchObject({
      allowed: false,
    });
    expect(
      decide(actor({ memberships: [member('o1', 'reader')] }), {
        kind: 'organisation:read-members',
        organisationId: 'o1',
      }).allowed,
    ).toBe(true);
  });

  it('refuses writes by readers and by non-members, allows analysts', () => {
    expect(
      decide(actor({ memberships: [member('o1', 'reader')] }), { kind: 'write', organisationId: 'o1' })
        .allowed,
    ).toBe(false);
    expect(
      decide(actor({ memberships: [member('o2', 'analyst')] }), { kind: 'write', organisationId: 'o1' })
        .allowed,
    ).toBe(false);
    expect(
      decide(actor({ memberships: [member('o1', 'analyst')] }), { kind: 'write', organisationId: 'o1' })
        .allowed,
    ).toBe(true);
  });

  it('scopes the audit log: all for admins, administered organisations otherwise', () => {
    expect(auditScope(actor({ isAdmin: true }))).toBe('all');
    expect(auditScope(actor({ memberships: [member('o1', 'org-admin'), member('o2', 'analyst')] }))).toEqual([
      'o1',
    ]);
    expect(decide(actor({ memberships: [member('o2', 'analyst')] }), { kind: 'audit:read' }).allowed).toBe(
      false,
    );
  });
});
