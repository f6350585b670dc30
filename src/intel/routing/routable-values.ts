// The values a routing run routes: IP addresses, CIDR blocks and domains, taken from stored STIX
// objects (indicator patterns that are plain lists of observables, address and domain SCOs, URL hosts)
// or from an uploaded list (one value per line, optionally the first field of a CSV line).
import { parsePattern } from '../pattern/parser.ts';
import { extractMatchable } from '../pattern/matchable.ts';
import { normaliseDomain, normaliseIp, normaliseUrl } from '../matcher/normalise.ts';

export type RoutableValue = { kind: 'ip' | 'domain'; value: string };

/** A value or CIDR block in canonical form, or undefined when the text is neither an address nor a domain. */
export function classifyValue(text: string): RoutableValue | undefined {
  const trimmed = text.trim();
  const ip = normaliseIp('ipv4', trimmed) ?? normaliseIp('ipv6', trimmed);
  if (ip !== undefined) {
    return { kind: 'ip', value: ip };
  }
  // A bare word such as "localhost" is not routable: a domain needs a dot to have a TLD.
  const domain = trimmed.includes('.') ? normaliseDomain(trimmed) : undefined;
  return domain === undefined ? undefined : { kind: 'domain', value: domain };
}

function hostOfUrl(url: string): RoutableValue | undefined {
  const canonical = normaliseUrl(url);
  if (canonical === undefined) {
    return undefined;
  }
  try {
    return classifyValue(new URL(canonical).hostname.replace(/^\[|\]$/g, ''));
  } catch {
    return undefined;
  }
}

/** Routable values of one STIX object; patterns that are not plain observable lists give none. */
export function routableValuesOfObject(object: Record<string, unknown>): RoutableValue[] {
  const out: RoutableValue[] = [];
  const push = (v: RoutableValue | undefined) => {
    if (v && !out.some((o) => o.kind === v.kind && o.value === v.value)) {
      out.push(v);
    }
  };
  const type = object.type;
  if (type === 'indicator' && typeof object.pattern === 'string' && object.pattern_type === 'stix') {
    const parsed = parsePattern(object.pattern);
    const values = parsed.ok ? extractMatchable(parsed.value) : undefined;
    for (const v of values?.ok ? values.value : []) {
      if (v.kind === 'ipv4' || v.kind === 'ipv6' || v.kind === 'domain') {
        push(classifyValue(v.value));
      } else if (v.kind === 'url') {
        push(hostOfUrl(v.value));
      }
    }
  } else if (
    (type === 'ipv4-addr' || type === 'ipv6-addr' || type === 'domain-name') &&
    typeof object.value === 'string'
  ) {
    push(classifyValue(object.value));
  } else if (type === 'url' && typeof object.value === 'string') {
    push(hostOfUrl(object.value));
  }
  return out;
}

export type ParsedList = { values: RoutableValue[]; invalid: { line: number; text: string }[] };

/** One value per line; `#` starts a comment; in CSV lines the first field is the value. */
export function parseValueList(text: string): ParsedList {
  const values: RoutableValue[] = [];
  const invalid: ParsedList['invalid'] = [];
  const seen = new Set<string>();
  for (const [index, rawLine] of text.split(/\r?\n/).entries()) {
    const line = rawLine.replace(/#.*$/, '').trim();
    if (line === '') {
      continue;
    }
    const field = (line.split(/[,;\t ]/)[0] ?? '').replace(/^"|"$/g, '');
    const v = classifyValue(field);
    if (v === undefined) {
      // A header line ("ip,first_seen") is not an error worth reporting when it is the first line.
      if (!(values.length === 0 && invalid.length === 0 && /^[a-z_ -]+$/i.test(field))) {
        invalid.push({ line: index + 1, text: rawLine.slice(0, 200) });
      }
      continue;
    }
    if (!seen.has(`${v.kind} ${v.value}`)) {
      seen.add(`${v.kind} ${v.value}`);
      values.push(v);
    }
  }
  return { values, invalid };
}
