// The built-in dataset's layout (data/legal: jurisdictions.json, one file per instrument, law rows in
// laws/**/*.jsonl, already parsed line by line) assembled into one world object from already-read JSON, then validated as a whole.
import { AppError } from '../platform/errors/app-error.ts';
import { validateWorld, type World } from './world.ts';

export type DatasetFiles = {
  jurisdictions: unknown;
  instruments: unknown[];
  /** Law rows, already read from their line-per-fact files. */
  laws: unknown[];
};

const field = (file: unknown, key: string): unknown[] => {
  const value =
    typeof file === 'object' && file !== null ? (file as Record<string, unknown>)[key] : undefined;
  return Array.isArray(value) ? value : [];
};

/** One raw world from the dataset's files (the jurisdictions file wraps its rows in a key). */
export function assembleDataset(files: DatasetFiles): unknown {
  return {
    jurisdictions: field(files.jurisdictions, 'jurisdictions'),
    instruments: files.instruments,
    laws: files.laws,
  };
}

/** A valid world or AppError LEGAL_INVALID_WORLD with every problem; never a partial world. */
export function worldOrThrow(raw: unknown, what: string): World {
  const result = validateWorld(raw);
  if (!result.ok) {
    throw new AppError(
      'LEGAL_INVALID_WORLD',
      `${what} is not a valid world (${result.details?.length ?? 0} problem(s))`,
      result.details,
    );
  }
  return result.value;
}
