// MISP attribute types and the STIX 2.1 patterns (and observables) they become. Types not listed are
// reported as not converted rather than guessed. The mapping is documented in docs/misp-mapping.md.
import { isIP } from 'node:net';

/** Escapes a value for a STIX pattern string literal (STIX 2.1 section 9.4: \\ and ' escaped). */
export function quote(value: string): string {
  return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

const ipPath = (ip: string) => `${isIP(ip) === 6 ? 'ipv6-addr' : 'ipv4-addr'}:value`;
const HASHES: Record<string, string> = {
  md5: 'MD5',
  sha1: 'SHA-1',
  sha256: 'SHA-256',
  sha512: 'SHA-512',
  ssdeep: 'SSDEEP',
  tlsh: 'TLSH',
};

export type Comparison = { path: string; value: string; raw?: boolean };
export type Mapped = { comparisons: Comparison[] } | { error: string };

/** The comparisons (ANDed) a MISP attribute stands for. */
export function mapAttribute(type: string, value: string): Mapped {
  const [left = '', right = ''] = value.split('|');
  const need = (ok: boolean, what: string): Mapped | undefined =>
    ok ? undefined : { error: `value "${value}" is not ${what}` };
  switch (type) {
    case 'ip-src':
    case 'ip-dst':
      return need(isIP(value) !== 0, 'an IP address') ?? { comparisons: [{ path: ipPath(value), value }] };
    case 'ip-src|port':
    case 'ip-dst|port':
      return (
        need(isIP(left) !== 0 && /^\d{1,5}$/.test(right), 'an IP address and a port') ?? {
          comparisons: [
            { path: `network-traffic:dst_ref.value`, value: left },
            { path: 'network-traffic:dst_port', value: right, raw: true },
          ],
        }
      );
    case 'domain':
    case 'hostname':
      return (
        need(/^[^\s/|]+\.[^\s/|]+$/.test(value), 'a domain name') ?? {
          comparisons: [{ path: 'domain-name:value', value }],
        }
      );
    case 'domain|ip':
    case 'hostname|ip':
      return (
        need(isIP(right) !== 0, 'a domain and an IP address') ?? {
          comparisons: [
            { path: 'domain-name:value', value: left },
            { path: 'domain-name:resolves_to_refs[*].value', value: right },
          ],
        }
      );
    case 'url':
    case 'uri':
      return { comparisons: [{ path: 'url:value', value }] };
    case 'email':
    case 'email-src':
    case 'email-dst':
      return (
        need(/^[^@\s]+@[^@\s]+$/.test(value), 'an e-mail address') ?? {
          comparisons: [{ path: 'email-addr:value', value }],
        }
      );
    case 'email-subject':
      return { comparisons: [{ path: 'email-message:subject', value }] };
    case 'filename':
      return { comparisons: [{ path: 'file:name', value }] };
    case 'mutex':
      return { comparisons: [{ path: 'mutex:name', value }] };
    case 'regkey':
      return { comparisons: [{ path: 'windows-registry-key:key', value }] };
    case 'AS':
      return (
        need(/^(AS)?\d+$/i.test(value), 'an AS number') ?? {
          comparisons: [{ path: 'autonomous-system:number', value: value.replace(/^AS/i, ''), raw: true }],
        }
      );
    case 'user-agent':
      return {
        comparisons: [
          { path: "network-traffic:extensions.'http-request-ext'.request_header.'User-Agent'", value },
        ],
      };
    default:
      break;
  }
  const hash = HASHES[type];
  if (hash) {
    return { comparisons: [{ path: `file:hashes.'${hash}'`, value }] };
  }
  const fileHash = /^filename\|(\w+)$/.exec(type)?.[1];
  if (fileHash && HASHES[fileHash]) {
    return {
      comparisons: [
        { path: 'file:name', value: left },
        { path: `file:hashes.'${HASHES[fileHash]}'`, value: right },
      ],
    };
  }
  return { error: `MISP type "${type}" has no STIX pattern mapping in Accord` };
}

export function toPattern(comparisons: Comparison[]): string {
  return `[${comparisons.map((c) => `${c.path} = ${c.raw ? c.value : quote(c.value)}`).join(' AND ')}]`;
}
