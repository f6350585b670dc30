// Reads the built-in dataset (data/legal: instruments as one JSON file each, bilateral treaties one per
// line in instruments/**/*.jsonl) or a --world file from disk into one validated world; the
// assembling and validating is pure (dataset.ts). The built-in world is read once per process.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { AppError } from '../platform/errors/app-error.ts';
import { assembleDataset, worldOrThrow } from './dataset.ts';
import { parseLawLines, type DatasetLaw } from './law-rows.ts';
import type { World } from './world.ts';

export const DATASET_DIR = resolve(import.meta.dirname, '../../data/legal');

function readJson(path: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new AppError('LEGAL_INVALID_WORLD', `cannot read ${path}: ${(error as Error).message}`);
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new AppError('LEGAL_INVALID_WORLD', `${path} is not valid JSON: ${(error as Error).message}`);
  }
}

const jsonFiles = (dir: string) =>
  existsSync(dir)
    ? readdirSync(dir)
        .filter((f) => f.endsWith('.json'))
        .sort()
        .map((f) => join(dir, f))
    : [];

/** One JSON value per non-blank line (bilateral treaties: one treaty per line). */
function readJsonLines(path: string): unknown[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .flatMap((line, i) => {
      if (line.trim() === '') {
        return [];
      }
      try {
        return [JSON.parse(line) as unknown];
      } catch (error) {
        throw new AppError(
          'LEGAL_INVALID_WORLD',
          `${path}:${i + 1} is not valid JSON: ${(error as Error).message}`,
        );
      }
    });
}

/** Every .jsonl file under dir, at any depth, in a stable order. */
export function jsonlFiles(dir: string): string[] {
  if (!existsSync(dir)) {
    return [];
  }
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.jsonl'))
    .sort()
    .map((f) => join(dir, f));
}

/** The law rows of every file, each checked against the dataset's strict row schema. */
export function readLawRows(dir = DATASET_DIR): { file: string; rows: DatasetLaw[] }[] {
  const problems = [];
  const files = [];
  for (const path of jsonlFiles(join(dir, 'laws'))) {
    const file = relative(dir, path);
    const parsed = parseLawLines(readFileSync(path, 'utf8'), file);
    if (parsed.ok) {
      files.push({ file, rows: parsed.value });
    } else {
      problems.push(...(parsed.details ?? []));
    }
  }
  if (problems.length > 0) {
    throw new AppError('LEGAL_INVALID_WORLD', `the law rows have ${problems.length} problem(s)`, problems);
  }
  return files;
}

/** The raw dataset as one world object, before validation. */
export function readDataset(dir = DATASET_DIR): unknown {
  return assembleDataset({
    jurisdictions: readJson(join(dir, 'jurisdictions.json')),
    instruments: [
      ...jsonFiles(join(dir, 'instruments')).map(readJson),
      ...jsonlFiles(join(dir, 'instruments')).flatMap(readJsonLines),
    ],
    laws: readLawRows(dir).flatMap((f) => f.rows),
  });
}

let builtIn: World | undefined;
export function loadBuiltInWorld(): World {
  builtIn ??= worldOrThrow(readDataset(), 'the built-in dataset');
  return builtIn;
}

export function loadWorldFile(path: string): World {
  return worldOrThrow(readJson(path), path);
}

/** Worlds shipped in data/legal/examples, selectable by name in the API and UI. */
export const EXAMPLE_WORLDS = ['five-plus-one'] as const;
const examples = new Map<string, World>();
export function loadExampleWorld(name: string): World {
  if (!(EXAMPLE_WORLDS as readonly string[]).includes(name)) {
    throw new AppError('LEGAL_INVALID_QUERY', `no example world "${name}"`, [
      { path: 'world', reason: `one of ${EXAMPLE_WORLDS.join(', ')}` },
    ]);
  }
  let world = examples.get(name);
  if (!world) {
    world = loadWorldFile(join(DATASET_DIR, 'examples', `${name}.json`));
    examples.set(name, world);
  }
  return world;
}
