// Where CLI commands write. Injected so tests run commands in-process and read what they printed.
export type CliIO = {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** True when stderr is a terminal: progress bars are drawn only then. */
  interactive: boolean;
};

export const processIO: CliIO = {
  stdout: (text) => process.stdout.write(text.endsWith('\n') ? text : `${text}\n`),
  stderr: (text) => process.stderr.write(text.endsWith('\n') ? text : `${text}\n`),
  interactive: Boolean(process.stderr.isTTY),
};

/** Prints a value as JSON (`--json`) or as the human rendering. */
export function printResult(io: CliIO, json: boolean | undefined, value: unknown, human: () => string): void {
  io.stdout(json ? JSON.stringify(value, null, 2) : human());
}

export function bufferIO(): CliIO & { out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return {
    out,
    err,
    stdout: (t) => void out.push(t),
    stderr: (t) => void err.push(t),
    interactive: false,
  };
}
