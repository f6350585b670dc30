#!/usr/bin/env node
// The `accord` command: one subcommand group per capability, errors mapped to exit codes from one table.
import { Command, CommanderError } from 'commander';
import { isAppError } from './platform/errors/app-error.ts';
import { exitCodeFor } from './platform/errors/error-codes.ts';
import { processIO, type CliIO } from './platform/cli/io.ts';
import { registerAdminCommands } from './platform/cli/admin-commands.ts';
import { registerServeCommands } from './platform/cli/serve-command.ts';
import { registerDemoCommand } from './platform/cli/demo.ts';
import { registerIntelCommands } from './intel/cli.ts';
import { registerLegalCommands } from './legal/cli.ts';

export function buildProgram(io: CliIO): Command {
  const program = new Command('accord')
    .description('Accord: international cooperation against cybercrime')
    .option('--debug', 'print stack traces of unexpected errors')
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.stdout(s), writeErr: (s) => io.stderr(s) });
  registerServeCommands(program, io);
  registerAdminCommands(program, io);
  registerDemoCommand(program, io);
  registerIntelCommands(program, io);
  registerLegalCommands(program, io);
  return program;
}

/** Runs the CLI in-process and returns the exit code; tests call this directly. */
export async function runCli(argv: string[], io: CliIO = processIO): Promise<number> {
  const program = buildProgram(io);
  try {
    await program.parseAsync(argv, { from: 'user' });
    return 0;
  } catch (error) {
    return reportCliError(error, io, argv.includes('--debug'));
  }
}

function reportCliError(error: unknown, io: CliIO, debug: boolean): number {
  if (error instanceof CommanderError) {
    return error.code === 'commander.helpDisplayed' || error.code === 'commander.version' ? 0 : 2;
  }
  if (isAppError(error)) {
    io.stderr(`error: ${error.message}`);
    for (const detail of error.details ?? []) {
      io.stderr(`  - ${detail.path}: ${detail.reason}`);
    }
    return exitCodeFor(error.code);
  }
  const message = error instanceof Error ? error.message : String(error);
  io.stderr(`error: ${message}`);
  if (debug && error instanceof Error && error.stack) {
    io.stderr(error.stack);
  }
  return 1;
}

if (import.meta.main) {
  process.exitCode = await runCli(process.argv.slice(2));
}
