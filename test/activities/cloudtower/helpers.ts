// A simulator with a deployed cluster, Fisheye root set and the VIP up, and the RunContext the
// activities get (endpoint map file, simulator timing).
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdtemp, open, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { MockActivityEnvironment } from '@temporalio/testing';
import got from 'got';
import type { RunContext } from '../../../src/run/input.js';
import { simulatorTiming } from '../../../src/run/timing.js';
import type { RunningSimulator, SimulatorOptions } from '../../../src/simulator/index.js';
import { FisheyeClient, EndpointResolver } from '../../../src/smartx/index.js';
import { deployCluster, startTestSim } from '../../simulator/smtx/helpers.js';

export const SPEED = 500;
export const VIP = '127.1.0.10';
export const HOST = '127.1.0.11';
export const CLOUDTOWER_IP = '127.1.1.2';
export const fisheye = { user: 'root', password: { secretValue: 'HC!r0cks' } };

export interface Lab {
  sim: RunningSimulator;
  run: RunContext;
  dir: string;
  stop(): Promise<void>;
}

export async function startLab(options: SimulatorOptions = {}): Promise<Lab> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'hci-ct-test-'));
  const sim = await startTestSim({
    speed: SPEED,
    stateDir: path.join(dir, 'sim'),
    ...options,
    smtx: { deploySeconds: 60, chunkSize: 4 * 1024 * 1024, guestInstallSeconds: 60, ...options.smtx },
  });
  await deployCluster(sim);
  const endpointMapFile = path.join(sim.stateDir, 'endpoints.json');
  const host = new FisheyeClient(EndpointResolver.fromFile(endpointMapFile), HOST, {
    username: fisheye.user,
    password: fisheye.password.secretValue,
  });
  await host.setupRoot();
  await host.setVip(VIP);
  const run: RunContext = { connect: { mode: 'map', endpointMapFile }, timing: simulatorTiming(SPEED) };
  return {
    sim,
    run,
    dir,
    stop: async () => {
      await sim.stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

type Rec = Record<string, unknown>;

/** The parts of GET /__sim/state these tests read. */
export interface SimSnapshot {
  images: (Rec & { uuid: string; name: string; complete: boolean; sha256: string | null })[];
  requests: { route?: string; method: string; path: string }[];
  vlans: (Rec & { uuid: string; name: string })[];
  vms: (Rec & { uuid: string; memory: number; disks: { path?: string }[] })[];
  installerRuns: (Rec & { status: string; nohup: boolean })[];
  cloudtower: {
    organizations: Rec[];
    datacenters: Rec[];
    connectedClusters: Rec[];
    rootUserCreated: boolean;
    rootPassword?: { isFactoryDefault: boolean; setBy: string; updatedAt: string; changes: number };
    effects: Record<string, number>;
  };
  machineFiles: Record<string, Record<string, unknown>>;
}

export async function simState(sim: RunningSimulator): Promise<SimSnapshot> {
  return got(`${sim.adminUrl}/__sim/state`).json<SimSnapshot>();
}

export async function setFaults(sim: RunningSimulator, rules: unknown[]): Promise<void> {
  await got.put(`${sim.adminUrl}/__sim/faults`, { json: { rules } });
}

/** A sparse ISO of `size` bytes with a few marked blocks (so its hash is not that of zeros). */
export async function sparseIso(
  dir: string,
  name: string,
  size: number,
): Promise<{ path: string; name: string; size: number; sha256: string }> {
  const file = path.join(dir, name);
  const fh = await open(file, 'w');
  await fh.truncate(size);
  for (const at of [0, Math.floor(size / 3), size - 4096]) {
    await fh.write(createHash('sha256').update(`${name}:${at}`).digest(), 0, 32, at);
  }
  await fh.close();
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return { path: file, name, size, sha256: hash.digest('hex') };
}

/** Runs an activity in a fresh mock context; records its heartbeats. */
export async function runActivity<A, R>(
  fn: (req: A) => Promise<R>,
  req: A,
  options: {
    heartbeatDetails?: unknown;
    onHeartbeat?: (d: unknown, env: MockActivityEnvironment) => void;
  } = {},
): Promise<{ result: R; heartbeats: unknown[] }> {
  const env = new MockActivityEnvironment({ heartbeatDetails: options.heartbeatDetails });
  const heartbeats: unknown[] = [];
  env.on('heartbeat', (d: unknown) => {
    heartbeats.push(d);
    options.onHeartbeat?.(d, env);
  });
  const result = (await env.run(fn, req)) as R;
  return { result, heartbeats };
}

/** Runs an activity expected to fail; returns the error and the heartbeats. */
export async function runFailing<A>(
  fn: (req: A) => Promise<unknown>,
  req: A,
  options: {
    heartbeatDetails?: unknown;
    onHeartbeat?: (d: unknown, env: MockActivityEnvironment) => void;
  } = {},
): Promise<{ error: Error; heartbeats: unknown[] }> {
  const heartbeats: unknown[] = [];
  try {
    await runActivity(fn, req, {
      ...options,
      onHeartbeat: (d, env) => {
        heartbeats.push(d);
        options.onHeartbeat?.(d, env);
      },
    });
  } catch (error) {
    return { error: error as Error, heartbeats };
  }
  throw new Error('the activity was expected to fail');
}
