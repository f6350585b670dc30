// The browser's API client: JSON in and out, the CSRF token on every write, errors as ApiError with
// the server's code, message and per-field details. When the server says the session is gone or the
// user must first change their password or enrol MFA, listeners hear it so the shell can react.
import type { MeView } from '../../../src/platform/identity/schemas.ts';

export type Me = MeView;
export type Organisation = Me['memberships'][number]['organisation'];
export type Role = Me['memberships'][number]['role'];
/** One field's problem: `code` and `params` (when the server gives them) let the UI word it per language. */
export type ErrorDetail = {
  path: string;
  reason: string;
  code?: string;
  params?: Record<string, string | number>;
};

export class ApiError extends Error {
  readonly code: string;
  readonly status: number;
  readonly details: ErrorDetail[];
  /** Seconds to wait before retrying, from a Retry-After header. */
  readonly retryAfter: number | undefined;
  constructor(
    status: number,
    code: string,
    message: string,
    details: ErrorDetail[] = [],
    retryAfter?: number,
  ) {
    super(message);
    this.status = status;
    this.code = code;
    this.details = details;
    this.retryAfter = retryAfter;
  }
  /** The reason given for one field, e.g. `body.newPassword`. */
  fieldError(field: string): string | undefined {
    return this.details.find((d) => d.path === field || d.path === `body.${field}`)?.reason;
  }
}

/** Why the server turned a logged-in request away: the session ended, or a gate must be passed first. */
export type AuthInterruption = 'session-ended' | 'gate';
const SESSION_ENDED = new Set(['AUTH_REQUIRED', 'AUTH_SESSION_EXPIRED']);
const GATES = new Set(['AUTH_PASSWORD_CHANGE_REQUIRED', 'AUTH_MFA_ENROLMENT_REQUIRED']);
// Login and "who am I" answer 401 as part of their normal work; only other calls mean the session ended.
const SESSION_PROBES = new Set(['/auth/login', '/auth/me']);
const listeners = new Set<(why: AuthInterruption) => void>();

export function onAuthInterrupted(listener: (why: AuthInterruption) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

let csrfToken: string | null = null;
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** Headers of a write that does not go through api() (a raw upload streamed as the body). */
export function writeHeaders(): Record<string, string> {
  return csrfToken ? { 'x-csrf-token': csrfToken } : {};
}

export async function api<T>(
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
  path: string,
  body?: unknown,
): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (body !== undefined) {
    headers['content-type'] = 'application/json';
  }
  if (method !== 'GET' && csrfToken) {
    headers['x-csrf-token'] = csrfToken;
  }
  let res: Response;
  try {
    res = await fetch(`/api/v1${path}`, {
      method,
      headers,
      credentials: 'same-origin',
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
  } catch {
    throw new ApiError(0, 'NETWORK', 'network error');
  }
  if (res.status === 204) {
    return undefined as T;
  }
  const data = (await res.json().catch(() => ({}))) as {
    error?: { code: string; message: string; details?: ErrorDetail[] };
  };
  if (!res.ok) {
    const retryAfter = Number(res.headers.get('retry-after')) || undefined;
    const error = new ApiError(
      res.status,
      data.error?.code ?? 'INTERNAL',
      data.error?.message ?? res.statusText,
      data.error?.details ?? [],
      retryAfter,
    );
    if (SESSION_ENDED.has(error.code) && !SESSION_PROBES.has(path)) {
      listeners.forEach((l) => l('session-ended'));
    } else if (GATES.has(error.code)) {
      listeners.forEach((l) => l('gate'));
    }
    throw error;
  }
  return data as T;
}
