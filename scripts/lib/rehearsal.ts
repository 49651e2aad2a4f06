// One rehearsal site on loopback: our sample workbook, stand-in package files and the simulator
// started from the workbook, with the workflow input that points at its endpoint map. Shared by
// the demo, the benchmarks, the history recorder and the end-to-end tests.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import {
  startSimulator,
  topologyFromPlan,
  type RunningSimulator,
  type SimulatorOptions,
} from '@hci-bringup/simulator';
import { loadPlan, writeSamplePlan, type Plan, type SamplePlanOptions } from '../../src/plan/index.js';
import type { BringUpInput } from '../../src/run/input.js';
import { toRunPlan } from '../../src/run/run-plan.js';
import { simulatorTiming, type TimingProfile } from '../../src/run/timing.js';
import { writeSamplePackages } from './sample-packages.js';

export interface RehearsalOptions {
  dir: string;
  hosts: number;
  speed: number;
  networkArchitecture?: 'three-separate' | 'storage-separate';
  storageArchitecture?: 'hybrid-tiered' | 'all-flash-untiered';
  isoBytes?: number;
  obsBytes?: number;
  withObsPackage?: boolean;
  withBackupPackage?: boolean;
  /** 集群管理信息!G3 of the sample workbook (default: the factory default). */
  cloudtowerPassword?: string;

  /** Sample-plan options: a tagged management VLAN, a row-5 extra management network. */
  plan?: Pick<SamplePlanOptions, 'managementVlan' | 'extraManagement' | 'addressBlock'>;
  sim?: Partial<SimulatorOptions>;
  timing?: Partial<TimingProfile>;
}

export interface Rehearsal {
  dir: string;
  planFile: string;
  plan: Plan;
  packageDir: string;
  artifactsDir: string;
  endpointMapFile: string;
  sim: RunningSimulator;
  timing: TimingProfile;
  /** The workflow input for this site (components skipped and fail-fast unless overridden). */
  input(overrides?: Partial<BringUpInput>): BringUpInput;
}

export async function startRehearsal(opts: RehearsalOptions): Promise<Rehearsal> {
  const { dir } = opts;
  mkdirSync(dir, { recursive: true });
  const planFile = path.join(dir, 'sample-plan.xlsx');
  await writeSamplePlan(planFile, {
    hosts: opts.hosts,
    networkArchitecture: opts.networkArchitecture ?? 'three-separate',
    storageArchitecture: opts.storageArchitecture ?? 'hybrid-tiered',
    cloudtowerPassword: opts.cloudtowerPassword,

    ...opts.plan,
  });
  const loaded = await loadPlan(planFile);
  if (!loaded.plan) {
    throw new Error(`the sample workbook did not validate (npx hci-bringup validate ${planFile})`);
  }
  const plan = loaded.plan;
  const packageDir = path.join(dir, 'packages');
  const artifactsDir = path.join(dir, 'artifacts');
  mkdirSync(artifactsDir, { recursive: true });
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
  const timing = simulatorTiming(opts.speed, opts.timing);
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
      plan: toRunPlan(plan, planFile),
      planFile,
      run: { connect: { mode: 'map', endpointMapFile }, timing },
      files: { packageDir, artifactsDir },
      components: { obs: 'skip', backup: 'skip' },
      onFailure: 'fail',
      ...overrides,
    }),
  };
}
