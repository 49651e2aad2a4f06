// A real simulator on high loopback ports, the RunContext activities get, and an activity runner.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Info } from '@temporalio/activity';
import { MockActivityEnvironment } from '@temporalio/testing';
import {
  startSimulator,
  type RunningSimulator,
  type SimulatorOptions,
} from '../../../src/simulator/index.js';
import type { RunContext } from '../../../src/run/input.js';
import { simulatorTiming } from '../../../src/run/timing.js';

export const SPEED = 500;

export interface TestSim {
  sim: RunningSimulator;
  run: RunContext;
  stop(): Promise<void>;
}

export async function startTestSim(options: SimulatorOptions = {}): Promise<TestSim> {
  const stateDir = await mkdtemp(path.join(os.tmpdir(), 'prep-deploy-activities-'));
  const sim = await startSimulator({ lowPorts: false, hosts: 3, speed: SPEED, stateDir, ...options });
  return {
    sim,
    run: {
      connect: { mode: 'map', endpointMapFile: path.join(stateDir, 'endpoints.json') },
      timing: simulatorTiming(SPEED),
    },
    stop: async () => {
      await sim.stop();
      await rm(stateDir, { recursive: true, force: true });
    },
  };
}

/**
 * Runs an activity in a real activity context; returns its result and heartbeats. `info` plays a
 * retry (attempt, heartbeat details of the attempt before).
 */
export async function runActivity<Req, Res>(
  fn: (req: Req) => Promise<Res>,
  req: Req,
  info: Partial<Info> = {},
): Promise<{ result: Res; heartbeats: unknown[] }> {
  const env = new MockActivityEnvironment(info);
  const heartbeats: unknown[] = [];
  env.on('heartbeat', (d: unknown) => void heartbeats.push(d));
  const result = (await env.run(fn, req)) as Res;
  return { result, heartbeats };
}

/** The part of GET /__sim/state these tests read. */
export interface SimClusterState {
  cluster: { deployRequests: number; deployed: boolean; masters?: number; name?: string };
}

export async function simState(sim: RunningSimulator): Promise<SimClusterState> {
  const res = await fetch(`${sim.adminUrl}/__sim/state`);
  return (await res.json()) as SimClusterState;
}
