#!/usr/bin/env node
// Entry point of the `accord` command: Node 24 runs the TypeScript sources directly (type stripping).
// The compile cache first: every module imported after it is compiled through it.
const { useCompileCache } = await import('../src/platform/compile-cache.ts');
useCompileCache();
const { runCli } = await import('../src/cli.ts');
process.exitCode = await runCli(process.argv.slice(2));
