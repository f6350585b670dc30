// Reads the built-in dataset (data/legal) or a --world file from disk into one validated world; the
// assembling and validating is pure (dataset.ts). The built-in world is read once per process.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { AppError } from '../platform/errors/app-error.ts';
import { assembleDataset, worldOrThrow } from './dataset.ts';
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

/** The raw dataset as one world object, before validation. */
export function readDataset(dir = DATASET_DIR): unknown {
  return assembleDataset({
    jurisdictions: readJson(join(dir, 'jurisdictions.json')),
    instruments: jsonFiles(join(dir, 'instruments')).map(readJson),
    laws: jsonFiles(join(dir, 'laws')).map(readJson),
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
