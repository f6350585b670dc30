import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Command } from 'commander';
import { buildProgram } from './cli.ts';
import { bufferIO } from './platform/cli/io.ts';

function leafCommands(command: Command, prefix: string[] = []): string[] {
  return command.commands.flatMap((sub) => {
    const path = [...prefix, sub.name()];
    return sub.commands.length > 0 ? leafCommands(sub, path) : [path.join(' ')];
  });
}

describe('CLI documentation', () => {
  it('documents every command of `accord --help` in docs/cli.md', () => {
    const docs = readFileSync(resolve(import.meta.dirname, '../docs/cli.md'), 'utf8');
    const missing = leafCommands(buildProgram(bufferIO())).filter((c) => !docs.includes(`\`accord ${c}`));
    expect(missing).toEqual([]);
  });
});
