// Suricata EVE JSON: the fields that carry observables, by event type. Addresses (src_ip, dest_ip,
// DNS answers) must parse or are counted as invalid; HTTP hostname + url make a URL.
// @see https://docs.suricata.io/en/latest/output/eve/eve-json-format.html
import { classifyAddress, classifyValue, isLikelyDomain } from './extract-classify.ts';
import { parseJsonLine } from './extract-json.ts';
import type { LineExtractor, LineSink } from './extract-formats.ts';

type Json = Record<string, unknown>;
const object = (v: unknown): Json | undefined =>
  v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : undefined;
const text = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : v === undefined ? [] : [v]);

function address(value: unknown, field: string, sink: LineSink): void {
  const s = text(value);
  const parsed = s === undefined ? undefined : classifyAddress(s);
  if (parsed) {
    sink.observable(parsed.kind, parsed.value, field);
  } else if (s !== undefined) {
    sink.invalid(field, s);
  }
}

function hostname(value: unknown, field: string, sink: LineSink): void {
  const s = text(value)?.replace(/\.$/, '');
  if (s === undefined) {
    return;
  }
  const parsed = classifyAddress(s);
  if (parsed) {
    sink.observable(parsed.kind, parsed.value, field);
  } else if (isLikelyDomain(s)) {
    sink.observable('domain', s, field);
  } else {
    sink.invalid(field, s);
  }
}

/** A value that may be anything matchable (DNS rdata, URLs, digests, e-mail addresses). */
function any(value: unknown, field: string, sink: LineSink): void {
  // "Name <user@example.org>" and "<user@example.org>" in mail headers: the address between brackets.
  const s = text(value)?.replace(/^[^<]*<([^>]*)>\s*$/, '$1');
  const parsed = s === undefined ? undefined : classifyValue(s);
  if (parsed) {
    sink.observable(parsed.kind, parsed.value, field);
  }
}

function dns(d: Json, sink: LineSink): void {
  hostname(d.rrname, 'dns.rrname', sink);
  list(d.queries).forEach((q, i) => hostname(object(q)?.rrname, `dns.queries[${i}].rrname`, sink));
  list(d.answers).forEach((a, i) => {
    hostname(object(a)?.rrname, `dns.answers[${i}].rrname`, sink);
    any(object(a)?.rdata, `dns.answers[${i}].rdata`, sink);
  });
  for (const [type, values] of Object.entries(object(d.grouped) ?? {})) {
    list(values).forEach((v, i) => any(v, `dns.grouped.${type}[${i}]`, sink));
  }
}

function http(h: Json, sink: LineSink): void {
  hostname(h.hostname, 'http.hostname', sink);
  const host = text(h.hostname);
  const url = text(h.url);
  if (url !== undefined && /^[a-z][a-z0-9+.-]*:\/\//i.test(url)) {
    any(url, 'http.url', sink);
  } else if (url !== undefined && host !== undefined) {
    const port = typeof h.http_port === 'number' && h.http_port !== 80 ? `:${h.http_port}` : '';
    any(`http://${host}${port}${url.startsWith('/') ? '' : '/'}${url}`, 'http.hostname+http.url', sink);
  }
  any(h.http_refer, 'http.http_refer', sink);
}

export function extractEve(event: Json, sink: LineSink): void {
  address(event.src_ip, 'src_ip', sink);
  address(event.dest_ip, 'dest_ip', sink);
  const dnsEvent = object(event.dns);
  if (dnsEvent) {
    dns(dnsEvent, sink);
  }
  const httpEvent = object(event.http);
  if (httpEvent) {
    http(httpEvent, sink);
  }
  hostname(object(event.tls)?.sni, 'tls.sni', sink);
  hostname(object(event.quic)?.sni, 'quic.sni', sink);
  const file = object(event.fileinfo);
  for (const digest of ['md5', 'sha1', 'sha256'] as const) {
    any(file?.[digest], `fileinfo.${digest}`, sink);
  }
  const email = object(event.email);
  list(email?.from).forEach((v, i) => any(v, `email.from[${i}]`, sink));
  list(email?.to).forEach((v, i) => any(v, `email.to[${i}]`, sink));
  const smtp = object(event.smtp);
  any(smtp?.mail_from, 'smtp.mail_from', sink);
  list(smtp?.rcpt_to).forEach((v, i) => any(v, `smtp.rcpt_to[${i}]`, sink));
}

export function createEveExtractor(): LineExtractor {
  return {
    format: 'eve',
    extract(line, sink) {
      const event = object(parseJsonLine(line));
      if (!event) {
        return 'malformed';
      }
      extractEve(event, sink);
      return 'data';
    },
  };
}
