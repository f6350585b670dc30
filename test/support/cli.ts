// Runs the accord CLI in-process with captured output, for integration tests of commands.
import { runCli } from '../../src/cli.ts';
import { bufferIO } from '../../src/platform/cli/io.ts';

export async function runAccord(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const io = bufferIO();
  const code = await runCli(argv, io);
  return { code, out: io.out.join('\n'), err: io.err.join('\n') };
}
