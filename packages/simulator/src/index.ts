// Programmatic API of the simulator: tests and the demo start it in-process; main.ts wraps it as
// a program. Never imported by workflow or activity code.
import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { ClockReport } from './core/clock.js';
import type { SimState } from './core/contract.js';
import type { EndpointMap } from './core/endpoint-map.js';
import type { FaultFile } from './core/faults.js';
import { SimulatorCore } from './core/runtime.js';
import { builtinTopology, type SimTopology } from './core/topology.js';
import { externalModules } from './services.js';
import { createSmtxService, type SmtxOptions } from './smtx/index.js';
import { SshService, type SudoPolicy } from './ssh/index.js';
import { loadHostKey } from './ssh/server.js';

/** CloudTower installer run time in simulated seconds by default (30 min; seed 003: 20–40). */
export const defaultInstallerSeconds = 1800;

/** Site bandwidth of uploads in Mbit/s by default (1 Gbit/s). */
export const defaultSiteBandwidthMbps = 1000;

export interface SimulatorOptions {
  /** What to simulate: a topology, or `hosts` for the built-in loopback scheme. */
  topology?: SimTopology;
  hosts?: number;
  /** Simulated seconds per real second (default 1). */
  speed?: number;
  seed?: number | string;
  /** Directory for uploads, certificates, the endpoint map (default: a new temp dir). */
  stateDir?: string;
  /** Real ports (needs root), high ports, or real ones when all can be bound. Default 'auto'. */
  lowPorts?: boolean | 'auto';
  faults?: FaultFile;
  endpointsOut?: string;
  adminPort?: number;
  smtx?: Partial<SmtxOptions>;
  /** CloudTower installer run time in simulated seconds (default 1800 = 30 min, seed 003: 20–40). */
  installerSeconds?: number;
  /** Site bandwidth of uploads in Mbit/s (default 1000 = 1 Gbit/s; 0: unlimited). */
  siteBandwidthMbps?: number;
  /** Sudo policy of `smartx` on the SMTX OS hosts: NOPASSWD (default, field evidence in FACTS.md) or asks its password. */
  smartxSudo?: SudoPolicy;
  /** Replaces the `unshare` the SSH sandbox uses (tests: a missing one shows isolation refused). */
  unshareCommand?: string;
  /**
   * When simulated machines cannot be sealed (a prerequisite missing): `fail` (default) stops the start
   * with an IsolationUnavailableError whose message names the fix; `refuse-sessions` runs and refuses
   * every SSH session.
   */
  withoutIsolation?: 'fail' | 'refuse-sessions';
  logger?: (event: string, detail?: Record<string, unknown>) => void;
}

/** The part of the simulator's clock a test or bench reads site time from. */
export interface SiteClock {
  /** Simulated seconds since the simulator started. */
  elapsedSeconds(): number;
  /** Sets (or resets) a named mark now, e.g. when a run starts. */
  mark(name: string): void;
  /** Simulated seconds since the mark (undefined when never set). */
  sinceMark(name: string): number | undefined;
  report(): ClockReport;
}

export interface RunningSimulator {
  endpointMap: EndpointMap;
  adminUrl: string;
  stateDir: string;
  lowPorts: boolean;
  state: SimState;
  core: SimulatorCore;
  /** SSH: accounts, the per-machine sandboxes (isolation status), their trees. */
  ssh: SshService;
  /** Site time: simulated seconds since start and since marks (also GET/PUT /__sim/clock). */
  clock: SiteClock;
  /** Loopback host:port for a plan address and real port (tests use it like the orchestrator's resolver). */
  resolve(planAddress: string, port: number): { host: string; port: number };
  stop(): Promise<void>;
}

/** Starts attempts made when a port chosen free was taken before we bound it (another process). */
const START_ATTEMPTS = 3;

/**
 * Starts the simulator. Free ports are chosen first and bound later, so another process on the
 * machine may take one in between (EADDRINUSE): everything opened is closed again and the start is
 * tried afresh with new ports, so a failed start never leaves listeners holding the process open.
 */
export async function startSimulator(options: SimulatorOptions = {}): Promise<RunningSimulator> {
  const stateDir = options.stateDir ?? (await mkdtemp(path.join(os.tmpdir(), 'hci-sim-')));
  for (let attempt = 1; ; attempt++) {
    try {
      return await startOnce(options, stateDir);
    } catch (err) {
      const taken = /EADDRINUSE/.test((err as Error).message);
      if (!taken || attempt >= START_ATTEMPTS || options.adminPort) throw err;
    }
  }
}

async function startOnce(options: SimulatorOptions, stateDir: string): Promise<RunningSimulator> {
  const topology = options.topology ?? builtinTopology(options.hosts ?? 3);
  const core = new SimulatorCore({
    topology,
    speed: options.speed ?? 1,
    seed: options.seed ?? 1,
    stateDir,
    lowPorts: options.lowPorts ?? 'auto',
    faults: options.faults,
    endpointsOut: options.endpointsOut,
    adminPort: options.adminPort,
    siteBandwidthMbps: options.siteBandwidthMbps ?? defaultSiteBandwidthMbps,
    logger: options.logger,
  });
  await core.prepare();
  const ssh = new SshService(core, {
    installerSeconds: options.installerSeconds ?? defaultInstallerSeconds,
    hostKey: await loadHostKey(stateDir),
    stateDir,
    smartxSudo: options.smartxSudo,
    tools: options.unshareCommand ? { unshare: options.unshareCommand } : undefined,
    withoutIsolation: options.withoutIsolation,
  });
  let smtx: ReturnType<typeof createSmtxService> | undefined;
  const stopAll = async () => {
    await core.stop();
    await ssh.stop();
    await smtx?.uploads.closeAll();
  };
  try {
    await ssh.start();
    smtx = createSmtxService(core, ssh, options.smtx);
    await core.start([...smtx.modules, ...externalModules], ssh.listenerFactory, ssh.serviceListenerFactory);
  } catch (err) {
    await stopAll();
    throw err;
  }
  return {
    endpointMap: core.endpointMap,
    adminUrl: core.adminUrl,
    stateDir,
    lowPorts: core.lowPorts,
    state: core.state,
    core,
    resolve(planAddress, port) {
      const e = core.endpointMap.endpoints[planAddress];
      const mapped = e?.ports[String(port)];
      if (!e || mapped === undefined) throw new Error(`no endpoint for ${planAddress}:${port}`);
      return { host: e.host, port: mapped };
    },
    ssh,
    clock: {
      elapsedSeconds: () => core.clock.elapsedSeconds(),
      mark: (name) => core.clock.mark(name),
      sinceMark: (name) => core.clock.sinceMark(name),
      report: () => core.clock.report(),
    },
    stop: stopAll,
  };
}

export { builtinTopology, type SimTopology } from './core/topology.js';
export { sessionLauncherPid } from './ssh/sandbox/launcher.js';
export { faultFileSchema, type FaultFile, type FaultRule } from './core/faults.js';
export type { EndpointMap } from './core/endpoint-map.js';
export type { ClockReport } from './core/clock.js';
export { deploymentToken, defaultPasswordCipher } from './smtx/options.js';
export { defaultPasswords, type SudoPolicy } from './ssh/index.js';
export { IsolationUnavailableError, sealedMachinesPreflight } from './ssh/sandbox/isolation.js';
export { topologyFromPlan } from './plan-input.js';
export { defaultTimings as defaultCloudTowerTimings, type CloudTowerTimings } from './cloudtower/options.js';
export { defaultSmtxOptions, type SmtxOptions } from './smtx/options.js';
export { deployPayloadSchema, type DeployPayload } from './smtx/deploy-schema.js';
export { cloudTowerDocumentErrors } from './cloudtower/graphql/document-errors.js';
