// What the prepare and deploy activity tests share beyond the lab (test/helpers/lab.ts).
import type { RunningSimulator } from '@hci-bringup/simulator';

/** The speed of their labs. */
export const SPEED = 500;

/** The part of GET /__sim/state these tests read. */
export interface SimClusterState {
  cluster: {
    deployRequests: number;
    /** Accepted deploy POSTs (refused ones count only in deployRequests). */
    deployAccepted?: number;
    deployed: boolean;
    masters?: number;
    name?: string;
  };
}

export async function simState(sim: RunningSimulator): Promise<SimClusterState> {
  const res = await fetch(`${sim.adminUrl}/__sim/state`);
  return (await res.json()) as SimClusterState;
}
