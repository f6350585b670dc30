// Options shared by `accord intel pull|push` and feeds: credentials, TLP and organisation lists.
import { AppError } from '../../../platform/errors/app-error.ts';
import type { Actor } from '../../../platform/access/policy.ts';
import { TLP_LEVELS, type Tlp } from '../../../platform/access/tlp-policy.ts';
import type { TaxiiCredentials } from '../client/taxii-http-client.ts';

export type CredentialOptions = { token?: string; user?: string; passwordEnv?: string };

/** A password is read from an environment variable, never from the command line (shell history, ps). */
export function credentialsFrom(
  opts: CredentialOptions,
  env: NodeJS.ProcessEnv = process.env,
): TaxiiCredentials {
  if (opts.token !== undefined && opts.user !== undefined) {
    throw new AppError('VALIDATION_FAILED', 'give either --token or --user, not both', [
      { path: 'token', reason: 'conflicts with --user' },
    ]);
  }
  if (opts.token !== undefined) {
    return { kind: 'token', token: opts.token };
  }
  if (opts.user !== undefined) {
    const password = opts.passwordEnv ? env[opts.passwordEnv] : undefined;
    if (!password) {
      throw new AppError(
        'VALIDATION_FAILED',
        'with --user, --password-env must name a set environment variable',
        [
          {
            path: 'password-env',
            reason: opts.passwordEnv ? `${opts.passwordEnv} is not set` : 'is required',
          },
        ],
      );
    }
    return { kind: 'basic', user: opts.user, password };
  }
  return { kind: 'none' };
}

export function parseTlp(value: string | undefined, field = 'tlp'): Tlp | undefined {
  if (value === undefined) {
    return undefined;
  }
  const tlp = value.toLowerCase();
  if (!(TLP_LEVELS as readonly string[]).includes(tlp)) {
    throw new AppError('VALIDATION_FAILED', `unknown TLP "${value}"`, [
      { path: field, reason: `one of ${TLP_LEVELS.join(', ')}` },
    ]);
  }
  return tlp as Tlp;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function parseIdList(value: string | undefined, field: string): string[] | undefined {
  if (value === undefined) {
    return undefined;
  }
  const ids = value
    .split(',')
    .map((v) => v.trim())
    .filter(Boolean);
  const bad = ids.filter((id) => !UUID.test(id));
  if (bad.length > 0) {
    throw new AppError('VALIDATION_FAILED', `--${field} takes ids (UUIDs)`, [
      { path: field, reason: `not an id: ${bad.join(', ')}` },
    ]);
  }
  return ids;
}

export function parseInstant(value: string | undefined, field: string): string | undefined {
  if (value === undefined) {
    return undefined;
  }
  const d = new Date(value);
  if (Number.isNaN(d.getTime())) {
    throw new AppError('VALIDATION_FAILED', `--${field} is not a date`, [
      { path: field, reason: 'use an ISO 8601 timestamp, e.g. 2026-11-01T00:00:00Z' },
    ]);
  }
  return d.toISOString();
}

/** The organisation a command acts for: the one named, or the actor's only (or first) membership. */
export function organisationFor(actor: Actor, given: string | undefined): string {
  if (given !== undefined) {
    parseIdList(given, 'organisation');
    return given;
  }
  const first = actor.memberships[0]?.organisationId;
  if (!first) {
    throw new AppError('VALIDATION_FAILED', 'name the organisation to act for with --organisation', [
      { path: 'organisation', reason: 'is required for an account without memberships' },
    ]);
  }
  return first;
}
