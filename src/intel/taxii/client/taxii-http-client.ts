// A TAXII 2.1 client over fetch: resolves an API root from a discovery or API root URL, pages a
// collection's objects (next cursor, added_after), posts envelopes and waits on their status.
// @see TAXII 2.1 sections 4.1 (discovery), 5.3 (get objects), 5.4 (add objects), 4.3 (status).
import { AppError } from '../../../platform/errors/app-error.ts';
import type { FetchLike } from '../../../platform/http/outbound-fetch.ts';
import { TAXII_MEDIA_TYPE } from '../media-types.ts';

export type TaxiiCredentials =
  { kind: 'none' } | { kind: 'token'; token: string } | { kind: 'basic'; user: string; password: string };

export type TaxiiPage = {
  objects: unknown[];
  more: boolean;
  next: string | undefined;
  dateAddedLast: string | undefined;
};
export type TaxiiStatus = {
  id: string;
  status: 'pending' | 'complete';
  total_count: number;
  success_count: number;
  failure_count: number;
  pending_count: number;
  failures?: { id: string; version: string; message?: string }[];
};

export type TaxiiClient = {
  /** The API root URL (ending in `/`) for a discovery URL (its default root) or an API root URL. */
  resolveApiRoot(url: string): Promise<string>;
  getPage(
    apiRoot: string,
    collectionId: string,
    query: { addedAfter?: string | undefined; next?: string | undefined; limit: number },
  ): Promise<TaxiiPage>;
  addObjects(apiRoot: string, collectionId: string, objects: unknown[]): Promise<TaxiiStatus>;
  getStatus(apiRoot: string, statusId: string): Promise<TaxiiStatus>;
};

export type TaxiiClientOptions = {
  credentials: TaxiiCredentials;
  timeoutMs?: number;
  /**
   * How requests leave: required, so every caller decides whether the outbound guard applies
   * (feeds: createOutboundFetch; the CLI run by an operator: the global fetch; see docs/taxii.md).
   */
  fetch: FetchLike;
};

function authorization(c: TaxiiCredentials): Record<string, string> {
  switch (c.kind) {
    case 'none':
      return {};
    case 'token':
      return { authorization: `Bearer ${c.token}` };
    case 'basic':
      return { authorization: `Basic ${Buffer.from(`${c.user}:${c.password}`).toString('base64')}` };
  }
}

const withSlash = (url: string) => (url.endsWith('/') ? url : `${url}/`);

export function createTaxiiClient(options: TaxiiClientOptions): TaxiiClient {
  const doFetch = options.fetch;
  const timeoutMs = options.timeoutMs ?? 60_000;

  async function call(method: 'GET' | 'POST', url: string, body?: unknown) {
    let res: Response;
    try {
      res = await doFetch(url, {
        method,
        headers: {
          accept: TAXII_MEDIA_TYPE,
          ...(body === undefined ? {} : { 'content-type': TAXII_MEDIA_TYPE }),
          ...authorization(options.credentials),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        signal: AbortSignal.timeout(timeoutMs),
        redirect: 'error',
      });
    } catch (error) {
      if (error instanceof AppError) {
        throw error;
      }
      throw new AppError('TAXII_REMOTE_FAILED', `cannot reach ${url}: ${(error as Error).message}`);
    }
    const text = await res.text();
    let json: unknown;
    try {
      json = text === '' ? {} : JSON.parse(text);
    } catch {
      throw new AppError('TAXII_REMOTE_FAILED', `${url} answered ${res.status} with a body that is not JSON`);
    }
    if (!res.ok) {
      const description = (json as { description?: unknown }).description;
      throw new AppError(
        'TAXII_REMOTE_FAILED',
        `${method} ${url} answered ${res.status}${typeof description === 'string' ? `: ${description}` : ''}`,
      );
    }
    return { json: json as Record<string, unknown>, headers: res.headers };
  }

  const client: TaxiiClient = {
    async resolveApiRoot(url) {
      const { json } = await call('GET', withSlash(url));
      if (Array.isArray(json.api_roots) || typeof json.default === 'string') {
        const root = typeof json.default === 'string' ? json.default : (json.api_roots as unknown[])[0];
        if (typeof root !== 'string') {
          throw new AppError('TAXII_REMOTE_FAILED', `${url} lists no API root`);
        }
        return withSlash(new URL(root, url).toString());
      }
      if (Array.isArray(json.versions)) {
        return withSlash(url);
      }
      throw new AppError('TAXII_REMOTE_FAILED', `${url} is neither a TAXII discovery nor an API root URL`);
    },

    async getPage(apiRoot, collectionId, query) {
      const params = new URLSearchParams({ limit: String(query.limit) });
      if (query.next !== undefined) {
        params.set('next', query.next);
      }
      if (query.addedAfter !== undefined) {
        params.set('added_after', query.addedAfter);
      }
      const url = `${apiRoot}collections/${encodeURIComponent(collectionId)}/objects/?${params.toString()}`;
      const { json, headers } = await call('GET', url);
      const objects = json.objects ?? [];
      if (!Array.isArray(objects)) {
        throw new AppError('TAXII_REMOTE_FAILED', `${url} answered an envelope without an objects array`);
      }
      return {
        objects,
        more: json.more === true,
        next: typeof json.next === 'string' ? json.next : undefined,
        dateAddedLast: headers.get('x-taxii-date-added-last') ?? undefined,
      };
    },

    async addObjects(apiRoot, collectionId, objects) {
      const url = `${apiRoot}collections/${encodeURIComponent(collectionId)}/objects/`;
      return (await call('POST', url, { objects })).json as TaxiiStatus;
    },

    async getStatus(apiRoot, statusId) {
      return (await call('GET', `${apiRoot}status/${encodeURIComponent(statusId)}/`)).json as TaxiiStatus;
    },
  };
  return client;
}
