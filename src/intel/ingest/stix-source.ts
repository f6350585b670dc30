// Reads a STIX bundle file as import records, streamed through the bundle splitter: memory is the
// size of the largest object, and a resumed import starts at the byte offset of its last commit.
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { BundleSplitter } from './bundle-stream.ts';
import type { ImportRecord, ResumePoint } from './import-record.ts';

function locatorOf(index: number, offset: number): string {
  return `objects[${index}] (byte ${offset})`;
}

export async function* readStixRecords(path: string, resume: ResumePoint): AsyncGenerator<ImportRecord> {
  const size = (await stat(path)).size;
  const splitter = new BundleSplitter(resume.position > 0 ? resume.position : undefined);
  let index = resume.records;
  let position = resume.position;
  const stream = createReadStream(path, { start: resume.position, highWaterMark: 1 << 20 });
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    for (const item of splitter.push(chunk)) {
      if (item.kind === 'object') {
        position = item.end;
        let object: unknown;
        try {
          object = JSON.parse(item.text);
        } catch (error) {
          yield {
            kind: 'rejection',
            locator: locatorOf(index, item.start),
            reason: `malformed JSON: ${(error as Error).message}`,
            code: 'INTEL_RECORD_MALFORMED',
            position,
            ordinal: index + 1,
          };
          index += 1;
          continue;
        }
        yield { kind: 'object', object, locator: locatorOf(index, item.start), position, ordinal: index + 1 };
        index += 1;
      } else if (item.tooLarge) {
        position = item.end ?? position;
        yield {
          kind: 'rejection',
          locator: locatorOf(index, item.offset),
          reason: item.message,
          code: 'INTEL_RECORD_TOO_LARGE',
          position,
          ordinal: index + 1,
        };
        index += 1;
      } else if (!item.message.startsWith('an element of "objects"')) {
        // (An element that is not an object is reported once, by validation, when it closes.)
        yield {
          kind: 'rejection',
          locator: `byte ${item.offset}`,
          reason: item.message,
          code: 'INTEL_RECORD_MALFORMED',
          position,
          ordinal: index,
        };
      }
    }
  }
  // Problems found at the end belong after every object: resuming past them means the end of the file.
  const trailing = [...splitter.finish()];
  if (!splitter.sawObjects) {
    trailing.push({
      kind: 'error',
      message: 'no top-level "objects" array: is this a STIX 2.1 bundle?',
      offset: 0,
    });
  }
  for (const item of trailing) {
    if (item.kind === 'error') {
      yield {
        kind: 'rejection',
        locator: `byte ${item.offset}`,
        reason: item.message,
        code: 'INTEL_RECORD_MALFORMED',
        position: size,
        ordinal: index,
      };
    }
  }
}
