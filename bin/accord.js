#!/usr/bin/env node
// Entry point of the `accord` command: Node 24 runs the TypeScript sources directly (type stripping).
const { runCli } = await import('../src/cli.ts');
process.exitCode = await runCli(process.argv.slice(2));
