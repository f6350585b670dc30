// Where and why a STIX pattern fails to parse: an offset plus the line and column a person reads.

/** Offsets count UTF-16 code units from 0; lines and columns count from 1. */
export type PatternError = { position: number; line: number; column: number; message: string };
export type PatternErrorDraft = { position: number; message: string };

export function locateError(text: string, draft: PatternErrorDraft): PatternError {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < draft.position && i < text.length; i += 1) {
    const c = text.charCodeAt(i);
    // \r\n counts once: the \n after a \r does not start another line.
    if (c === 10 ? text.charCodeAt(i - 1) !== 13 : c === 13) {
      line += 1;
    }
    if (c === 10 || c === 13) {
      lineStart = i + 1;
    }
  }
  return { position: draft.position, line, column: draft.position - lineStart + 1, message: draft.message };
}

/** How a token is shown in "found …" messages. */
export function describeFound(kind: string, text: string): string {
  if (kind === 'eof') {
    return 'end of input';
  }
  const shown = text.length > 40 ? `${text.slice(0, 37)}…` : text;
  return `'${shown}'`;
}
