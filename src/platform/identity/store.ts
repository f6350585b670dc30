// SQL for organisations, users, memberships, sessions, API tokens, recovery codes and login throttling.
import type { Queryable } from '../db/pool.ts';
import type { CreateOrganisationInput, OrganisationView, TokenView } from './schemas.ts';
import type { Role } from '../access/policy.ts';

export type UserRow = {
  id: string;
  email: string;
  display_name: string;
  languages: string[];
  ui_language: string;
  is_admin: boolean;
  password_hash: string;
  must_change_password: boolean;
  totp_secret: string | null;
  totp_pending_secret: string | null;
  totp_last_counter: number | null;
  failed_logins: number;
  locked_until: string | null;
  disabled: boolean;
};
export type MembershipRow = {
  organisation_id: string;
  role: Role;
  name: string;
  country: string;
  kind: string;
  mfa_required: boolean;
};

type OrgRow = {
  id: string;
  name: string;
  country: string;
  kind: OrganisationView['kind'];
  mfa_required: boolean;
};
const presentOrg = (r: OrgRow): OrganisationView => ({
  id: r.id,
  name: r.name,
  country: r.country,
  kind: r.kind,
  mfaRequired: r.mfa_required,
});

export async function insertOrganisation(
  q: Queryable,
  input: CreateOrganisationInput & { demo?: boolean },
): Promise<OrganisationView> {
  const r = await q.query<OrgRow>(
    `INSERT INTO organisations (name, country, kind, mfa_required, demo) VALUES ($1, $2, $3, $4, $5)
     RETURNING id, name, country, kind, mfa_required`,
    [input.name, input.country, input.kind, input.mfaRequired, input.demo ?? false],
  );
  return presentOrg(r.rows[0] as OrgRow);
}

export async function findOrganisation(q: Queryable, id: string): Promise<OrganisationView | undefined> {
  const r = await q.query<OrgRow>(
    'SELECT id, name, country, kind, mfa_required FROM organisations WHERE id = $1',
    [id],
  );
  return r.rows[0] ? presentOrg(r.rows[0]) : undefined;
}

export async function findOrganisationByName(
  q: Queryable,
  name: string,
): Promise<OrganisationView | undefined> {
  const r = await q.query<OrgRow>(
    'SELECT id, name, country, kind, mfa_required FROM organisations WHERE lower(name) = lower($1)',
    [name],
  );
  return r.rows[0] ? presentOrg(r.rows[0]) : undefined;
}

export async function listOrganisations(q: Queryable): Promise<OrganisationView[]> {
  const r = await q.query<OrgRow>(
    'SELECT id, name, country, kind, mfa_required FROM organisations ORDER BY country, name',
  );
  return r.rows.map(presentOrg);
}

export async function setOrganisationMfaRequired(q: Queryable, id: string, required: boolean): Promise<void> {
  await q.query('UPDATE organisations SET mfa_required = $2 WHERE id = $1', [id, required]);
}

export async function countUsers(q: Queryable): Promise<number> {
  const r = await q.query<{ n: number }>('SELECT count(*)::int AS n FROM users');
  return r.rows[0]?.n ?? 0;
}

export async function insertUser(
  q: Queryable,
  u: {
    email: string;
    displayName: string;
    languages: string[];
    isAdmin: boolean;
    passwordHash: string;
    demo?: boolean;
    mustChangePassword?: boolean;
  },
): Promise<string> {
  const r = await q.query<{ id: string }>(
    `INSERT INTO users (email, display_name, languages, is_admin, password_hash, demo, must_change_password)
     VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
    [
      u.email,
      u.displayName,
      u.languages,
      u.isAdmin,
      u.passwordHash,
      u.demo ?? false,
      u.mustChangePassword ?? true,
    ],
  );
  return (r.rows[0] as { id: string }).id;
}

export async function insertMembership(
  q: Queryable,
  userId: string,
  organisationId: string,
  role: Role,
): Promise<void> {
  await q.query(
    `INSERT INTO memberships (user_id, organisation_id, role) VALUES ($1, $2, $3)
     ON CONFLICT (user_id, organisation_id) DO UPDATE SET role = EXCLUDED.role`,
    [userId, organisationId, role],
  );
}

export async function findUserByEmail(q: Queryable, email: string): Promise<UserRow | undefined> {
  const r = await q.query<UserRow>('SELECT * FROM users WHERE lower(email) = lower($1)', [email]);
  return r.rows[0];
}

export async function findUserById(q: Queryable, id: string): Promise<UserRow | undefined> {
  const r = await q.query<UserRow>('SELECT * FROM users WHERE id = $1', [id]);
  return r.rows[0];
}

export async function findMemberships(q: Queryable, userId: string): Promise<MembershipRow[]> {
  const r = await q.query<MembershipRow>(
    `SELECT m.organisation_id, m.role, o.name, o.country, o.kind, o.mfa_required
       FROM memberships m JOIN organisations o ON o.id = m.organisation_id
      WHERE m.user_id = $1 ORDER BY o.name`,
    [userId],
  );
  return r.rows;
}

export async function findMembersOf(
  q: Queryable,
  organisationId: string,
): Promise<{ id: string; email: string; display_name: string; role: Role; mfa_enabled: boolean }[]> {
  const r = await q.query<{
    id: string;
    email: string;
    display_name: string;
    role: Role;
    mfa_enabled: boolean;
  }>(
    `SELECT u.id, u.email, u.display_name, m.role, (u.totp_secret IS NOT NULL) AS mfa_enabled
       FROM memberships m JOIN users u ON u.id = m.user_id WHERE m.organisation_id = $1 ORDER BY u.display_name`,
    [organisationId],
  );
  return r.rows;
}

export async function updateUser(
  q: Queryable,
  id: string,
  fields: Partial<{
    password_hash: string;
    must_change_password: boolean;
    password_changed_at: string;
    totp_secret: string | null;
    totp_pending_secret: string | null;
    totp_last_counter: number | null;
    failed_logins: number;
    locked_until: string | null;
    display_name: string;
    ui_language: string;
    languages: string[];
  }>,
): Promise<void> {
  const keys = Object.keys(fields);
  if (keys.length === 0) {
    return;
  }
  const sets = keys.map((key, i) => `${key} = $${i + 2}`).join(', ');
  await q.query(`UPDATE users SET ${sets} WHERE id = $1`, [
    id,
    ...keys.map((k) => fields[k as keyof typeof fields]),
  ]);
}

export async function insertSession(
  q: Queryable,
  s: {
    tokenHash: string;
    userId: string;
    csrfToken: string;
    expiresAt: string;
    ip: string | null;
    userAgent: string | null;
    now: string;
  },
): Promise<void> {
  await q.query(
    `INSERT INTO sessions (token_hash, user_id, csrf_token, created_at, last_seen_at, expires_at, ip, user_agent)
     VALUES ($1, $2, $3, $7, $7, $4, $5, $6)`,
    [s.tokenHash, s.userId, s.csrfToken, s.expiresAt, s.ip, s.userAgent, s.now],
  );
}

export type SessionRow = {
  token_hash: string;
  user_id: string;
  csrf_token: string;
  created_at: string;
  last_seen_at: string;
  expires_at: string;
};
export async function findSession(q: Queryable, tokenHash: string): Promise<SessionRow | undefined> {
  const r = await q.query<SessionRow>('SELECT * FROM sessions WHERE token_hash = $1', [tokenHash]);
  return r.rows[0];
}
export async function touchSession(q: Queryable, tokenHash: string, now: string): Promise<void> {
  await q.query('UPDATE sessions SET last_seen_at = $2 WHERE token_hash = $1', [tokenHash, now]);
}
export async function deleteSession(q: Queryable, tokenHash: string): Promise<void> {
  await q.query('DELETE FROM sessions WHERE token_hash = $1', [tokenHash]);
}
export async function deleteSessionsOfUser(q: Queryable, userId: string, except?: string): Promise<void> {
  await q.query('DELETE FROM sessions WHERE user_id = $1 AND token_hash IS DISTINCT FROM $2', [
    userId,
    except ?? null,
  ]);
}

type TokenRow = {
  id: string;
  name: string;
  prefix: string;
  organisation_id: string;
  user_id: string;
  created_at: string;
  last_used_at: string | null;
  expires_at: string | null;
  revoked_at: string | null;
};
const presentToken = (r: TokenRow): TokenView => ({
  id: r.id,
  name: r.name,
  prefix: r.prefix,
  organisationId: r.organisation_id,
  createdAt: r.created_at,
  lastUsedAt: r.last_used_at,
  expiresAt: r.expires_at,
  revokedAt: r.revoked_at,
});

export async function insertApiToken(
  q: Queryable,
  t: {
    userId: string;
    organisationId: string;
    name: string;
    prefix: string;
    hash: string;
    expiresAt: string | null;
  },
): Promise<TokenView> {
  const r = await q.query<TokenRow>(
    `INSERT INTO api_tokens (user_id, organisation_id, name, prefix, token_hash, expires_at) VALUES ($1, $2, $3, $4, $5, $6)
     RETURNING *`,
    [t.userId, t.organisationId, t.name, t.prefix, t.hash, t.expiresAt],
  );
  return presentToken(r.rows[0] as TokenRow);
}
export async function findApiTokenByHash(q: Queryable, hash: string): Promise<TokenRow | undefined> {
  const r = await q.query<TokenRow>('SELECT * FROM api_tokens WHERE token_hash = $1', [hash]);
  return r.rows[0];
}
export async function listApiTokens(q: Queryable, userId: string): Promise<TokenView[]> {
  const r = await q.query<TokenRow>('SELECT * FROM api_tokens WHERE user_id = $1 ORDER BY created_at DESC', [
    userId,
  ]);
  return r.rows.map(presentToken);
}
export async function revokeApiToken(
  q: Queryable,
  id: string,
  userId: string,
  now: string,
): Promise<boolean> {
  const r = await q.query(
    'UPDATE api_tokens SET revoked_at = $3 WHERE id = $1 AND user_id = $2 AND revoked_at IS NULL',
    [id, userId, now],
  );
  return (r.rowCount ?? 0) > 0;
}
export async function markTokenUsed(q: Queryable, id: string, now: string): Promise<void> {
  await q.query('UPDATE api_tokens SET last_used_at = $2 WHERE id = $1', [id, now]);
}

export async function replaceRecoveryCodes(q: Queryable, userId: string, hashes: string[]): Promise<void> {
  await q.query('DELETE FROM recovery_codes WHERE user_id = $1', [userId]);
  await q.query('INSERT INTO recovery_codes (user_id, code_hash) SELECT $1, unnest($2::text[])', [
    userId,
    hashes,
  ]);
}
export async function useRecoveryCode(
  q: Queryable,
  userId: string,
  hash: string,
  now: string,
): Promise<boolean> {
  const r = await q.query(
    'UPDATE recovery_codes SET used_at = $3 WHERE user_id = $1 AND code_hash = $2 AND used_at IS NULL',
    [userId, hash, now],
  );
  return (r.rowCount ?? 0) > 0;
}

export async function recordLoginAttempt(q: Queryable, source: string, now: string): Promise<void> {
  await q.query('INSERT INTO login_attempts (source, at) VALUES ($1, $2)', [source, now]);
}
export async function countLoginAttempts(q: Queryable, source: string, since: string): Promise<number> {
  const r = await q.query<{ n: number }>(
    'SELECT count(*)::int AS n FROM login_attempts WHERE source = $1 AND at > $2',
    [source, since],
  );
  return r.rows[0]?.n ?? 0;
}
export async function pruneLoginAttempts(q: Queryable, before: string): Promise<void> {
  await q.query('DELETE FROM login_attempts WHERE at < $1', [before]);
}
