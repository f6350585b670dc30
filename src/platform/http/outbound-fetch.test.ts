// The guarded fetch against a real server on loopback: refused by default, allowed by the policy,
// and connected to the address the guard checked even when the name would resolve elsewhere.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOutboundFetch } from './outbound-fetch.ts';

let server: Server;
let port: number;
const seen: { method: string; host: string; body: string }[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString('utf8')));
    req.on('end', () => {
      seen.push({ method: req.method ?? '', host: req.headers.host ?? '', body });
      if (req.url === '/moved') {
        res.writeHead(302, { location: 'http://169.254.169.254/' }).end();
        return;
      }
      res.writeHead(201, { 'content-type': 'application/json', 'x-extra': 'yes' }).end('{"ok":true}');
    });
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  port = (server.address() as AddressInfo).port;
});
afterAll(() => new Promise<void>((done) => server.close(() => done())));

describe('outbound fetch', () => {
  it('refuses loopback unless allowed, before any connection', async () => {
    const before = seen.length;
    const refused = createOutboundFetch({ allow: [] });
    await expect(refused(`http://127.0.0.1:${port}/`, { method: 'GET' })).rejects.toMatchObject({
      code: 'OUTBOUND_REQUEST_REFUSED',
    });
    expect(seen.length).toBe(before);
  });

  it('sends the method, headers and body and answers a Response when allowed', async () => {
    const allowed = createOutboundFetch({ allow: ['127.0.0.1/32'] });
    const res = await allowed(`http://127.0.0.1:${port}/objects/`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"objects":[]}',
    });
    expect(res.status).toBe(201);
    expect(res.headers.get('x-extra')).toBe('yes');
    expect(await res.json()).toEqual({ ok: true });
    expect(seen.at(-1)).toMatchObject({ method: 'POST', body: '{"objects":[]}' });
  });

  it('connects to the checked address, not to a second resolution of the name', async () => {
    let resolutions = 0;
    const pinned = createOutboundFetch({
      allow: ['127.0.0.1/32'],
      resolve: async () => {
        resolutions += 1;
        return [{ address: '127.0.0.1', family: 4 }];
      },
    });
    // "rebind.invalid" has no DNS record: reaching the server proves the checked address was used.
    const res = await pinned(`http://rebind.invalid:${port}/`, { method: 'GET' });
    expect(res.status).toBe(201);
    await res.body?.cancel();
    expect(resolutions).toBe(1);
    expect(seen.at(-1)?.host).toBe(`rebind.invalid:${port}`);
  });

  it('refuses a name the resolver maps to a private address', async () => {
    const guarded = createOutboundFetch({
      allow: [],
      resolve: async () => [{ address: '10.9.8.7', family: 4 }],
    });
    await expect(guarded('https://hooks.team.example/', { method: 'POST' })).rejects.toThrow(
      /hooks\.team\.example resolves to 10\.9\.8\.7/,
    );
  });

  it('does not follow a redirect', async () => {
    const allowed = createOutboundFetch({ allow: ['127.0.0.1/32'] });
    await expect(allowed(`http://127.0.0.1:${port}/moved`, { method: 'GET' })).rejects.toThrow(
      /redirect to http:\/\/169\.254\.169\.254\/ refused/,
    );
  });
});
