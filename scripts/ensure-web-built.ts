// Builds the web UI when web/dist is missing or older than its sources, so `npm start` and
// `npm test` work on a fresh checkout without a separate build step.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const built = join(root, 'web/dist/index.html');

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

const sources = [
  join(root, 'web/src'),
  join(root, 'web/index.html'),
  join(root, 'web/vite.config.ts'),
].filter(existsSync);
const sourceTime = Math.max(
  ...sources.map((s) => (statSync(s).isDirectory() ? newestMtime(s) : statSync(s).mtimeMs)),
);
if (sources.length === 0) {
  console.error('web/ has no sources yet; skipping the UI build');
} else if (!existsSync(built) || statSync(built).mtimeMs < sourceTime) {
  console.error('building the web UI (vite)…');
  const result = spawnSync(
    join(root, 'node_modules/.bin/vite'),
    ['build', '--config', 'web/vite.config.ts', '--logLevel', 'warn'],
    {
      cwd: root,
      stdio: 'inherit',
    },
  );
  if (result.status !== 0) {
    process.exit(result.status ?? 1);
  }
}
