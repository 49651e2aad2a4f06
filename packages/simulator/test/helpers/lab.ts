// The one way the simulator's own tests start a whole simulator: high loopback ports (no root needed),
// 3 hosts unless told, its state in a scratch directory of the test run. (The product's tests have
// their own lab in test/helpers/lab.ts, which adds the RunContext the activities get.)
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { startSimulator, type RunningSimulator, type SimulatorOptions } from '../../src/index.js';

/** The default speed of a lab: simulated minutes pass in milliseconds. */
export const LAB_SPEED = 1000;

export interface Lab {
  sim: RunningSimulator;
  /** A scratch directory of this lab (the simulator's state is in `dir/sim` unless given). */
  dir: string;
  /** Stops the simulator and removes the scratch directory. */
  stop(): Promise<void>;
}

/** Starts a simulator lab; every SimulatorOptions field can be overridden. */
export async function startLab(options: SimulatorOptions = {}): Promise<Lab> {
  // Under the test run's scratch directory when there is one (the test runner removes it at the end).
  const dir = await mkdtemp(path.join(process.env.HCI_TEST_SCRATCH ?? os.tmpdir(), 'lab-'));
  const sim = await startSimulator({
    lowPorts: false,
    ...(options.topology ? {} : { hosts: 3 }),
    stateDir: path.join(dir, 'sim'),
    ...options,
    speed: options.speed ?? LAB_SPEED,
  });
  return {
    sim,
    dir,
    stop: async () => {
      await sim.stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** The simulator of a lab; its scratch directory goes with the test run's. */
export async function startTestSim(options: SimulatorOptions = {}): Promise<RunningSimulator> {
  return (await startLab(options)).sim;
}
