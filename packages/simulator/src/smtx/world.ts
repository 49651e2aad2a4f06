// Everything the SMTX OS side knows: hosts, cluster, sessions, jobs. Route modules share one world.
import { randomHex, randomUuid } from '../core/rng.js';
import type { SimulatorCore } from '../core/runtime.js';
import type { SshService } from '../ssh/index.js';
import { buildInventory, type HostInventory } from './inventory.js';
import { JobEngine } from './jobs.js';
import type { SmtxOptions } from './options.js';

export interface Session {
  user: string;
  createdAt: number;
  expiresAt: number;
}

export class SmtxWorld {
  readonly hosts: HostInventory[];
  readonly sessions = new Map<string, Session>();
  readonly jobs: JobEngine;
  /** Fisheye root password (memory only, never in state). */
  rootPassword?: string;
  deployPayloadHosts: { uuid: string; hostIp: string }[] = [];

  constructor(
    readonly core: SimulatorCore,
    readonly ssh: SshService,
    readonly opts: SmtxOptions,
  ) {
    const t = core.topology;
    this.hosts = t.hosts.map((h, i) =>
      buildInventory(h, i, t.storageArchitecture, core.random, opts.hostNicNames?.[i]),
    );
    for (const h of this.hosts) {
      core.state.hosts.push({
        planAddress: h.planAddress,
        hostname: h.hostname,
        uuid: h.uuid,
        status: 'disabled',
      });
    }
    this.jobs = new JobEngine(core, opts);
    core.onExpireTokens(() => {
      for (const s of this.sessions.values()) s.expiresAt = 0;
    });
    core.extraState.set('sessions', () => ({
      active: [...this.sessions.values()].filter((s) => s.expiresAt > core.clock.now()).length,
    }));
  }

  uuid(): string {
    return randomUuid(this.core.random);
  }

  hex(n: number): string {
    return randomHex(this.core.random, n);
  }

  /** Lower-case letters and digits (ovs bridge names: ovsbr-azpjnos8v). */
  alnum(n: number): string {
    const chars = 'abcdefghijklmnopqrstuvwxyz0123456789';
    let s = '';
    for (let i = 0; i < n; i++) s += chars[Math.floor(this.core.random() * chars.length)];
    return s;
  }

  get state() {
    return this.core.state;
  }

  get clock() {
    return this.core.clock;
  }

  hostByUuid(uuid: string): HostInventory | undefined {
    return this.hosts.find((h) => h.uuid === uuid);
  }

  newSession(user: string): { token: string; session: Session } {
    const token = this.hex(32);
    const now = this.clock.now();
    const session = { user, createdAt: now, expiresAt: now + this.opts.tokenTtlSeconds * 1000 };
    this.sessions.set(token, session);
    return { token, session };
  }

  validToken(token: string | undefined): boolean {
    if (!token) return false;
    const s = this.sessions.get(token);
    return !!s && s.expiresAt > this.clock.now();
  }
}
