// A self-hosted Temporal cluster on this machine: PostgreSQL (postgres-instance.ts), its two
// databases set up with the official SQL tool, and two server nodes (every service in each) that
// share them and find each other through the database's membership table. Each node binds its own
// loopback address with the same ports (FACTS.md), and a frontend balancer (frontend-balancer.ts)
// gives clients one address that survives the loss of a node, as a load balancer in front of the
// frontends does in a real deployment. Used by `npm run cluster` and the fleet test.
import { execFile, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { freePort, waitForPort } from './dev-server.js';
import { clusterBinaries, type ClusterBinaries } from './temporal-cluster-binaries.js';
import { startFrontendBalancer, type FrontendBalancer } from './frontend-balancer.js';
import { startPostgres, stopPostgres, type PostgresInstance } from './postgres-instance.js';

/** Ports every node uses on its own address. */
const PORTS = { frontend: 7233, frontendHttp: 7243, history: 7234, matching: 7235, worker: 7239 };
const MEMBERSHIP = { frontend: 6933, history: 6934, matching: 6935, worker: 6939 };

export interface ClusterOptions {
  /** Where the configs, logs and the PostgreSQL data live. */
  dir: string;
  /** One loopback address per node (default 127.250.0.1 and 127.250.0.2). */
  nodeAddresses?: string[];
  /** Port of PostgreSQL on 127.0.0.1 (default: a free one). */
  postgresPort?: number;
  /** Where clients connect (default 127.250.0.100:7233). */
  balancerAddress?: string;
  namespace?: string;
  searchAttributes?: Record<string, string>;
  /** The Temporal CLI (registers the namespace and search attributes). */
  cli: string;
  log?: (line: string) => void;
  historyShards?: number;
  /** Removes the database's files on stop (a test's throwaway cluster). */
  ephemeral?: boolean;
}

export interface TemporalCluster {
  /** host:port clients use (the balancer). */
  address: string;
  /** The nodes' own frontend addresses. */
  frontends: string[];
  namespace: string;
  postgresPort: number;
  /** kill -9 of node `i`'s server process. */
  killNode(i: number): void;
  startNode(i: number): Promise<void>;
  nodePid(i: number): number | undefined;
  /** Client connections the balancer gave each node so far (host:port -> count). */
  connections(): Record<string, number>;
  stop(): Promise<void>;
}

export const DEFAULT_SEARCH_ATTRIBUTES = { ClusterName: 'Keyword', BringUpStage: 'Keyword', Site: 'Keyword' };

function nodeConfig(
  o: { address: string; index: number; postgresPort: number; shards: number; dynamicConfig: string },
  first: string,
): unknown {
  const store = (db: string, conns: number) => ({
    sql: {
      pluginName: 'postgres12',
      databaseName: db,
      connectAddr: `127.0.0.1:${o.postgresPort}`,
      connectProtocol: 'tcp',
      user: 'temporal',
      password: 'temporal',
      maxConns: conns,
      maxIdleConns: conns,
      maxConnLifetime: '1h',
    },
  });
  const rpc = (service: keyof typeof MEMBERSHIP) => ({
    rpc: {
      grpcPort: PORTS[service],
      membershipPort: MEMBERSHIP[service],
      bindOnIP: o.address,
      ...(service === 'frontend' ? { httpPort: PORTS.frontendHttp } : {}),
    },
  });
  return {
    log: { stdout: true, level: 'warn' },
    persistence: {
      defaultStore: 'default',
      visibilityStore: 'visibility',
      numHistoryShards: o.shards,
      datastores: { default: store('temporal', 20), visibility: store('temporal_visibility', 10) },
    },
    global: {
      membership: { maxJoinDuration: '30s', broadcastAddress: o.address },
      pprof: { port: 0 },
      metrics: { prometheus: { framework: 'tally', listenAddress: `${o.address}:9090` } },
    },
    services: {
      frontend: rpc('frontend'),
      history: rpc('history'),
      matching: rpc('matching'),
      worker: rpc('worker'),
    },
    clusterMetadata: {
      enableGlobalNamespace: false,
      failoverVersionIncrement: 10,
      masterClusterName: 'active',
      currentClusterName: 'active',
      clusterInformation: {
        active: {
          enabled: true,
          initialFailoverVersion: 1,
          rpcName: 'frontend',
          rpcAddress: `${first}:${PORTS.frontend}`,
        },
      },
    },
    dcRedirectionPolicy: { policy: 'noop' },
    archival: { history: { state: 'disabled' }, visibility: { state: 'disabled' } },
    namespaceDefaults: { archival: { history: { state: 'disabled' }, visibility: { state: 'disabled' } } },
    dynamicConfigClient: { filepath: o.dynamicConfig, pollInterval: '10s' },
  };
}

function run(file: string, args: string[], what: string): string {
  const r = spawnSync(file, args, { encoding: 'utf8', timeout: 120_000 });
  if (r.status !== 0)
    throw new Error(
      `${what} failed (exit ${r.status}): ${(r.stderr || r.stdout || r.error?.message || '').trim().slice(-2000)}`,
    );
  return r.stdout;
}

/** Creates both databases and brings their schemas to the versions built into the sql tool. */
function setupSchemas(bin: ClusterBinaries, pgPort: number): void {
  for (const [db, schema] of [
    ['temporal', 'postgresql/v12/temporal'],
    ['temporal_visibility', 'postgresql/v12/visibility'],
  ] as const) {
    const base = [
      '--plugin',
      'postgres12',
      '--ep',
      '127.0.0.1',
      '-p',
      String(pgPort),
      '-u',
      'temporal',
      '--pw',
      'temporal',
      '--db',
      db,
    ];
    const exists = spawnSync(bin.sql, [...base, 'create-database'], { encoding: 'utf8' });
    if (exists.status !== 0 && !/already exists/.test(exists.stderr + exists.stdout))
      throw new Error(`sql create-database ${db}: ${(exists.stderr || exists.stdout).trim().slice(-1000)}`);
    // setup-schema -v 0.0 creates the version table (harmless when it exists); update-schema is idempotent.
    spawnSync(bin.sql, [...base, 'setup-schema', '-v', '0.0'], { encoding: 'utf8' });
    run(bin.sql, [...base, 'update-schema', '--schema-name', schema], `sql update-schema ${db}`);
  }
}

/** What a cluster started in `dir` is running, kept on disk so a crashed run's leftovers can be stopped. */
interface ClusterState {
  pids: number[];
  postgresData?: string;
}

const stateFile = (dir: string) => path.join(dir, 'state.json');

/** Whether `pid` is still one of this cluster's server processes (not a pid reused since). */
function isOurNode(pid: number, dir: string): boolean {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(dir);
  } catch {
    return false;
  }
}

/**
 * Stops what a cluster started in `dir` left running (its server nodes and PostgreSQL), from the
 * state file; answers whether there was anything.
 */
export function stopLeftoverCluster(dir: string, log: (line: string) => void): boolean {
  if (!existsSync(stateFile(dir))) return false;
  const state = JSON.parse(readFileSync(stateFile(dir), 'utf8')) as ClusterState;
  for (const pid of state.pids)
    if (isOurNode(pid, dir)) {
      process.kill(pid, 'SIGKILL');
      log(`[cluster] stopped the server node left running (pid ${pid})`);
    }
  if (state.postgresData && stopPostgres(state.postgresData)) log('[cluster] stopped PostgreSQL');
  rmSync(stateFile(dir), { force: true });
  return true;
}

export async function startTemporalCluster(opts: ClusterOptions): Promise<TemporalCluster> {
  const log = opts.log ?? ((l: string) => console.error(l));
  const addresses = opts.nodeAddresses ?? ['127.250.0.1', '127.250.0.2'];
  const namespace = opts.namespace ?? 'default';
  mkdirSync(opts.dir, { recursive: true });
  stopLeftoverCluster(opts.dir, log);
  const bin = clusterBinaries(log);
  const postgresPort = opts.postgresPort ?? (await freePort());
  let pgInstance: PostgresInstance | undefined;
  const nodes: (ChildProcess | undefined)[] = addresses.map(() => undefined);
  let balancer: FrontendBalancer | undefined;
  const state: ClusterState = { pids: [] };
  const saveState = () => writeFileSync(stateFile(opts.dir), JSON.stringify(state));
  const dynamicConfig = path.join(opts.dir, 'dynamicconfig.yaml');
  // Search attributes just created are visible at once (the fleet registers them, then starts runs).
  writeFileSync(
    dynamicConfig,
    JSON.stringify({ 'system.forceSearchAttributesCacheRefreshOnRead': [{ value: true, constraints: {} }] }),
  );

  const startNode = async (i: number) => {
    const address = addresses[i];
    const config = path.join(opts.dir, `node${i + 1}.yaml`);
    // JSON is YAML: the server's config loader reads it as such.
    writeFileSync(
      config,
      JSON.stringify(
        nodeConfig(
          { address, index: i, postgresPort, shards: opts.historyShards ?? 8, dynamicConfig },
          addresses[0],
        ),
        null,
        2,
      ),
    );
    const out = openSync(path.join(opts.dir, `node${i + 1}.log`), 'a');
    const child = spawn(bin.server, ['--config-file', config, '--allow-no-auth', 'start'], {
      stdio: ['ignore', out, out],
      detached: true,
    });
    child.unref();
    nodes[i] = child;
    if (child.pid) state.pids.push(child.pid);
    saveState();
    await waitForPort(address, PORTS.frontend, 120_000, child, `server node ${i + 1}`);
    log(`[cluster] node ${i + 1} (pid ${child.pid}) serves ${address}:${PORTS.frontend}`);
  };

  const stop = async () => {
    await balancer?.close();
    const running = nodes.filter(
      (n): n is ChildProcess => n !== undefined && n.exitCode === null && n.signalCode === null,
    );
    for (const n of running) n.kill('SIGTERM');
    await Promise.all(
      running.map(
        (n) =>
          new Promise<void>((resolve) => {
            const t = setTimeout(() => (n.kill('SIGKILL'), resolve()), 15_000);
            n.once('exit', () => (clearTimeout(t), resolve()));
          }),
      ),
    );
    pgInstance?.stop();
    if (opts.ephemeral && pgInstance) rmSync(pgInstance.dataDir, { recursive: true, force: true });
    rmSync(stateFile(opts.dir), { force: true });
  };

  try {
    state.postgresData = path.join(opts.dir, 'postgres');
    saveState();
    pgInstance = startPostgres(state.postgresData, postgresPort);
    log(`[cluster] PostgreSQL on 127.0.0.1:${postgresPort}`);
    setupSchemas(bin, postgresPort);
    for (let i = 0; i < addresses.length; i++) await startNode(i);
    balancer = await startFrontendBalancer(
      opts.balancerAddress ?? '127.250.0.100:7233',
      addresses.map((a) => `${a}:${PORTS.frontend}`),
    );
    const address = balancer.address;
    await registerNamespace(
      opts.cli,
      address,
      namespace,
      opts.searchAttributes ?? DEFAULT_SEARCH_ATTRIBUTES,
      log,
    );
    return {
      address,
      frontends: addresses.map((a) => `${a}:${PORTS.frontend}`),
      namespace,
      postgresPort,
      killNode: (i) => nodes[i]?.kill('SIGKILL'),
      startNode,
      nodePid: (i) => nodes[i]?.pid,
      connections: () => Object.fromEntries(balancer!.counts),
      stop,
    };
  } catch (e) {
    await stop();
    throw e;
  }
}

/** The namespace and the search attributes, through the CLI (retried while the nodes settle). */
async function registerNamespace(
  cli: string,
  address: string,
  namespace: string,
  attributes: Record<string, string>,
  log: (line: string) => void,
): Promise<void> {
  // Asynchronous on purpose: the balancer lives in this process and must keep accepting meanwhile.
  const attempt = (args: string[]) =>
    new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve) =>
      execFile(
        cli,
        [...args, '--address', address],
        { encoding: 'utf8', timeout: 30_000 },
        (err, stdout, stderr) =>
          resolve({ status: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
      ),
    );
  const deadline = Date.now() + 120_000;
  for (;;) {
    const r = await attempt(['operator', 'namespace', 'describe', '--namespace', namespace]);
    if (r.status === 0) break;
    const c = await attempt([
      'operator',
      'namespace',
      'create',
      '--namespace',
      namespace,
      '--retention',
      '72h',
    ]);
    if (c.status === 0) continue;
    if (Date.now() > deadline)
      throw new Error(`cannot register namespace ${namespace}: ${(c.stderr || c.stdout).trim()}`);
    await new Promise((res) => setTimeout(res, 1000));
  }
  for (const [name, type] of Object.entries(attributes)) {
    for (;;) {
      const r = await attempt([
        'operator',
        'search-attribute',
        'create',
        '--namespace',
        namespace,
        '--name',
        name,
        '--type',
        type,
      ]);
      if (r.status === 0 || /already exists/i.test(r.stderr + r.stdout)) break;
      if (Date.now() > deadline)
        throw new Error(`cannot register search attribute ${name}: ${(r.stderr || r.stdout).trim()}`);
      await new Promise((res) => setTimeout(res, 1000));
    }
  }
  log(`[cluster] namespace ${namespace} with search attributes ${Object.keys(attributes).join(', ')}`);
}
