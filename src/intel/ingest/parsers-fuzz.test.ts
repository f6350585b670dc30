// Fuzzing the import parsers with generated junk: STIX records, MISP JSON, CSV lines and rows,
// format detection and object preparation. Each answers with objects or clear rejections, never
// with an exception. Seeds are printed by fast-check on failure (FC_SEED to replay).
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { isAppError } from '../../platform/errors/app-error.ts';
import { canonicalPattern } from '../pattern/canonical.ts';
import { CSV_PRESETS } from './csv-mapping.ts';
import { splitCsvLine } from './csv-line.ts';
import { rowToIndicator } from './csv-row.ts';
import { readCsvRecords, readLines } from './csv-source.ts';
import { detectFormat } from './detect-format.ts';
import type { ImportRecord } from './import-record.ts';
import { mispRecords } from './misp-source.ts';
import { prepareObject } from './prepare-object.ts';
import { readStixRecords } from './stix-source.ts';

const seed = process.env.FC_SEED ? Number(process.env.FC_SEED) : undefined;
const params = (numRuns: number) => ({ numRuns, ...(seed === undefined ? {} : { seed }) });
const dir = mkdtempSync(join(tmpdir(), 'accord-fuzz-'));
let fileNo = 0;

function tempFile(content: string | Uint8Array): string {
  fileNo += 1;
  const path = join(dir, `f${fileNo}`);
  writeFileSync(path, content);
  return path;
}

async function all(records: AsyncGenerator<ImportRecord>): Promise<ImportRecord[]> {
  const out: ImportRecord[] = [];
  for await (const r of records) {
    out.push(r);
  }
  return out;
}

const context = {
  producerOrganisationId: '00000000-0000-4000-8000-000000000001',
  authorUserId: null,
  defaultTlp: 'amber' as const,
  audienceOrganisationIds: [],
  audienceUserIds: [],
  knownMarkingDefinitions: new Map<string, unknown>(),
  nowIso: '2026-11-22T09:00:00.000Z',
};

const stixish = fc.record(
  {
    type: fc.constantFrom(
      'indicator',
      'ipv4-addr',
      'domain-name',
      'file',
      'relationship',
      'x-junk',
      'marking-definition',
    ),
    spec_version: fc.constantFrom('2.1', '2.0', 2.1),
    id: fc.oneof(fc.constant('indicator--00000000-0000-4000-8000-000000000001'), fc.string()),
    created: fc.oneof(fc.constant('2026-11-01T00:00:00Z'), fc.string()),
    modified: fc.oneof(fc.constant('2026-11-01T00:00:00Z'), fc.string()),
    pattern: fc.oneof(fc.constant("[ipv4-addr:value = '192.0.2.1']"), fc.string()),
    pattern_type: fc.constantFrom('stix', 'snort'),
    valid_from: fc.string(),
    value: fc.oneof(fc.string(), fc.integer()),
    hashes: fc.dictionary(fc.string(), fc.oneof(fc.string(), fc.integer())),
    object_marking_refs: fc.oneof(fc.array(fc.string()), fc.string()),
    labels: fc.anything(),
    name: fc.anything(),
  },
  { requiredKeys: [] },
);

describe('import parsers on generated junk', () => {
  it('prepares any JSON value as an object or a rejection with a code', () => {
    fc.assert(
      fc.property(fc.oneof(fc.anything(), stixish), (value) => {
        const r = prepareObject(value, context);
        if (!r.ok) {
          expect(r.reason.length).toBeGreaterThan(0);
          expect(r.code).toMatch(/^INTEL_/);
        }
      }),
      params(2000),
    );
  });

  it('reads any bytes as a STIX bundle into objects and rejections, positions never going back', async () => {
    const bundleish = fc.oneof(
      fc.uint8Array({ maxLength: 400 }).map((b) => Buffer.from(b)),
      fc
        .array(fc.oneof(fc.json(), fc.constantFrom('{', '}', '[', ']', ',', '"', '\\')), { maxLength: 8 })
        .map((parts) => `{"type":"bundle","objects":[${parts.join(',')}]}`),
      fc.string().map((s) => `{"objects":[{"a":"${s}"}, ${s}`),
    );
    await fc.assert(
      fc.asyncProperty(bundleish, async (content) => {
        const records = await all(readStixRecords(tempFile(content), { position: 0, records: 0 }));
        let last = 0;
        for (const r of records) {
          expect(r.position).toBeGreaterThanOrEqual(last);
          last = r.position;
          if (r.kind === 'rejection') {
            expect(r.code).toMatch(/^INTEL_RECORD_/);
          }
        }
      }),
      params(300),
    );
  });

  it('turns any text into MISP records without throwing', () => {
    const mispish = fc.oneof(
      fc.string(),
      fc.json(),
      fc
        .record({
          info: fc.anything(),
          uuid: fc.oneof(fc.uuid(), fc.string()),
          Tag: fc.anything(),
          Attribute: fc.array(
            fc.record(
              {
                type: fc.constantFrom('ip-dst', 'domain', 'url', 'md5', 'btc', 'ip-dst|port'),
                value: fc.oneof(fc.string(), fc.integer()),
                uuid: fc.uuid(),
                to_ids: fc.boolean(),
                Tag: fc.anything(),
              },
              { requiredKeys: [] },
            ),
            { maxLength: 5 },
          ),
        })
        .map((event) => JSON.stringify({ Event: event })),
    );
    fc.assert(
      fc.property(mispish, (text) => {
        for (const r of mispRecords(text)) {
          if (r.kind === 'rejection') {
            expect(r.reason.length).toBeGreaterThan(0);
          } else {
            expect(prepareObject(r.object, context)).toHaveProperty('ok');
          }
        }
      }),
      params(500),
    );
  });

  it('splits any CSV line and maps any row to an indicator with a valid pattern, or a reason', () => {
    const cell = fc.oneof(
      fc.string(),
      fc.ipV4(),
      fc.ipV6(),
      fc.domain(),
      fc.webUrl(),
      fc.stringMatching(/^[0-9a-fA-F]{32}$/),
    );
    fc.assert(
      fc.property(
        fc.string(),
        fc.array(cell, { maxLength: 14 }),
        fc.constantFrom(...Object.keys(CSV_PRESETS)),
        (line, cells, preset) => {
          expect(Array.isArray(splitCsvLine(line, ','))).toBe(true);
          const mapping = CSV_PRESETS[preset]!;
          const row = rowToIndicator(cells, mapping, context.producerOrganisationId, context.nowIso);
          if (row.ok) {
            expect(canonicalPattern(String(row.object.pattern)).ok).toBe(true);
            expect(prepareObject(row.object, context).ok).toBe(true);
          } else {
            expect(row.reason.length).toBeGreaterThan(0);
          }
        },
      ),
      params(2000),
    );
  });

  it('reads any bytes as lines that put the file back together, and as CSV records without throwing', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uint8Array({ maxLength: 600 }),
        fc.integer({ min: 8, max: 64 }),
        async (bytes, max) => {
          const path = tempFile(bytes);
          const pieces: string[] = [];
          for await (const line of readLines(path, 0, 1, max)) {
            pieces.push('tooLong' in line ? '' : line.text);
          }
          const records = await all(
            readCsvRecords(
              path,
              { position: 0, records: 0 },
              {
                mapping: CSV_PRESETS.plain!,
                producerOrganisationId: context.producerOrganisationId,
                fallbackTime: context.nowIso,
              },
            ),
          );
          expect(records.every((r) => r.position <= bytes.length)).toBe(true);
          if (bytes.every((b) => b !== 0x0a) && bytes.length <= max) {
            expect(pieces.join('')).toBe(Buffer.from(bytes).toString('utf8'));
          }
        },
      ),
      params(300),
    );
  });

  it('detects a format or says why not, for any head of a file', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.uint8Array({ maxLength: 200 }).map((b) => Buffer.from(b).toString('utf8')),
        ),
        (head) => {
          try {
            expect(['stix', 'misp', 'csv']).toContain(detectFormat(head));
          } catch (error) {
            expect(isAppError(error) && error.code === 'INTEL_IMPORT_FORMAT_UNKNOWN').toBe(true);
          }
        },
      ),
      params(2000),
    );
  });
});
