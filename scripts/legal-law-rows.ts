// Regenerates data/legal/laws/treaty-obligation/*.jsonl and data/legal/laws/not-found/*.jsonl from
// the researched rows (data/legal/laws/statutes) and the Budapest party list. Run after changing
// either: node scripts/legal-law-rows.ts [--checked YYYY-MM-DD]
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DATASET_DIR, readDataset, readLawRows } from '../src/legal/dataset-files.ts';
import { generateLawRows } from '../src/legal/law-fill.ts';
import { formatLawLine, type DatasetLaw } from '../src/legal/law-rows.ts';
import { REGIONS, regionOf } from '../src/legal/regions.ts';
import { worldSchema } from '../src/legal/schemas.ts';

const at = process.argv.indexOf('--checked');
const checked = at > 0 ? String(process.argv[at + 1]) : new Date().toISOString().slice(0, 10);

const world = worldSchema.parse({ ...(readDataset() as object), laws: [] });
const researched = readLawRows()
  .filter((f) => f.file.startsWith('laws/statutes/'))
  .flatMap((f) => f.rows);
const { inferred, notFound } = generateLawRows(
  world.jurisdictions.map((j) => j.code),
  world.instruments,
  researched,
  checked,
);

function writeByRegion(folder: string, rows: DatasetLaw[]): void {
  const dir = join(DATASET_DIR, 'laws', folder);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  for (const region of REGIONS) {
    const lines = rows.filter((r) => regionOf(r.jurisdiction) === region).map(formatLawLine);
    if (lines.length > 0) {
      writeFileSync(join(dir, `${region}.jsonl`), `${lines.join('\n')}\n`);
    }
  }
}
writeByRegion('treaty-obligation', inferred);
writeByRegion('not-found', notFound);
process.stdout.write(
  `${researched.length} researched, ${inferred.length} inferred, ${notFound.length} not found (checked ${checked})\n`,
);
