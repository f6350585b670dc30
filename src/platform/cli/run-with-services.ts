// Opens the services for one CLI command and closes them afterwards, whatever happens.
import { AppError } from '../errors/app-error.ts';
import type { ServiceOptions, Services } from '../services.ts';
import type { Actor } from '../access/policy.ts';
import { actorOf } from '../identity/present.ts';
import { findMemberships, findUserByEmail, type UserRow } from '../identity/store.ts';
import type { CliIO } from './io.ts';

export async function withServices<T>(
  io: CliIO,
  work: (services: Services) => Promise<T>,
  options: ServiceOptions = {},
): Promise<T> {
  // Imported on demand: commands that need no database (legal --world) start without loading it.
  const { createServices } = await import('../services.ts');
  const services = await createServices({ log: (m) => io.stderr(m), ...options });
  try {
    return await work(services);
  } finally {
    await services.close();
  }
}

/**
 * The CLI acts as a platform administrator (the first one, or `--as EMAIL`): whoever runs it holds
 * the database already, and naming the account keeps the audit log honest about who did what.
 */
export async function cliActor(services: Services, email?: string): Promise<Actor> {
  const { db } = services.ctx;
  let user: UserRow | undefined;
  if (email) {
    user = await findUserByEmail(db, email);
    if (!user) {
      throw new AppError('PLATFORM_UNKNOWN_USER', `no user with e-mail ${email}`);
    }
  } else {
    const first = await db.query<{ email: string }>(
      'SELECT email FROM users WHERE is_admin ORDER BY created_at LIMIT 1',
    );
    const adminEmail = first.rows[0]?.email;
    if (!adminEmail) {
      throw new AppError(
        'PLATFORM_NOT_INITIALISED',
        'Accord has no administrator yet: run `accord admin init` first',
      );
    }
    user = await findUserByEmail(db, adminEmail);
  }
  const found = user as UserRow;
  return { ...actorOf(found, await findMemberships(db, found.id), 'cli') };
}
