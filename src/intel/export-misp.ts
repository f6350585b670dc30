// MISP core JSON export of what an actor may see: one event whose attributes are the values of the
// visible indicators (to_ids) and observables (context), each tagged with its object's TLP. Streamed
// page by page like the STIX and CSV exports; objects without a MISP counterpart are left out.
// The mapping is the reverse of docs/misp-mapping.md.
import { createHash, randomUUID } from 'node:crypto';
import type { Ctx } from '../platform/context.ts';
import type { Actor } from '../platform/access/policy.ts';
import type { ComparisonExpression, Pattern } from './pattern/ast.ts';
import { parsePattern } from './pattern/parser.ts';
import { pathValueOf } from './pattern/value-normalisers.ts';
import { visiblePages, type ExportFilter } from './export.ts';
import type { ObjectRow } from './store.ts';

type MispValue = { type: string; category: string; value: string };

const NETWORK = 'Network activity';
const PAYLOAD = 'Payload delivery';
const HASH_TYPES: Record<string, string> = {
  MD5: 'md5',
  'SHA-1': 'sha1',
  'SHA-256': 'sha256',
  'SHA-512': 'sha512',
  SSDEEP: 'ssdeep',
  TLSH: 'tlsh',
};
const VALUE_TYPES: Record<string, string> = {
  ipv4: 'ip-dst',
  ipv6: 'ip-dst',
  domain: 'domain',
  url: 'url',
  email: 'email-src',
};

function comparisonValues(node: ComparisonExpression, out: MispValue[]): void {
  if (node.type === 'comparison-join') {
    node.operands.forEach((o) => comparisonValues(o, out));
    return;
  }
  if (node.type === 'exists' || node.negated || node.operator !== '=' || node.value.type !== 'string') {
    return;
  }
  const pv = pathValueOf(node.path);
  const type =
    pv === undefined ? undefined : pv.kind === 'hash' ? HASH_TYPES[pv.algorithm ?? ''] : VALUE_TYPES[pv.kind];
  if (pv !== undefined && type !== undefined) {
    out.push({ type, category: pv.kind === 'hash' ? PAYLOAD : NETWORK, value: node.value.value });
  }
}

function patternValues(pattern: Pattern, out: MispValue[]): void {
  if (pattern.type === 'observation') {
    comparisonValues(pattern.expression, out);
  } else if (pattern.type === 'qualified') {
    patternValues(pattern.expression, out);
  } else {
    pattern.operands.forEach((o) => patternValues(o, out));
  }
}

const SCO_TYPES: Record<string, string> = {
  'ipv4-addr': 'ip-dst',
  'ipv6-addr': 'ip-dst',
  'domain-name': 'domain',
  url: 'url',
  'email-addr': 'email-src',
};

/** The MISP values of one stored object: pattern values of a STIX indicator, or an SCO's value. */
export function mispValuesOf(object: Record<string, unknown>): { values: MispValue[]; toIds: boolean } {
  const out: MispValue[] = [];
  if (object.type === 'indicator' && object.pattern_type === 'stix' && typeof object.pattern === 'string') {
    const parsed = parsePattern(object.pattern);
    if (parsed.ok) {
      patternValues(parsed.value, out);
    }
    return { values: out, toIds: true };
  }
  const type = SCO_TYPES[String(object.type)];
  if (type !== undefined && typeof object.value === 'string') {
    out.push({ type, category: NETWORK, value: object.value });
  }
  return { values: out, toIds: false };
}

/** The uuid of an object's n-th attribute: its own uuid first (MISP → STIX → MISP keeps it), then derived ones. */
function attributeUuid(stixId: string, n: number): string {
  const uuid = stixId.slice(stixId.indexOf('--') + 2);
  if (n === 0) {
    return uuid;
  }
  const h = createHash('sha1').update(`${uuid}/${n}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

function seconds(iso: string): string {
  return String(Math.floor(new Date(iso).getTime() / 1000));
}

export function toMispAttributes(row: ObjectRow): Record<string, unknown>[] {
  const object = JSON.parse(row.raw) as Record<string, unknown>;
  const { values, toIds } = mispValuesOf(object);
  const labels = row.labels.filter((l) => !/^tlp:/i.test(l));
  return values.map((v, n) => ({
    uuid: attributeUuid(row.stix_id, n),
    type: v.type,
    category: v.category,
    value: v.value,
    to_ids: toIds,
    comment: row.name ?? '',
    timestamp: seconds(row.modified),
    Tag: [{ name: `tlp:${row.tlp}` }, ...labels.map((name) => ({ name }))],
  }));
}

/** One MISP event (`{"response": [{"Event": …}]}`) streamed as text. */
export async function* exportMispEvent(ctx: Ctx, actor: Actor, filter: ExportFilter): AsyncGenerator<string> {
  const now = ctx.now();
  const event = {
    uuid: randomUUID(),
    info: `Accord export ${now.toISOString()}`,
    date: now.toISOString().slice(0, 10),
    timestamp: seconds(now.toISOString()),
    threat_level_id: '4',
    analysis: '2',
    distribution: '0',
    published: false,
    Orgc: { name: 'Accord' },
    Tag: [],
  };
  const head = JSON.stringify({ Event: event });
  // Attributes go inside the event object: reopen it before its closing braces.
  yield `{"response":[${head.slice(0, -2)},"Attribute":[`;
  let first = true;
  for await (const rows of visiblePages(ctx, actor, filter)) {
    const attributes = rows.flatMap(toMispAttributes).map((a) => JSON.stringify(a));
    if (attributes.length > 0) {
      yield (first ? '' : ',') + attributes.join(',');
      first = false;
    }
  }
  yield ']}}]}\n';
}
