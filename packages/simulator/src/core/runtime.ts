// The simulator's core: machines with their loopback addresses and ports, listeners opened and
// closed as machines come and go, the clock, faults, state, admin endpoint and endpoint map.
// Service modules (smtx/, cloudtower/ ...) plug in as SimServiceModule lists.
import type { ServerResponse } from 'node:http';
import type { Server } from 'node:net';
import path from 'node:path';
import type { MachineRole, SimContext, SimRoute, SimServiceModule, SimState } from './contract.js';
import { canBind, LoopbackAllocator, rolePorts, servicePorts } from './addresses.js';
import { startAdmin, type AdminServer } from './admin.js';
import { ScaledClock } from './clock.js';
import { SiteLink } from './site-link.js';
import { dispatcher } from './dispatch.js';
import { buildEndpointMap, writeEndpointMap, type EndpointMap } from './endpoint-map.js';
import { FaultEngine, type FaultFile } from './faults.js';
import { httpListener } from './http-listener.js';
import { MachineRegistry, type Listener, type Machine } from './machines.js';
import { PortHold } from './port-hold.js';
import { seededRandom, type Random } from './rng.js';
import { Router } from './router.js';
import { createState } from './state.js';
import { ensureCertificate, type TlsMaterial } from './tls.js';
import type { SimTopology } from './topology.js';

interface CoreOptions {
  topology: SimTopology;
  speed: number;
  seed: number | string;
  stateDir: string;
  /** true: real ports (80/443/22/10022); false: preassigned high ports; 'auto': real ports when all bindable. */
  lowPorts: boolean | 'auto';
  faults?: FaultFile;
  endpointsOut?: string;
  adminPort?: number;
  /** Site bandwidth for uploads in Mbit/s (0: unlimited). */
  siteBandwidthMbps?: number;
  /** Receives one line per notable event (never secrets). */
  logger?: (event: string, detail?: Record<string, unknown>) => void;
}

type SshListenerFactory = (machine: Machine, realPort: number) => Listener;
/** The listener of a deployed application's port (servicePorts), served by the SSH module's machines. */
export type ServiceListenerFactory = (machine: Machine, realPort: number) => Listener;

export class SimulatorCore {
  readonly clock: ScaledClock;
  /** The link uploads cross at the site bandwidth. */
  readonly siteLink: SiteLink;
  readonly faults: FaultEngine;
  readonly random: Random;
  readonly state: SimState = createState();
  readonly machines = new MachineRegistry();
  readonly ctx: SimContext;
  readonly events: { at: number; event: string; detail?: Record<string, unknown> }[] = [];
  /** Extra sections for /__sim/state contributed by modules (ssh files, uploads ...). */
  readonly extraState = new Map<string, () => unknown>();
  /** Brought up to date before /__sim/state answers (e.g. files read inside the machines). */
  readonly stateRefreshers: (() => Promise<void>)[] = [];
  lowPorts = false;
  endpointMap!: EndpointMap;
  /**
   * Binds host:port inside the site's network (set by the SSH module when machines are sealed): each
   * listener then answers there too, for the simulated machines, which reach nothing else.
   */
  insideListener?: (host: string, port: number) => Promise<Server>;
  /**
   * Called when a machine's operating system is up (the CloudTower VM after its guest OS install):
   * the SSH module starts the machine's sealed processes then, as a real guest runs before anyone
   * logs in, not on the first session.
   */
  readonly bootHooks: ((machine: Machine) => void)[] = [];
  private readonly inside = new Map<string, Server>();
  private tls!: TlsMaterial;
  private admin?: AdminServer;
  private router?: Router;
  private routeTable: SimRoute[] = [];

  /** Every route served (all roles): tests walk it for the body rules each declares. */
  get routes(): readonly SimRoute[] {
    return this.routeTable;
  }
  private sshFactory?: SshListenerFactory;
  private serviceFactory?: ServiceListenerFactory;
  private readonly expireHooks: (() => void)[] = [];
  private readonly hanging = new Set<ServerResponse>();
  private readonly booted = new Set<string>();
  private stopped = false;

  constructor(readonly options: CoreOptions) {
    this.clock = new ScaledClock(options.speed);
    this.siteLink = new SiteLink(this.clock, options.siteBandwidthMbps ?? 0);
    this.random = seededRandom(options.seed);
    // Faults draw from their own stream so adding a request elsewhere does not shift them.
    this.faults = new FaultEngine(seededRandom(`faults:${String(options.seed)}`), () => this.clock.now());
    if (options.faults) this.faults.load(options.faults);
    this.ctx = {
      clock: this.clock,
      siteLink: this.siteLink,
      faults: this.faults,
      random: this.random,
      state: this.state,
      activate: (role, planAddress) => this.openPorts(planAddress, role),
      deactivate: (planAddress) => this.closePorts(planAddress),
      dataDir: options.stateDir,
      log: (event, detail) => this.log(event, detail),
    };
  }

  get topology(): SimTopology {
    return this.options.topology;
  }

  log(event: string, detail?: Record<string, unknown>): void {
    this.events.push({ at: this.clock.now(), event, detail });
    if (this.events.length > 5000) this.events.splice(0, 1000);
    this.options.logger?.(event, detail);
  }

  onExpireTokens(fn: () => void): void {
    this.expireHooks.push(fn);
  }

  expireTokens(): void {
    for (const fn of this.expireHooks) fn();
    this.log('tokens-expired');
  }

  /** Phase 1: addresses, ports and certificate, so modules can be built against a complete map. */
  async prepare(): Promise<void> {
    const t = this.topology;
    const planned: { role: MachineRole; planAddress: string; hostIndex?: number }[] = [];
    t.hosts.forEach((h, i) => planned.push({ role: 'host', planAddress: h.managementIp, hostIndex: i }));
    planned.push({ role: 'vip', planAddress: t.vip });
    if (t.cloudtower) planned.push({ role: 'cloudtower', planAddress: t.cloudtower });
    if (t.obs) planned.push({ role: 'obs', planAddress: t.obs });
    if (t.backup) planned.push({ role: 'backup', planAddress: t.backup });
    for (const ip of t.testVms ?? []) planned.push({ role: 'testvm', planAddress: ip });
    t.hosts.forEach((h) => h.bmcIp && planned.push({ role: 'bmc', planAddress: h.bmcIp }));
    const seen = new Set<string>();
    for (const p of planned) {
      if (seen.has(p.planAddress)) throw new Error(`plan address ${p.planAddress} is used by two machines`);
      seen.add(p.planAddress);
    }
    const alloc = new LoopbackAllocator(planned.map((p) => p.planAddress));
    for (const p of planned) {
      const loopback = alloc.assign(p.role, p.planAddress);
      this.machines.add({
        ...p,
        loopback,
        ports: {},
        open: new Set(),
        listeners: new Map(),
        holds: new Map(),
      });
    }
    this.lowPorts = await this.decideLowPorts();
    for (const m of this.machines.all) {
      for (const real of [...rolePorts[m.role], ...(servicePorts[m.role] ?? [])]) {
        const hold = PortHold.take(m.loopback, this.lowPorts ? real : 0);
        m.holds.set(real, hold);
        m.ports[real] = hold.port;
      }
    }
    this.tls = await ensureCertificate(this.options.stateDir);
  }

  private async decideLowPorts(): Promise<boolean> {
    const mode = this.options.lowPorts;
    if (mode !== 'auto') return mode;
    for (const m of this.machines.all) {
      for (const port of rolePorts[m.role]) if (!(await canBind(m.loopback, port))) return false;
    }
    return true;
  }

  /** Phase 2: routes in, hosts up, admin up, endpoint map written. */
  async start(
    modules: SimServiceModule[],
    sshFactory: SshListenerFactory,
    serviceFactory?: ServiceListenerFactory,
  ): Promise<void> {
    this.router = new Router(modules);
    this.routeTable = modules.flatMap((m) => m.routes);
    this.sshFactory = sshFactory;
    this.serviceFactory = serviceFactory;
    this.admin = await startAdmin(
      {
        snapshot: async () => {
          await Promise.all(this.stateRefreshers.map((refresh) => refresh()));
          return this.snapshot();
        },
        endpointMap: () => this.endpointMap,
        faults: this.faults,
        clock: this.clock,
      },
      this.options.adminPort ?? 0,
    );
    this.endpointMap = buildEndpointMap(this.machines, this.admin.address);
    for (const m of this.machines.byRole('host')) await this.openPorts(m.planAddress, 'host');
    // BMCs are powered with the rack: their HTTPS answers from the start (no routes: 404 envelopes).
    for (const m of this.machines.byRole('bmc')) await this.openPorts(m.planAddress, 'bmc');
    const out = this.options.endpointsOut ?? path.join(this.options.stateDir, 'endpoints.json');
    await writeEndpointMap(out, this.endpointMap);
    this.log('started', { admin: this.admin.url, endpoints: out, lowPorts: this.lowPorts });
  }

  get adminUrl(): string {
    return this.admin?.url ?? '';
  }

  /** The operating system of every machine of `role` is up: each boot hook learns it (once per machine). */
  bootRole(role: MachineRole): void {
    if (this.stopped) return;
    for (const m of this.machines.byRole(role)) {
      if (this.booted.has(m.planAddress)) continue;
      this.booted.add(m.planAddress);
      this.log('machine-booted', { role, machine: m.planAddress });
      for (const hook of this.bootHooks) hook(m);
    }
  }

  /** Opens ports of a machine (all of its role's ports by default). Idempotent. */
  async openPorts(planAddress: string, role?: MachineRole, realPorts?: number[]): Promise<void> {
    if (this.stopped) return;
    const m = this.machines.byPlan(planAddress, role);
    if (!m) {
      this.log('activate-unknown-machine', { role, planAddress });
      return;
    }
    for (const real of realPorts ?? rolePorts[m.role]) {
      if (m.open.has(real) || m.ports[real] === undefined) continue;
      const listener = this.listenerFor(m, real);
      m.open.add(real);
      try {
        await listener.listen(m.holds.get(real) ?? PortHold.take(m.loopback, m.ports[real]));
        m.holds.delete(real);
      } catch (err) {
        m.open.delete(real);
        throw new Error(
          `cannot listen on ${m.loopback}:${m.ports[real]} for ${m.role} ${m.planAddress}: ${(err as Error).message}`,
        );
      }
      m.listeners.set(real, listener);
      await this.listenInside(m, real, listener);
      this.log('listening', {
        role: m.role,
        planAddress: m.planAddress,
        port: real,
        at: `${m.loopback}:${m.ports[real]}`,
      });
    }
  }

  async closePorts(planAddress: string, realPorts?: number[]): Promise<void> {
    const m = this.machines.byPlan(planAddress);
    if (!m) return;
    for (const real of realPorts ?? [...m.open]) {
      const l = m.listeners.get(real);
      m.open.delete(real);
      m.listeners.delete(real);
      this.inside.get(`${m.planAddress}:${real}`)?.close();
      this.inside.delete(`${m.planAddress}:${real}`);
      await l?.close();
      this.holdAgain(m, real);
    }
  }

  /** A machine that stops listening (powered off) keeps its port, as its endpoint map entry does. */
  private holdAgain(m: Machine, real: number): void {
    if (this.stopped || m.holds.has(real) || m.ports[real] === undefined) return;
    try {
      m.holds.set(real, PortHold.take(m.loopback, m.ports[real]));
    } catch (err) {
      this.log('port-hold-lost', { planAddress: m.planAddress, port: real, error: (err as Error).message });
    }
  }

  /**
   * The listener's twin inside the site's network. Only a simulated machine's own process can hold
   * that address and port there; then the machines do without it, and the worker is not affected.
   */
  private async listenInside(m: Machine, real: number, listener: Listener): Promise<void> {
    if (!this.insideListener) return;
    try {
      const server = await this.insideListener(m.loopback, m.ports[real]);
      server.on('connection', (socket) => listener.accept(socket));
      this.inside.set(`${m.planAddress}:${real}`, server);
    } catch (err) {
      this.log('inside-listen-failed', {
        planAddress: m.planAddress,
        port: real,
        reason: (err as Error).message,
      });
    }
  }

  private listenerFor(m: Machine, real: number): Listener {
    if (real === 22 || real === 10022) {
      if (!this.sshFactory) throw new Error('ssh not configured');
      return this.sshFactory(m, real);
    }
    if (servicePorts[m.role]?.includes(real)) {
      if (!this.serviceFactory) throw new Error('service ports not configured');
      return this.serviceFactory(m, real);
    }
    const handler = dispatcher(
      {
        router: this.router!,
        faults: this.faults,
        ctx: this.ctx,
        expireTokens: () => this.expireTokens(),
        hanging: this.hanging,
      },
      { role: m.role, planAddress: m.planAddress, loopback: m.loopback },
      real === 443 ? 'https' : 'http',
    );
    return httpListener(handler, real === 443 ? this.tls : undefined);
  }

  snapshot(): Record<string, unknown> {
    const extra: Record<string, unknown> = {};
    for (const [k, fn] of this.extraState) extra[k] = fn();
    return {
      simTime: new Date(this.clock.now()).toISOString(),
      speed: this.clock.speed,
      clock: this.clock.report(),
      siteLink: this.siteLink.describe(),
      ...this.state,
      ...extra,
      machines: this.machines.describe(),
      faults: {
        rules: this.faults.current.rules,
        counters: this.faults.counters(),
        fired: this.faults.history,
      },
      events: this.events.slice(-500),
    };
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.clock.stop();
    for (const res of this.hanging) res.destroy();
    for (const m of this.machines.all) {
      await this.closePorts(m.planAddress);
      for (const hold of m.holds.values()) hold.release();
      m.holds.clear();
    }
    await this.admin?.close();
  }
}
