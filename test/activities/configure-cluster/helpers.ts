// A real simulator (high loopback ports) brought into the "cluster deployed" state with the smartx
// DeploymentClient, the RunContext the activities get, and a way to run them in an activity context.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { MockActivityEnvironment } from '@temporalio/testing';
import type { Info } from '@temporalio/activity';
import { DefaultLogger, type LogEntry } from '@temporalio/worker';
import { DeploymentClient, EndpointResolver, type DeployClusterPayload } from '../../../src/smartx/index.js';
import {
  startSimulator,
  type RunningSimulator,
  type SimulatorOptions,
} from '../../../src/simulator/index.js';
import type { RunContext } from '../../../src/run/input.js';
import { simulatorTiming } from '../../../src/run/timing.js';
import { deployPayload } from '../../simulator/smtx/helpers.js';

export const SPEED = 500;

export interface DeployedSim {
  sim: RunningSimulator;
  run: RunContext;
  resolver: EndpointResolver;
  hostIps: string[];
  vip: string;
  stop(): Promise<void>;
}

/** `payload` may change the deploy payload (e.g. tag the management network with a VLAN). */
export async function startDeployedSim(
  options: SimulatorOptions = {},
  payload: (p: Record<string, unknown>) => Record<string, unknown> = (p) => p,
): Promise<DeployedSim> {
  const stateDir = await mkdtemp(path.join(os.tmpdir(), 'cc-activities-'));
  const sim = await startSimulator({ lowPorts: false, hosts: 3, speed: SPEED, stateDir, ...options });
  const endpointMapFile = path.join(stateDir, 'endpoints.json');
  const resolver = EndpointResolver.fromFile(endpointMapFile);
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
  return {
    sim,
    run: { connect: { mode: 'map', endpointMapFile }, timing: simulatorTiming(SPEED) },
    resolver,
    hostIps,
    vip: sim.core.topology.vip,
    stop: async () => {
      await sim.stop();
      await rm(stateDir, { recursive: true, force: true });
    },
  };
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
  requests: { machine: string; method: string; path: string; route?: string; status: number }[];
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

/** Everything activities logged or heartbeated in this test file (checked for secrets). */
export const recorded: { logs: LogEntry[]; heartbeats: unknown[] } = { logs: [], heartbeats: [] };

/** The images named `name` once the simulator has hashed them (hashing follows completion). */
export async function hashedImages(sim: RunningSimulator, name: string): Promise<SimStateView['images']> {
  const end = Date.now() + 20_000;
  for (;;) {
    const images = (await simState(sim)).images.filter((i) => i.name === name);
    if (images.every((i) => i.hashed) || Date.now() > end) return images;
    await sleep(20);
  }
}

/** Runs an activity in a real activity context, recording its logs and heartbeats. */
export async function runActivity<Req, Res>(
  fn: (req: Req) => Promise<Res>,
  req: Req,
  info: Partial<Info> = {},
): Promise<{ result: Res; heartbeats: unknown[] }> {
  const logger = new DefaultLogger('DEBUG', (entry) => void recorded.logs.push(entry));
  const env = new MockActivityEnvironment(info, { logger });
  const heartbeats: unknown[] = [];
  env.on('heartbeat', (d: unknown) => {
    heartbeats.push(d);
    recorded.heartbeats.push(d);
  });
  const result = (await env.run(fn, req)) as Res;
  return { result, heartbeats };
}

/** The text of every log line and heartbeat recorded so far. */
export function recordedText(): string {
  return JSON.stringify(recorded, (_k, v: unknown) => (typeof v === 'bigint' ? String(v) : v));
}
