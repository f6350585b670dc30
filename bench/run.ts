// `npm run bench`: runs every benchmark script in this folder in turn; each prints a markdown table.
// Pass names to run only some: `npm run bench -- taxii legal`.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

const only = process.argv.slice(2);
const scripts = readdirSync(import.meta.dirname)
  .filter((f) => f.endsWith('.ts') && f !== 'run.ts' && !f.endsWith('.test.ts') && !f.startsWith('support'))
  .filter((f) => only.length === 0 || only.some((name) => f.startsWith(name)))
  .sort();
let failed = 0;
for (const script of scripts) {
  console.log(`\n## ${script}\n`);
  const result = spawnSync(process.execPath, [join(import.meta.dirname, script)], { stdio: 'inherit' });
  if (result.status !== 0) {
    failed += 1;
    console.log(`(${script} exited with ${result.status})`);
  }
}
process.exit(failed > 0 ? 1 : 0);
