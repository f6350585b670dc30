// The browser's API client: JSON in and out, the CSRF token on every write, errors as ApiError with
// the server's code, message and per-field details.

export type ErrorDetail = { path: string; reason: string };

export class ApiError extends Error {
  readonly code: string;
  readonly status: number;
  readonly details: ErrorDetail[];
  constructor(status: number, code: string, message: string, details: ErrorDetail[] = []) {
    super(message);
    this.status = status;
    this.code = code;
    this.details = details;
  }
  /** The reason given for one field, e.g. `body.newPassword`. */
  fieldError(field: string): string | undefined {
    return this.details.find((d) => d.path === field || d.path === `body.${field}`)?.reason;
  }
}

let csrfToken: string | null = null;
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
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
  const res = await fetch(`/api/v1${path}`, {
    method,
    headers,
    credentials: 'same-origin',
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  if (res.status === 204) {
    return undefined as T;
  }
  const data = (await res.json().catch(() => ({}))) as {
    error?: { code: string; message: string; details?: ErrorDetail[] };
  };
  if (!res.ok) {
    throw new ApiError(
      res.status,
      data.error?.code ?? 'INTERNAL',
      data.error?.message ?? res.statusText,
      data.error?.details ?? [],
    );
  }
  return data as T;
}

export type Organisation = { id: string; name: string; country: string; kind: string };
export type Me = {
  id: string;
  email: string;
  displayName: string;
  language: 'en' | 'fr' | 'es' | 'ar';
  languages: string[];
  isAdmin: boolean;
  mustChangePassword: boolean;
  mfaEnabled: boolean;
  mfaEnrolmentRequired: boolean;
  memberships: { role: 'org-admin' | 'analyst' | 'reader'; organisation: Organisation }[];
};
