// A simulator with a deployed cluster, Fisheye root set and the VIP up, and the RunContext the
// activities get (endpoint map file, simulator timing).
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import path from 'node:path';
import got from 'got';
import type { RunningSimulator, SimulatorOptions } from '@hci-bringup/simulator';
import { FisheyeClient, EndpointResolver } from '../../../src/smartx/index.js';
import { deployCluster } from '@hci-bringup/simulator/testing';
import { startLab, type Lab } from '../../helpers/lab.js';
import { testSecret } from '../../helpers/secrets.js';

export const SPEED = 500;
export const VIP = '127.1.0.10';
export const HOST = '127.1.0.11';
export const CLOUDTOWER_IP = '127.1.1.2';
export const FISHEYE_PW = 'HC!r0cks';
export const fisheye = { user: 'root', password: testSecret(FISHEYE_PW) };

/** A lab (test/helpers/lab.ts) with the cluster deployed, Fisheye's root set and the VIP up. */
export async function startClusterLab(options: SimulatorOptions = {}): Promise<Lab> {
  const lab = await startLab({
    speed: SPEED,
    ...options,
    smtx: { deploySeconds: 60, chunkSize: 4 * 1024 * 1024, guestInstallSeconds: 60, ...options.smtx },
  });
  await deployCluster(lab.sim);
  const host = new FisheyeClient(EndpointResolver.fromFile(lab.endpointMapFile), HOST, {
    username: fisheye.user,
    password: FISHEYE_PW,
  });
  await host.setupRoot();
  await host.setVip(VIP);
  return lab;
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
