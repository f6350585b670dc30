import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { socketDirectory, urlFor } from './embedded.ts';

const made: string[] = [];
afterEach(() => made.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));
const cluster = () => {
  const d = mkdtempSync(join(tmpdir(), 'accord-socket-'));
  made.push(d);
  return d;
};

describe('the embedded server URL', () => {
  it('names the Unix-domain socket when the server made one, else TCP on 127.0.0.1', () => {
    const dir = cluster();
    expect(urlFor(dir, 54321, 'p@ss')).toBe('postgres://postgres:p%40ss@127.0.0.1:54321/postgres');
    writeFileSync(join(dir, '.s.PGSQL.54321'), ''); // stands for the socket: only its presence is read
    const url = new URL(urlFor(dir, 54321, 'p@ss'));
    expect(url.searchParams.get('host')).toBe(dir);
    expect(url.port).toBe('54321');
    expect(decodeURIComponent(url.password)).toBe('p@ss');
    // Another port's server has no socket here.
    expect(urlFor(dir, 54322, 'p')).toContain('@127.0.0.1:54322/');
  });

  it('stays on TCP for a cluster directory too deep for a socket path (107 bytes)', () => {
    const deep = `/${'d'.repeat(100)}`;
    expect(socketDirectory(deep)).toBe('');
    expect(urlFor(deep, 5432, 'p')).toContain('@127.0.0.1:5432/');
    const fits = `/${'d'.repeat(107 - '/.s.PGSQL.65535'.length - 1)}`;
    expect(socketDirectory(fits)).toBe(fits);
    expect(socketDirectory(`${fits}d`)).toBe('');
  });
});
