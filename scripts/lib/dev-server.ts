import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, openSync, readFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { loadDevServerConfig, projectRoot, startDevFlags } from '../../src/config/dev-server.js';
import { portInUse } from './port-in-use.js';

/** Path of the Temporal CLI, building it from source when it is missing (scripts/temporal.sh). */
export function temporalCliPath(): string {
  return execFileSync('bash', [path.join(projectRoot, 'scripts', 'temporal.sh'), 'path'], {
    stdio: ['ignore', 'pipe', 'inherit'],
    encoding: 'utf8',
  }).trim();
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as net.AddressInfo).port;
      srv.close(() => resolve(port));
    });
  });
}

/** Waits until host:port accepts a connection; fails early when `child` (`what`) ends first. */
export async function waitForPort(
  host: string,
  port: number,
  timeoutMs: number,
  child: ChildProcess,
  what = 'temporal dev server',
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${what} exited with code ${child.exitCode}`);
    if (await portInUse(host, port)) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${what} did not listen on ${host}:${port} within ${timeoutMs} ms`);
}

export interface RunningDevServer {
  address: string;
  namespace: string;
  uiUrl?: string;
  child: ChildProcess;
  stop(): Promise<void>;
}

/**
 * Starts `temporal server start-dev` with the settings of temporal-dev.yaml. Ports and the
 * database file can be overridden (tests use free ports and an in-memory store).
 */
export async function startDevServer(
  opts: {
    port?: number;
    uiPort?: number;
    httpPort?: number;
    dbFile?: string | null;
    headless?: boolean;
    quiet?: boolean;
    logFile?: string;
  } = {},
): Promise<RunningDevServer> {
  const cfg = loadDevServerConfig();
  const cli = temporalCliPath();
  const port = opts.port ?? cfg.port;
  const flags = startDevFlags(cfg, { ...opts, port });
  const dbFile = opts.dbFile === null ? undefined : (opts.dbFile ?? cfg.dbFile);
  if (dbFile) mkdirSync(path.dirname(path.resolve(projectRoot, dbFile)), { recursive: true });
  // Quiet servers (tests) log to a file: the server's WARN lines about shutting-down pollers
  // would drown the test report.
  const logFd = opts.logFile ? openSync(opts.logFile, 'a') : undefined;
  const out = logFd ?? (opts.quiet ? 'ignore' : 'inherit');
  const child = spawn(cli, flags, { stdio: ['ignore', out, logFd ?? (opts.quiet ? 'ignore' : 'inherit')] });
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
    await exited;
    clearTimeout(timer);
  };
  try {
    await waitForPort(cfg.ip, port, 60_000, child);
  } catch (err) {
    await stop();
    const tail = opts.logFile ? readFileSync(opts.logFile, 'utf8').split('\n').slice(-5).join('\n') : '';
    throw new Error(`${(err as Error).message}${tail ? `\n${tail}` : ''}`);
  }
  return {
    address: `${cfg.ip}:${port}`,
    namespace: cfg.namespace,
    uiUrl: opts.headless ? undefined : `http://${cfg.ip}:${opts.uiPort ?? cfg.uiPort}`,
    child,
    stop,
  };
}

/** A throwaway dev server on free loopback ports, in memory, without UI (tests, benchmarks, recorders). */
export async function startScratchDevServer(logFile?: string): Promise<RunningDevServer> {
  return startDevServer({
    port: await freePort(),
    httpPort: await freePort(),
    headless: true,
    dbFile: null,
    quiet: true,
    logFile,
  });
}
