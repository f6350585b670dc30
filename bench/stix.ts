// STIX benchmark: patterns parsed/s (parse, canonical dedupe key, matchable values) on realistic
// indicator patterns, and objects validated/s by Accord's own checks and by ajv on the OASIS
// schemas, on the OASIS example bundles and on generated indicators. Seeded: every run sees the
// same data. Prints a markdown table. Usage: node bench/stix.ts [--indicators N] (default 100,000)
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { canonicalisePattern } from '../src/intel/pattern/canonical.ts';
import { extractMatchable } from '../src/intel/pattern/matchable.ts';
import { parsePattern } from '../src/intel/pattern/parser.ts';
import { serialisePattern } from '../src/intel/pattern/serialise.ts';
import { DEFAULT_SCHEMA_DIR, createStixSchemaValidator } from '../src/intel/stix/schema-validator.ts';
import { validateStixObject } from '../src/intel/stix/validate-object.ts';
import { TLP2_MARKING_IDS } from '../src/intel/tlp.ts';

const at = process.argv.indexOf('--indicators');
const indicatorCount = at > 0 ? Number(process.argv[at + 1]) : 100_000;

let state = 0x2545f491;
/** xorshift32 */
function random(): number {
  state ^= state << 13;
  state ^= state >>> 17;
  state ^= state << 5;
  return state >>> 0;
}
const hex = (length: number) => Array.from({ length }, () => (random() & 15).toString(16)).join('');
const ip = () => `${(random() % 223) + 1}.${random() & 255}.${random() & 255}.${random() & 255}`;
const domain = () => `${hex(8)}.${['com', 'net', 'org', 'info', 'ru', 'cn'][random() % 6]!}`;
const uuid = () => `${hex(8)}-${hex(4)}-4${hex(3)}-${'89ab'[random() & 3]!}${hex(3)}-${hex(12)}`;

/** The shapes feeds and MISP exports produce, in roughly their proportions. */
function realisticPattern(): string {
  const r = random() % 100;
  if (r < 35) {
    return `[ipv4-addr:value = '${ip()}']`;
  }
  if (r < 55) {
    return `[domain-name:value = '${domain()}']`;
  }
  if (r < 70) {
    return `[url:value = 'http://${domain()}/${hex(6)}/gate.php?id=${random() % 1000}']`;
  }
  if (r < 85) {
    return `[file:hashes.'SHA-256' = '${hex(64)}']`;
  }
  if (r < 92) {
    return `[domain-name:value = '${domain()}' OR ipv4-addr:value = '${ip()}' OR ipv4-addr:value = '${ip()}']`;
  }
  if (r < 97) {
    return `[file:name = 'invoice_${hex(4)}.doc' AND file:hashes.MD5 = '${hex(32)}']`;
  }
  return `[network-traffic:dst_ref.value = '${ip()}' AND network-traffic:dst_port = 443] REPEATS 5 TIMES WITHIN 1800 SECONDS`;
}

function buildIndicator(pattern: string): Record<string, unknown> {
  return {
    type: 'indicator',
    spec_version: '2.1',
    id: `indicator--${uuid()}`,
    created: '2026-01-15T10:00:00.000Z',
    modified: '2026-01-15T10:00:00.000Z',
    created_by_ref: 'identity--f431f809-377b-45e0-aa1c-6a4751cae5ff',
    name: 'C2 infrastructure',
    indicator_types: ['malicious-activity'],
    pattern,
    pattern_type: 'stix',
    valid_from: '2026-01-15T10:00:00Z',
    labels: ['botnet'],
    object_marking_refs: [TLP2_MARKING_IDS.amber],
  };
}

/**
 * Items per second: the best of five rounds of at least 300 ms each, after a warm-up, so that other
 * work on a shared machine lowers the figure less.
 */
function timed<T>(items: readonly T[], run: (item: T) => unknown): number {
  for (let i = 0; i < Math.min(items.length, 20_000); i += 1) {
    run(items[i]!);
  }
  let best = 0;
  for (let round = 0; round < 5; round += 1) {
    let done = 0;
    const start = performance.now();
    while (performance.now() - start < 300) {
      for (const item of items) {
        run(item);
      }
      done += items.length;
    }
    best = Math.max(best, done / ((performance.now() - start) / 1000));
  }
  return best;
}

const rows: string[][] = [];
const perSecond = (n: number) => `${Math.round(n).toLocaleString('en-US')}/s`;

const patterns = Array.from({ length: 20_000 }, realisticPattern);
rows.push([
  'patterns: parse',
  `${patterns.length.toLocaleString('en-US')} realistic patterns`,
  perSecond(timed(patterns, (p) => parsePattern(p))),
]);
rows.push([
  'patterns: parse + canonical dedupe key',
  'same',
  perSecond(
    timed(patterns, (p) => {
      const parsed = parsePattern(p);
      return parsed.ok ? serialisePattern(canonicalisePattern(parsed.value)) : undefined;
    }),
  ),
]);
rows.push([
  'patterns: parse + matchable values',
  'same',
  perSecond(
    timed(patterns, (p) => {
      const parsed = parsePattern(p);
      return parsed.ok ? extractMatchable(parsed.value) : undefined;
    }),
  ),
]);

const indicators = Array.from({ length: indicatorCount }, () => buildIndicator(realisticPattern()));
rows.push([
  'own validation',
  `${indicatorCount.toLocaleString('en-US')} generated indicators`,
  perSecond(timed(indicators, (o) => validateStixObject(o))),
]);

const examplesDir = resolve(DEFAULT_SCHEMA_DIR, '../examples');
if (existsSync(DEFAULT_SCHEMA_DIR) && existsSync(examplesDir)) {
  const files = (dir: string): string[] =>
    readdirSync(dir).flatMap((n) =>
      statSync(join(dir, n)).isDirectory() ? files(join(dir, n)) : n.endsWith('.json') ? [join(dir, n)] : [],
    );
  const examples = files(examplesDir).flatMap((f) => {
    const doc = JSON.parse(readFileSync(f, 'utf8')) as { type: string; objects?: unknown[] };
    return doc.type === 'bundle' ? (doc.objects ?? []) : [doc];
  });
  const schemas = createStixSchemaValidator();
  const loadStart = performance.now();
  schemas.types();
  const loadMs = performance.now() - loadStart;
  const compileStart = performance.now();
  for (const object of examples) {
    schemas.validate(object);
  }
  schemas.validate(indicators[0]);
  const compileMs = performance.now() - compileStart;
  rows.push(['ajv: load 57 schema files', 'first use', `${loadMs.toFixed(0)} ms`]);
  rows.push(['ajv: compile the types in use', 'first object of each type', `${compileMs.toFixed(0)} ms`]);
  rows.push([
    'own validation',
    `OASIS examples (${examples.length} objects)`,
    perSecond(timed(examples, (o) => validateStixObject(o))),
  ]);
  rows.push([
    'ajv + OASIS schemas',
    `OASIS examples (${examples.length} objects)`,
    perSecond(timed(examples, (o) => schemas.validate(o))),
  ]);
  rows.push([
    'ajv + OASIS schemas',
    `${indicatorCount.toLocaleString('en-US')} generated indicators`,
    perSecond(timed(indicators, (o) => schemas.validate(o))),
  ]);
  rows.push([
    'own + ajv',
    `${indicatorCount.toLocaleString('en-US')} generated indicators`,
    perSecond(timed(indicators, (o) => [validateStixObject(o), schemas.validate(o)])),
  ]);
} else {
  rows.push(['ajv + OASIS schemas', 'skipped: ../shared/oasis not found', '—']);
}

console.log(
  `Node ${process.version}, ${process.platform}/${process.arch}; rates are the best of five rounds\n`,
);
console.log('| measure | data | rate |');
console.log('| --- | --- | --- |');
for (const row of rows) {
  console.log(`| ${row.join(' | ')} |`);
}
