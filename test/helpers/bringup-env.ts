// A whole rehearsal on loopback for end-to-end tests: our sample workbook, the simulator started
// from it, package files (sparse ISOs), and the workflow input pointing at the endpoint map.
import { mkdirSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadPlan, writeSamplePlan, type Plan } from '../../src/plan/index.js';
import type { BringUpInput } from '../../src/run/input.js';
import { toRunPlan } from '../../src/run/run-plan.js';
import { simulatorTiming, type TimingProfile } from '../../src/run/timing.js';
import { startSimulator, type RunningSimulator, type SimulatorOptions } from '../../src/simulator/index.js';
import { topologyFromPlan } from '../../src/simulator/plan-input.js';
import { writeSamplePackages } from '../../scripts/lib/sample-packages.js';

export interface BringUpEnv {
  dir: string;
  planFile: string;
  plan: Plan;
  packageDir: string;
  artifactsDir: string;
  endpointMapFile: string;
  sim: RunningSimulator;
  timing: TimingProfile;
  input(overrides?: Partial<BringUpInput>): BringUpInput;
  simState(): Promise<Record<string, unknown>>;
  stop(): Promise<void>;
}

export interface EnvOptions {
  hosts: number;
  speed: number;
  networkArchitecture?: 'three-separate' | 'storage-separate';
  isoBytes?: number;
  sim?: Partial<SimulatorOptions>;
  withObsPackage?: boolean;
  obsBytes?: number;
  withBackupPackage?: boolean;
}

export async function startBringUpEnv(opts: EnvOptions): Promise<BringUpEnv> {
  const base = process.env.HCI_TEST_SCRATCH ?? os.tmpdir();
  const dir = mkdtempSync(path.join(base, 'bringup-'));
  const planFile = path.join(dir, 'plan.xlsx');
  await writeSamplePlan(planFile, {
    hosts: opts.hosts,
    networkArchitecture: opts.networkArchitecture ?? 'three-separate',
    storageArchitecture: 'hybrid-tiered',
  });
  const loaded = await loadPlan(planFile);
  if (!loaded.plan) throw new Error(`sample plan invalid: ${JSON.stringify(loaded.errors.slice(0, 3))}`);
  const plan = loaded.plan;

  const packageDir = path.join(dir, 'packages');
  const artifactsDir = path.join(dir, 'artifacts');
  mkdirSync(artifactsDir);
  writeSamplePackages(packageDir, {
    isoBytes: opts.isoBytes,
    obs: opts.withObsPackage,
    obsBytes: opts.obsBytes,
    backup: opts.withBackupPackage,
  });

  const endpointMapFile = path.join(dir, 'endpoints.json');
  const sim = await startSimulator({
    topology: topologyFromPlan(plan as unknown as Record<string, unknown>),
    speed: opts.speed,
    lowPorts: false,
    stateDir: path.join(dir, 'sim'),
    endpointsOut: endpointMapFile,
    seed: 7,
    ...opts.sim,
  });
  const timing = simulatorTiming(opts.speed, { heartbeatTimeoutSeconds: 5 });
  return {
    dir,
    planFile,
    plan,
    packageDir,
    artifactsDir,
    endpointMapFile,
    sim,
    timing,
    input: (overrides = {}) => ({
      plan: toRunPlan(plan),
      planFile,
      run: { connect: { mode: 'map', endpointMapFile }, timing },
      files: { packageDir, artifactsDir },
      components: { obs: 'skip', backup: 'skip' },
      onFailure: 'fail',
      ...overrides,
    }),
    simState: async () => {
      const res = await fetch(`${sim.adminUrl}/__sim/state`);
      return (await res.json()) as Record<string, unknown>;
    },
    stop: () => sim.stop(),
  };
}
