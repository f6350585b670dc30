// Runs `accord` in-process (the real command tree of src/cli.ts) and captures what it printed.
import { runCli } from '../../cli.ts';
import { bufferIO } from '../../platform/cli/io.ts';

export async function runLegal(...argv: string[]) {
  const io = bufferIO();
  const code = await runCli(argv, io);
  return {
    code,
    out: io.out.join('\n'),
    err: io.err.join('\n'),
    json: () => JSON.parse(io.out.join('\n')) as Record<string, unknown>,
  };
}
