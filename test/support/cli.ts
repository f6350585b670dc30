// Runs the accord CLI in-process with captured output, for integration tests of commands.
import { runCli } from '../../src/cli.ts';
import { bufferIO } from '../../src/platform/cli/io.ts';
import { createTestDatabase } from './services.ts';

export async function runAccord(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const io = bufferIO();
  const code = await runCli(argv, io);
  return { code, out: io.out.join('\n'), err: io.err.join('\n') };
}

/**
 * Points the in-process CLI at a fresh database holding the demo world (`admin init`, then `demo`),
 * with no admin password or SMTP server taken from the environment.
 */
export async function useDemoWorldDatabase(): Promise<void> {
  process.env.DATABASE_URL = await createTestDatabase();
  delete process.env.ACCORD_ADMIN_PASSWORD;
  delete process.env.ACCORD_SMTP_URL;
  for (const argv of [['admin', 'init'], ['demo']]) {
    const r = await runAccord(...argv);
    if (r.code !== 0) {
      throw new Error(`accord ${argv.join(' ')} exited ${r.code}: ${r.err}`);
    }
  }
}
