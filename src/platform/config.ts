// Accord's configuration, read once from the environment; every setting has a safe default.
import { resolve } from 'node:path';
import { parseAllowedRange } from './net/outbound-guard.ts';

export type Config = {
  /** Where the embedded PostgreSQL and other local state live (ACCORD_DATA_DIR, default ./.accord). */
  dataDir: string;
  /** An external PostgreSQL server; when absent Accord runs its own embedded server. */
  databaseUrl: string | undefined;
  host: string;
  port: number;
  /** Public base URL, used in printed links; Secure cookies are set when it is https. */
  publicUrl: string | undefined;
  logLevel: string;
  sessionIdleMinutes: number;
  sessionAbsoluteHours: number;
  bodyLimitBytes: number;
  /** Behind a reverse proxy that terminates TLS: trust its X-Forwarded-* headers (TRUST_PROXY=true). */
  trustProxy: boolean;
  webDistDir: string;
  /** Notification e-mail: SMTP server URL (ACCORD_SMTP_URL, e.g. smtps://user:pass@host:465) and sender. */
  smtpUrl: string | undefined;
  mailFrom: string;
  /** Notification webhooks: how long a POST may take (ACCORD_WEBHOOK_TIMEOUT_MS). */
  webhookTimeoutMs: number;
  /**
   * Special-purpose ranges (loopback, RFC 1918, ...) that feeds and webhooks may reach anyway
   * (ACCORD_OUTBOUND_ALLOW, comma-separated CIDRs; default none: see the outbound guard).
   */
  outboundAllow: string[];
  /** Largest file an intel import accepts through the API (ACCORD_IMPORT_MAX_BYTES, default 2 GiB). */
  importMaxBytes: number;
};

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const port = Number(env.PORT ?? 8787);
  return {
    dataDir: resolve(env.ACCORD_DATA_DIR ?? '.accord'),
    databaseUrl: env.DATABASE_URL || undefined,
    host: env.HOST ?? '127.0.0.1',
    port: Number.isInteger(port) && port >= 0 && port < 65536 ? port : 8787,
    publicUrl: env.ACCORD_PUBLIC_URL || undefined,
    logLevel: env.LOG_LEVEL ?? 'info',
    sessionIdleMinutes: Number(env.ACCORD_SESSION_IDLE_MINUTES ?? 120),
    sessionAbsoluteHours: Number(env.ACCORD_SESSION_ABSOLUTE_HOURS ?? 12),
    bodyLimitBytes: Number(env.ACCORD_BODY_LIMIT_BYTES ?? 1_048_576),
    trustProxy: env.TRUST_PROXY === 'true',
    webDistDir: resolve(import.meta.dirname, '../../web/dist'),
    smtpUrl: env.ACCORD_SMTP_URL || undefined,
    mailFrom: env.ACCORD_MAIL_FROM ?? 'Accord <accord@localhost>',
    webhookTimeoutMs: Number(env.ACCORD_WEBHOOK_TIMEOUT_MS ?? 10_000),
    importMaxBytes: Number(env.ACCORD_IMPORT_MAX_BYTES ?? 2 * 1024 ** 3),
    outboundAllow: parseOutboundAllow(env.ACCORD_OUTBOUND_ALLOW ?? ''),
  };
}

/** A typo in a security setting must stop the start, not silently allow less or more than meant. */
function parseOutboundAllow(text: string): string[] {
  const entries = text
    .split(',')
    .map((e) => e.trim())
    .filter((e) => e !== '');
  for (const entry of entries) {
    if (parseAllowedRange(entry) === undefined) {
      throw new Error(`ACCORD_OUTBOUND_ALLOW: "${entry}" is not an IPv4 or IPv6 range like 10.0.0.0/8`);
    }
  }
  return entries;
}
