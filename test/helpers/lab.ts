// The one way tests start a simulator lab: the simulator on high loopback ports (no root needed), its
// state in a scratch directory of the test run, and the RunContext the activities get (the endpoint
// map the simulator wrote, simulator timing at the lab's speed). Stage-specific preparation (deploy
// the cluster, set up CloudTower, …) is built on top of this by the tests' own helpers.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { RunContext } from '../../src/run/input.js';
import { simulatorTiming } from '../../src/run/timing.js';
import { startSimulator, type RunningSimulator, type SimulatorOptions } from '@hci-bringup/simulator';

/** The default speed of a lab: simulated minutes pass in milliseconds. */
export const LAB_SPEED = 1000;

export interface Lab {
  sim: RunningSimulator;
  /** The RunContext activities get: the endpoint map and simulator timing at the lab's speed. */
  run: RunContext;
  /** Where the simulator wrote its endpoint map. */
  endpointMapFile: string;
  /** A scratch directory of this lab (the simulator's state is in `dir/sim` unless given). */
  dir: string;
  /** Stops the simulator and removes the scratch directory. */
  stop(): Promise<void>;
}

/**
 * Starts a simulator lab. Defaults: 3 hosts, high ports, speed LAB_SPEED; every SimulatorOptions
 * field can be overridden (e.g. `topology`, `stateDir`, `endpointsOut`, `smtx`).
 */
export async function startLab(options: SimulatorOptions = {}): Promise<Lab> {
  // Under the test run's scratch directory when there is one (npm test removes it at the end).
  const dir = await mkdtemp(path.join(process.env.HCI_TEST_SCRATCH ?? os.tmpdir(), 'lab-'));
  const speed = options.speed ?? LAB_SPEED;
  const sim = await startSimulator({
    lowPorts: false,
    ...(options.topology ? {} : { hosts: 3 }),
    stateDir: path.join(dir, 'sim'),
    ...options,
    speed,
  });
  const endpointMapFile = options.endpointsOut ?? path.join(sim.stateDir, 'endpoints.json');
  return {
    sim,
    run: { connect: { mode: 'map', endpointMapFile }, timing: simulatorTiming(speed) },
    endpointMapFile,
    dir,
    stop: async () => {
      await sim.stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** The simulator of a lab at LAB_SPEED (tests that only need the simulator, not a RunContext). */
export async function startTestSim(options: SimulatorOptions = {}): Promise<RunningSimulator> {
  return (await startLab(options)).sim;
}
