import { describe, expect, it } from 'vitest';
import { AppError } from '../errors/app-error.ts';
import {
  assertOutboundUrl,
  checkOutboundUrl,
  refusalOf,
  type OutboundResolver,
  type ResolvedAddress,
} from './outbound-guard.ts';

/** A resolver answering from a table, so no test depends on the machine's DNS. */
function resolverOf(table: Record<string, ResolvedAddress[]>): OutboundResolver {
  return async (host) => {
    const answer = table[host];
    if (!answer) {
      throw new Error(`getaddrinfo ENOTFOUND ${host}`);
    }
    return answer;
  };
}
const resolve = resolverOf({
  'taxii.partner.example': [{ address: '193.0.6.139', family: 4 }],
  'rebind.example': [{ address: '10.1.2.3', family: 4 }],
  'metadata.example': [{ address: '169.254.169.254', family: 4 }],
  'mixed.example': [
    { address: '193.0.6.139', family: 4 },
    { address: 'fd00::1', family: 6 },
  ],
  'v6.partner.example': [{ address: '2001:67c:2e8:22::c100:68b', family: 6 }],
});

const refused = async (url: string, allow: string[] = []) => {
  const verdict = await checkOutboundUrl(url, { allow, resolve });
  return verdict.ok ? undefined : verdict.reason;
};

describe('outbound guard: addresses', () => {
  it.each([
    ['127.0.0.1', /Loopback/],
    ['10.0.0.1', /Private-Use/],
    ['172.16.5.4', /Private-Use/],
    ['192.168.1.1', /Private-Use/],
    ['169.254.169.254', /Link Local/],
    ['100.64.0.1', /Shared Address Space/],
    ['0.0.0.0', /This host/],
    ['::1', /Loopback Address/],
    ['::', /Unspecified/],
    ['fd12:3456::1', /Unique-Local/],
    ['fe80::1', /Link-Local/],
    ['::ffff:127.0.0.1', /carries 127\.0\.0\.1: .*Loopback/],
    ['::ffff:7f00:1', /carries 127\.0\.0\.1/],
    ['64:ff9b::a00:1', /carries 10\.0\.0\.1/],
  ])('refuses %s', (address, why) => {
    expect(refusalOf(address, [])).toMatch(why);
  });

  it.each(['193.0.6.139', '8.8.8.8', '2001:67c:2e8:22::c100:68b', '::ffff:193.0.6.139'])(
    'lets the public address %s through',
    (address) => {
      expect(refusalOf(address, [])).toBeUndefined();
    },
  );

  it('lets an allowed range through, and only that range', () => {
    expect(refusalOf('127.0.0.1', ['127.0.0.1/32'])).toBeUndefined();
    expect(refusalOf('127.0.0.2', ['127.0.0.1/32'])).toMatch(/Loopback/);
    expect(refusalOf('10.20.30.40', ['10.0.0.0/8'])).toBeUndefined();
    expect(refusalOf('192.168.0.1', ['10.0.0.0/8'])).toMatch(/Private-Use/);
    expect(refusalOf('fd00::5', ['fd00::/8'])).toBeUndefined();
    expect(refusalOf('fe80::1', ['fd00::/8'])).toMatch(/Link-Local/);
    // The IPv4-mapped form of an allowed IPv4 address reaches the same host.
    expect(refusalOf('::ffff:127.0.0.1', ['127.0.0.1/32'])).toBeUndefined();
  });
});

describe('outbound guard: URLs', () => {
  it('refuses literal internal hosts in every spelling the URL parser accepts', async () => {
    expect(await refused('http://127.0.0.1:8080/taxii2/')).toMatch(/127\.0\.0\.1 is a special-purpose/);
    expect(await refused('http://2130706433/')).toMatch(/127\.0\.0\.1.*Loopback/);
    expect(await refused('http://0x7f.1/')).toMatch(/127\.0\.0\.1.*Loopback/);
    expect(await refused('http://0177.0.0.1/')).toMatch(/127\.0\.0\.1.*Loopback/);
    expect(await refused('http://[::1]/hook')).toMatch(/::1.*Loopback Address/);
    expect(await refused('http://[::ffff:127.0.0.1]/')).toMatch(/carries 127\.0\.0\.1/);
    expect(await refused('http://169.254.169.254/latest/meta-data/')).toMatch(/Link Local/);
    expect(await refused('http://[fc00::1]/')).toMatch(/Unique-Local/);
  });

  it('refuses a name that resolves to a private address, or to one among public ones', async () => {
    expect(await refused('https://rebind.example/hook')).toMatch(/rebind\.example resolves to 10\.1\.2\.3/);
    expect(await refused('https://metadata.example/')).toMatch(/169\.254\.169\.254/);
    expect(await refused('https://mixed.example/')).toMatch(/fd00::1.*Unique-Local/);
  });

  it('answers the checked address for a public name, which the connection then uses', async () => {
    const verdict = await checkOutboundUrl('https://taxii.partner.example/taxii2/', { allow: [], resolve });
    expect(verdict).toMatchObject({ ok: true, address: { address: '193.0.6.139', family: 4 } });
    const v6 = await checkOutboundUrl('https://v6.partner.example/', { allow: [], resolve });
    expect(v6).toMatchObject({ ok: true, address: { family: 6 } });
  });

  it('allows loopback when the operator listed it', async () => {
    expect(await refused('http://127.0.0.1:8080/', ['127.0.0.1/32'])).toBeUndefined();
    expect(await refused('http://2130706433/', ['127.0.0.0/8'])).toBeUndefined();
  });

  it('refuses other schemes and non-URLs', async () => {
    expect(await refused('file:///etc/passwd')).toMatch(/file: is not http/);
    expect(await refused('gopher://193.0.6.139/')).toMatch(/not http/);
    expect(await refused('not a url')).toMatch(/not a URL/);
  });

  it('says a name does not resolve, and a save accepts that (each request checks again)', async () => {
    const verdict = await checkOutboundUrl('https://nowhere.example/', { allow: [], resolve });
    expect(verdict).toMatchObject({ ok: false, kind: 'unresolved' });
    await expect(
      assertOutboundUrl('https://nowhere.example/', { allow: [], resolve }, 'notifyWebhook'),
    ).resolves.toBeUndefined();
  });

  it('a refused save is an AppError naming the field', async () => {
    const error = await assertOutboundUrl('http://10.0.0.8/', { allow: [], resolve }, 'url').catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({
      code: 'OUTBOUND_REQUEST_REFUSED',
      details: [{ path: 'url', code: 'outbound_refused' }],
    });
  });
});
