// A lab (test/helpers/lab.ts) brought into the "cluster deployed" state with the smartx
// DeploymentClient, and readers of the simulator state these tests check.
import { setTimeout as sleep } from 'node:timers/promises';
import { DeploymentClient, EndpointResolver, type DeployClusterPayload } from '../../../src/smartx/index.js';
import type { RunningSimulator, SimulatorOptions } from '@hci-bringup/simulator';
import { startLab, type Lab } from '../../helpers/lab.js';
import type { LoggedRequest } from '../../helpers/lenient.js';
import { deployPayload } from '@hci-bringup/simulator/testing';

export const SPEED = 500;

export interface DeployedSim extends Lab {
  resolver: EndpointResolver;
  hostIps: string[];
  vip: string;
}

/** `payload` may change the deploy payload (e.g. tag the management network with a VLAN). */
export async function startDeployedSim(
  options: SimulatorOptions = {},
  payload: (p: Record<string, unknown>) => Record<string, unknown> = (p) => p,
): Promise<DeployedSim> {
  const lab = await startLab({ speed: SPEED, ...options });
  const { sim } = lab;
  const resolver = EndpointResolver.fromFile(lab.endpointMapFile);
  const hostIps = sim.core.topology.hosts.map((h) => h.managementIp);
  const scans = [];
  for (const ip of hostIps) scans.push(await new DeploymentClient(resolver, ip).scanHost());
  const first = new DeploymentClient(resolver, hostIps[0]);
  const accepted = await first.deployCluster(
    payload(deployPayload(scans)) as unknown as DeployClusterPayload,
  );
  if (!accepted.accepted) throw new Error(`deploy not accepted: ${accepted.msg}`);
  const end = Date.now() + 60_000;
  while (!(await first.deployVerify()).is_deployed) {
    if (Date.now() > end) throw new Error('deploy did not finish');
    await sleep(50);
  }
  return { ...lab, resolver, hostIps, vip: sim.core.topology.vip };
}

/** The parts of `/__sim/state` these tests read. */
export interface SimStateView {
  cluster: { vip?: string; dns: string[]; ntp: string[]; serial?: string };
  hosts: { hostname: string; uuid: string }[];
  vdses: { name: string; uuid: string }[];
  vlans: { uuid: string; name: string; vds_uuid: string; vlan_id: number; type?: number | string }[];
  vms: { vm_name: string; nics?: { vlan_uuid?: string }[] }[];
  jobs: {
    description: string;
    resources: Record<string, { hosts_associated?: Record<string, { data_ip?: string }> }>;
  }[];
  images: { name: string; size: number; complete: boolean; hashed: boolean; sha256: string | null }[];
  ipmiAccounts: { node_uuid: string }[];
  passwordChanges: { machine: string; user: string; via: string }[];
  requests: LoggedRequest[];
}

export async function simState(sim: RunningSimulator): Promise<SimStateView> {
  const res = await fetch(`${sim.adminUrl}/__sim/state`);
  return (await res.json()) as SimStateView;
}

export async function setFaults(sim: RunningSimulator, rules: unknown[]): Promise<void> {
  const res = await fetch(`${sim.adminUrl}/__sim/faults`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ rules }),
  });
  if (!res.ok) throw new Error(`faults rejected: ${await res.text()}`);
}

/** The images named `name` once the simulator has hashed them (hashing follows completion). */
export async function hashedImages(sim: RunningSimulator, name: string): Promise<SimStateView['images']> {
  const end = Date.now() + 20_000;
  for (;;) {
    const images = (await simState(sim)).images.filter((i) => i.name === name);
    if (images.every((i) => i.hashed) || Date.now() > end) return images;
    await sleep(20);
  }
}
