// A private PostgreSQL for the Temporal cluster: Debian's server binaries, its own data directory,
// listening on 127.0.0.1 only at a port of its own, with its socket in its data directory (no
// /var/run/postgresql needed). initdb refuses to run as root, so as root the instance belongs to the
// `postgres` user of Debian's package.
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, chownSync, existsSync, mkdirSync, readdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface PostgresInstance {
  port: number;
  dataDir: string;
  user: string;
  stop(): void;
}

/** Debian's newest PostgreSQL server binaries (/usr/lib/postgresql/<major>/bin). */
export function postgresBinDir(): string {
  const base = '/usr/lib/postgresql';
  const majors = existsSync(base)
    ? readdirSync(base)
        .filter((d) => existsSync(path.join(base, d, 'bin', 'pg_ctl')))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  if (!majors.length)
    throw new Error(
      `PostgreSQL's server is not installed (no ${base}/<version>/bin/pg_ctl). Fix: ${process.getuid?.() === 0 ? '' : 'sudo '}apt-get install -y postgresql`,
    );
  return path.join(base, majors[0], 'bin');
}

const asRoot = () => process.getuid?.() === 0;

/**
 * Where the instance asked for in `dataDir` really lives: as root, the `postgres` user owns it and
 * may not reach a root-only directory (a mkdtemp folder, /root), so it lives in that user's home,
 * named after the requested path.
 */
export function postgresDataDir(dataDir: string): string {
  if (!asRoot()) return dataDir;
  const key = createHash('sha256').update(path.resolve(dataDir)).digest('hex').slice(0, 16);
  return path.join('/var/lib/postgresql/hci-bringup', key);
}

/** Runs a PostgreSQL program as the instance's owner. */
function pg(bin: string, args: string[]): void {
  const file = path.join(postgresBinDir(), bin);
  const [cmd, argv] = asRoot() ? ['runuser', ['-u', 'postgres', '--', file, ...args]] : [file, args];
  const r = spawnSync(cmd, argv, { encoding: 'utf8', cwd: os.tmpdir() });
  if (r.status !== 0)
    throw new Error(
      `${bin} failed (exit ${r.status}): ${(r.stderr || r.stdout || r.error?.message || '').trim()}`,
    );
}

/**
 * Creates (first time) and starts the instance in `dataDir` on 127.0.0.1:`port`. Local connections
 * are trusted: it listens on loopback only and holds nothing but a test or rehearsal cluster.
 */
export function startPostgres(requestedDir: string, port: number): PostgresInstance {
  const user = 'temporal';
  const dataDir = postgresDataDir(requestedDir);
  if (!existsSync(path.join(dataDir, 'PG_VERSION'))) {
    mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    if (asRoot()) {
      const id = (flag: string) => Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }));
      for (const d of [path.dirname(dataDir), dataDir]) chownSync(d, id('-u'), id('-g'));
    }
    chmodSync(dataDir, 0o700);
    pg('initdb', ['-D', dataDir, '-U', user, '--auth=trust', '-E', 'UTF8', '--no-locale']);
  }
  pg('pg_ctl', [
    '-D',
    dataDir,
    '-l',
    path.join(dataDir, 'server.log'),
    '-w',
    '-t',
    '60',
    '-o',
    `-p ${port} -k ${dataDir} -c listen_addresses=127.0.0.1 -c max_connections=300`,
    'start',
  ]);
  return {
    port,
    dataDir,
    user,
    stop: () => void stopPostgres(requestedDir),
  };
}

/** Stops the instance in `dataDir`; answers false when it was not running. */
export function stopPostgres(requestedDir: string): boolean {
  try {
    pg('pg_ctl', ['-D', postgresDataDir(requestedDir), '-m', 'fast', '-w', 'stop']);
    return true;
  } catch {
    return false;
  }
}
