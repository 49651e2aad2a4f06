// A tiny stand-in for the simulator core, so the CloudTower modules can be tested over real HTTP
// before (and independently of) the core: a node:http server on 127.0.0.1 that matches SimRoute
// patterns, builds SimRequest/SimContext, and offers a manual clock, scripted faults, an in-memory
// SimState and a record of activations and log lines.
import { mkdtemp, rm } from 'node:fs/promises';
import http from 'node:http';
import { createState } from '../../src/core/state.js';
import { sendReply } from '../../src/core/dispatch.js';
import { SiteLink } from '../../src/core/site-link.js';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type {
  MachineRole,
  SimClock,
  SimContext,
  SimFaults,
  SimReply,
  SimRequest,
  SimRoute,
  SimServiceModule,
  SimState,
} from '../../src/core/contract.js';

type Fault = { kind: string; status?: number; delayMs?: number };

/** Simulated time that moves only when a test says so; sleepers wake as it passes them. */
export class ManualClock implements SimClock {
  speed = 1;
  private offsetMs = 0;
  private sleepers: { due: number; wake: () => void }[] = [];
  constructor(private readonly base = Date.parse('2025-12-25T06:00:00.000Z')) {}
  now(): number {
    return this.base + this.offsetMs;
  }
  since(simTimestampMs: number): number {
    return (this.now() - simTimestampMs) / 1000;
  }
  sleep(seconds: number): Promise<void> {
    return new Promise((resolve) => {
      this.sleepers.push({ due: this.now() + seconds * 1000, wake: resolve });
    });
  }
  /** How many sleepers wait for time to move (a test waits for a handler to reach its sleep). */
  get sleeping(): number {
    return this.sleepers.length;
  }
  /** Moves time on and lets woken sleepers run. */
  async advance(seconds: number): Promise<void> {
    this.offsetMs += seconds * 1000;
    const due = this.sleepers.filter((s) => s.due <= this.now());
    this.sleepers = this.sleepers.filter((s) => s.due > this.now());
    for (const s of due) s.wake();
    await new Promise((resolve) => setImmediate(resolve));
  }
}

/** Faults fire from per-point queues scripted by the test; every consulted point is recorded. */
export class ScriptedFaults implements SimFaults {
  readonly consulted: string[] = [];
  private readonly queues = new Map<string, Fault[]>();
  script(point: string, ...faults: Fault[]): void {
    this.queues.set(point, [...(this.queues.get(point) ?? []), ...faults]);
  }
  fire(point: string): Fault | undefined {
    this.consulted.push(point);
    return this.queues.get(point)?.shift();
  }
}

/** The core's initial state, with CloudTower already installed (these modules serve only then). */
export function emptyState(): SimState {
  const s = createState();
  s.cloudtower.installed = true;
  return s;
}

/** A deployed 3-node cluster as the SMTX side of the simulator would leave it (Fisheye shapes). */
export function deployedClusterState(): SimState {
  const s = emptyState();
  s.cluster = {
    ...s.cluster,
    deployed: true,
    name: 'CN-BJ-SMTX-Prod-Cls01',
    uuid: '30724c9c-9657-46af-9c55-3857c8f165c1',
    vip: '10.0.20.210',
    dns: ['10.0.0.114', '10.0.0.1'],
    ntp: ['10.0.0.2', 'ntp.c89.fun', '10.0.0.1'],
  };
  s.hosts = [1, 2, 3].map((n) => ({ hostname: `BJ-SMTX-Prod-Node-0${n}`, managementIp: `10.0.20.21${n}` }));
  s.vdses = [
    {
      uuid: 'vds-mgt',
      name: 'vDS-MgMt-Network',
      ovsbr_name: 'ovsbr-c9d6xjuzp',
      bond_mode: 'active-backup',
      nics: ['ens192', 'ens224'],
    },
    {
      uuid: 'vds-storage',
      name: 'vDS-Storage-Network',
      ovsbr_name: 'ovsbr-7j7qtrvsm',
      bond_mode: 'active-backup',
      nics: ['ens161', 'ens256'],
    },
    {
      uuid: 'vds-prod',
      name: 'vDS-Prod-Network',
      ovsbr_name: 'ovsbr-4231kycbp',
      bond_mode: 'active-backup',
      nics: ['ens225', 'ens257'],
    },
  ];
  s.vlans = [
    { uuid: 'vlan-default', name: 'default', vlan_id: 0, vds_uuid: 'vds-mgt', type: 'vm' },
    { uuid: 'vlan-mgt', name: 'mgt-network', vlan_id: 0, vds_uuid: 'vds-mgt', type: 'mgt' },
    { uuid: 'vlan-storage', name: 'storage-network', vlan_id: 0, vds_uuid: 'vds-storage', type: 'storage' },
    { uuid: 'vlan-1120', name: 'VLAN-1120', vlan_id: 1120, vds_uuid: 'vds-prod', type: 'vm' },
  ];
  return s;
}

function match(pattern: string, pathname: string): Record<string, string> | undefined {
  const want = pattern.split('/');
  const got = pathname.split('/');
  if (want.length !== got.length) return undefined;
  const params: Record<string, string> = {};
  for (let i = 0; i < want.length; i++) {
    if (want[i].startsWith(':')) {
      if (got[i] === '') return undefined;
      params[want[i].slice(1)] = decodeURIComponent(got[i]);
    } else if (want[i] !== got[i]) return undefined;
  }
  return params;
}

function readAll(req: http.IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

export interface Harness {
  url: string;
  state: SimState;
  clock: ManualClock;
  faults: ScriptedFaults;
  activations: { role: MachineRole; planAddress: string }[];
  logs: string[];
  dataDir: string;
  ctx: SimContext;
  close(): Promise<void>;
}

export async function startHarness(
  modules: SimServiceModule[],
  state: SimState = deployedClusterState(),
  /** Site bandwidth of uploads in Mbit/s over the manual clock (default 0: unlimited). */
  siteMbps = 0,
): Promise<Harness> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'ct-sim-'));
  const clock = new ManualClock();
  const faults = new ScriptedFaults();
  const activations: Harness['activations'] = [];
  const logs: string[] = [];
  let seed = 42;
  const ctx: SimContext = {
    clock,
    // The core's own site link, timed by the manual clock.
    siteLink: new SiteLink(clock, siteMbps),
    faults,
    // A small LCG: deterministic like the core's seeded random.
    random: () => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed / 2147483648;
    },
    state,
    activate: async (role, planAddress) => {
      activations.push({ role, planAddress });
    },
    // Nothing listens in the harness: a deactivation has nothing to close.
    deactivate: async () => {},
    dataDir,
    log: (event, detail) => logs.push(`${event} ${JSON.stringify(detail ?? {})}`),
  };
  const routes: SimRoute[] = modules.flatMap((m) => m.routes);
  // Literal segments win over parameters, as a router would prefer them.
  routes.sort((a, b) => a.pattern.split(':').length - b.pattern.split(':').length);
  const server = http.createServer((raw, res) => {
    void (async () => {
      const url = new URL(raw.url ?? '/', 'http://127.0.0.1');
      let route: SimRoute | undefined;
      let params: Record<string, string> | undefined;
      for (const r of routes) {
        if (r.method !== raw.method) continue;
        params = match(r.pattern, url.pathname);
        if (params) {
          route = r;
          break;
        }
      }
      if (!route || !params) {
        res
          .writeHead(404, { 'content-type': 'application/json' })
          .end(JSON.stringify({ message: 'not found' }));
        return;
      }
      let body: Promise<Buffer> | undefined;
      const lenient: string[] = [];
      const req: SimRequest = {
        method: raw.method ?? 'GET',
        path: url.pathname,
        params,
        query: url.searchParams,
        headers: raw.headers,
        machine: { role: 'cloudtower', planAddress: '10.0.20.220', loopback: '127.0.0.1' },
        raw,
        buffer: () => (body ??= readAll(raw)),
        json: async () => {
          const b = await req.buffer();
          return b.length === 0 ? undefined : (JSON.parse(b.toString('utf8')) as unknown);
        },
        rules: route.request,
        lenient: (reason) => void lenient.push(reason),
      };
      let reply: SimReply;
      try {
        reply = await route.handler(req, ctx);
      } catch (err) {
        reply = { status: 500, body: { message: String(err) } };
      }
      if (raw.socket.destroyed) return;
      state.requests.push({
        at: clock.now(),
        machine: 'cloudtower',
        method: req.method,
        path: req.path,
        route: route.name,
        status: reply.status,
        ...(lenient.length > 0 ? { lenient } : {}),
      });
      sendReply(res, reply);
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    state,
    clock,
    faults,
    activations,
    logs,
    dataDir,
    ctx,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
