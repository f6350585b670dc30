// Reads MISP core JSON (one event, `{"response": [...]}` or a list of events) as import records:
// each event converted to STIX 2.1 (src/intel/misp), its TLP tags as TLP markings. MISP exports
// are parsed whole, so the file size is bounded; positions count records.
import { readFile, stat } from 'node:fs/promises';
import { unwrapEvents } from '../misp/misp-schema.ts';
import { convertMispEvent } from '../misp/to-stix.ts';
import { TLP2_MARKING_IDS } from '../tlp.ts';
import type { ImportRecord, RecordContent, ResumePoint } from './import-record.ts';

/** MISP files are parsed whole; beyond this size the import is refused rather than exhausting memory. */
export const MAX_MISP_BYTES = 256 * 1024 * 1024;

/** Every record of the file in a fixed order (a resumed import skips those already committed). */
export function mispRecords(text: string): RecordContent[] {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    return [
      {
        kind: 'rejection',
        locator: '$',
        reason: `malformed JSON: ${(error as Error).message}`,
        code: 'INTEL_RECORD_MALFORMED',
      },
    ];
  }
  const events = unwrapEvents(data);
  const out: RecordContent[] = [];
  events.forEach((event, i) => {
    const path = events.length === 1 ? 'Event' : `events[${i}].Event`;
    const converted = convertMispEvent(event, path);
    for (const r of converted.rejected) {
      out.push({
        kind: 'rejection',
        locator: r.path,
        reason: r.reason,
        code: /contradictory TLP/i.test(r.reason) ? 'INTEL_TLP_CONTRADICTORY' : 'INTEL_OBJECT_INVALID',
      });
    }
    for (const { object, tlp } of converted.objects) {
      const marked =
        tlp && object.object_marking_refs === undefined
          ? { ...object, object_marking_refs: [TLP2_MARKING_IDS[tlp]] }
          : object;
      out.push({ kind: 'object', object: marked, locator: `${path}: ${object.id}` });
    }
  });
  return out;
}

export async function* readMispRecords(path: string, resume: ResumePoint): AsyncGenerator<ImportRecord> {
  const size = (await stat(path)).size;
  if (size > MAX_MISP_BYTES) {
    if (resume.position === 0) {
      yield {
        kind: 'rejection',
        locator: '$',
        reason: `a MISP file of ${size} bytes is larger than the limit of ${MAX_MISP_BYTES}; split it into events`,
        code: 'INTEL_RECORD_TOO_LARGE',
        position: 1,
        ordinal: 1,
      };
    }
    return;
  }
  const records = mispRecords(await readFile(path, 'utf8'));
  for (let i = resume.position; i < records.length; i += 1) {
    yield { ...(records[i] as RecordContent), position: i + 1, ordinal: i + 1 };
  }
}
