// The official Temporal server and its SQL schema tool, built from source with Go like the CLI
// (scripts/temporal.sh): once per user, cached in ~/.cache/hci-bringup/temporal-server-<version>.
// TEMPORAL_SERVER_PATH and TEMPORAL_SQL_TOOL_PATH name prebuilt ones (CI builds them as root and
// hands them to the ordinary user that runs the suite).
import { execFileSync } from 'node:child_process';
import { accessSync, constants, mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** The newest server release whose go.mod the Go here builds (v1.30.9 and later need a newer Go). */
export const TEMPORAL_SERVER_VERSION = 'v1.30.8';

export interface ClusterBinaries {
  server: string;
  sql: string;
}

const executable = (file: string | undefined): file is string => {
  if (!file) return false;
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
};

export function clusterBinariesDir(): string {
  const cache = process.env.XDG_CACHE_HOME ?? path.join(os.homedir(), '.cache');
  return path.join(cache, 'hci-bringup', `temporal-server-${TEMPORAL_SERVER_VERSION}`, 'bin');
}

/** The server and sql binaries, building them first when they are missing (about 4 minutes cold). */
export function clusterBinaries(log: (line: string) => void = (l) => console.error(l)): ClusterBinaries {
  const given = { server: process.env.TEMPORAL_SERVER_PATH, sql: process.env.TEMPORAL_SQL_TOOL_PATH };
  if (executable(given.server) && executable(given.sql)) return { server: given.server, sql: given.sql };
  const dir = clusterBinariesDir();
  const cached = { server: path.join(dir, 'server'), sql: path.join(dir, 'sql') };
  if (executable(cached.server) && executable(cached.sql)) return cached;
  mkdirSync(dir, { recursive: true });
  log(
    `[cluster] building go.temporal.io/server ${TEMPORAL_SERVER_VERSION} (server, sql) into ${dir}: a few minutes the first time`,
  );
  try {
    execFileSync(
      'go',
      [
        'install',
        `go.temporal.io/server/cmd/server@${TEMPORAL_SERVER_VERSION}`,
        `go.temporal.io/server/cmd/tools/sql@${TEMPORAL_SERVER_VERSION}`,
      ],
      { stdio: ['ignore', 'inherit', 'inherit'], env: { ...process.env, GOBIN: dir, CGO_ENABLED: '0' } },
    );
  } catch (e) {
    throw new Error(
      `cannot build the Temporal server with Go (${(e as Error).message}). Install Go 1.25 or newer, or set TEMPORAL_SERVER_PATH and TEMPORAL_SQL_TOOL_PATH.`,
    );
  }
  return cached;
}
