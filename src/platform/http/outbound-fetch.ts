// A fetch for requests Accord makes on a user's behalf (feed pulls, webhooks): the URL passes the
// outbound guard first, then node:http connects to exactly the address the guard checked (a custom
// `lookup` answers it), so a name cannot resolve to a public address for the check and a private one
// for the connection. Redirects are never followed: each hop would need its own check.
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { LookupFunction } from 'node:net';
import { Readable } from 'node:stream';
import { AppError } from '../errors/app-error.ts';
import {
  checkOutboundUrl,
  redactUrl,
  type OutboundPolicy,
  type ResolvedAddress,
} from '../net/outbound-guard.ts';

/** The part of fetch the outbound callers use; the global fetch has this shape too. */
export type FetchLike = (url: string, init: RequestInit) => Promise<Response>;

const NULL_BODY_STATUSES = new Set([101, 204, 205, 304]);

function pinnedLookup(target: ResolvedAddress): LookupFunction {
  return (_hostname, options, callback) => {
    if ((options as { all?: boolean }).all) {
      (callback as (e: null, a: { address: string; family: number }[]) => void)(null, [target]);
    } else {
      callback(null, target.address, target.family);
    }
  };
}

function toResponse(res: IncomingMessage): Response {
  const headers = new Headers();
  for (let i = 0; i + 1 < res.rawHeaders.length; i += 2) {
    headers.append(res.rawHeaders[i]!, res.rawHeaders[i + 1]!);
  }
  const status = res.statusCode ?? 502;
  const body = NULL_BODY_STATUSES.has(status) ? null : (Readable.toWeb(res) as ReadableStream<Uint8Array>);
  if (body === null) {
    res.resume();
  }
  return new Response(body, { status, statusText: res.statusMessage ?? '', headers });
}

function bodyOf(init: RequestInit): string | Uint8Array | undefined {
  if (init.body === undefined || init.body === null) {
    return undefined;
  }
  if (typeof init.body === 'string' || init.body instanceof Uint8Array) {
    return init.body;
  }
  throw new TypeError('the outbound fetch sends string or byte bodies only');
}

/** A fetch that refuses special-purpose addresses (OUTBOUND_REQUEST_REFUSED) unless the policy allows them. */
export function createOutboundFetch(policy: OutboundPolicy): FetchLike {
  return async (raw, init) => {
    const verdict = await checkOutboundUrl(raw, policy);
    if (!verdict.ok) {
      let shown = raw;
      try {
        shown = redactUrl(new URL(raw));
      } catch {
        // not a URL: the reason says so
      }
      throw new AppError('OUTBOUND_REQUEST_REFUSED', `refused to connect to ${shown}: ${verdict.reason}`, [
        { path: 'url', reason: verdict.reason, code: 'outbound_refused' },
      ]);
    }
    const { url, address } = verdict;
    const request = url.protocol === 'https:' ? httpsRequest : httpRequest;
    const body = bodyOf(init);
    return new Promise<Response>((resolve, reject) => {
      const req = request(
        url,
        {
          method: init.method ?? 'GET',
          headers: Object.fromEntries(new Headers(init.headers).entries()),
          lookup: pinnedLookup(address),
          // No pooled socket: a kept-alive connection made under another policy (or to an address
          // checked earlier) must not carry this request. A feed run makes a handful of requests.
          agent: false,
          ...(init.signal ? { signal: init.signal } : {}),
        },
        (res) => {
          const status = res.statusCode ?? 0;
          if (status >= 300 && status < 400 && res.headers.location !== undefined) {
            res.resume();
            reject(new TypeError(`redirect to ${res.headers.location} refused`));
            return;
          }
          resolve(toResponse(res));
        },
      );
      req.on('error', reject);
      req.end(body);
    });
  };
}
