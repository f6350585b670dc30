// A fresh, migrated database per test file (cloned from the run's template) and services on it.
import { randomBytes } from 'node:crypto';
import { inject } from 'vitest';
import { loadConfig, type Config } from '../../src/platform/config.ts';
import { createPool, withDatabase } from '../../src/platform/db/pool.ts';
import { createServices, type Services } from '../../src/platform/services.ts';

export async function createTestDatabase(): Promise<string> {
  const serverUrl = inject('serverUrl');
  const templateDb = inject('templateDb');
  const templatePid = templateDb.split('_').at(-1);
  const name = `accord_t${templatePid}_${randomBytes(5).toString('hex')}`;
  const admin = createPool(serverUrl, 1);
  try {
    await admin.query(`CREATE DATABASE ${name} TEMPLATE ${templateDb}`);
  } finally {
    await admin.end();
  }
  return withDatabase(serverUrl, name);
}

/** A controllable clock: tests move time forward instead of sleeping. */
export function testClock(start = '2026-11-22T09:00:00.000Z') {
  let now = new Date(start).getTime();
  return {
    now: () => new Date(now),
    advance: (ms: number) => {
      now += ms;
    },
  };
}

export async function createTestServices(
  options: { now?: () => Date; config?: Partial<Config> } = {},
): Promise<Services> {
  const url = await createTestDatabase();
  const config = { ...loadConfig({}), databaseUrl: url, ...options.config };
  return createServices({ config, migrate: false, ...(options.now ? { now: options.now } : {}) });
}
