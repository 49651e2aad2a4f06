// SSH of every simulated machine: accounts, per-machine files and processes, the listener factory
// the core uses for ports 22 and 10022.
import type { Machine } from '../core/machines.js';
import type { SimulatorCore } from '../core/runtime.js';
import { SshAccounts } from './accounts.js';
import type { CommandServices } from './commands/index.js';
import { installerPath, preinstallPath } from './installer.js';
import { MachineEnv } from './machine-env.js';
import { sshListener } from './server.js';

/** Fixed passwords of fresh machines (seed 003, FACTS.md). */
export const defaultPasswords = {
  /** smartx/root after a cluster deploy (plaintext of the deploy payload's `c+G6KvJYsKyQyY4U`). */
  hostAfterDeploy: 'P@ssw0rd!123',
  /** smartx/root on a host before deploy (SMTX OS installer default). */
  hostBeforeDeploy: 'HC!r0cks',
  cloudtower: 'HC!r0cks',
  obs: 'HC!r0cks',
};

export interface SshServiceOptions {
  /** Simulated seconds the CloudTower installer runs (default 1200 = 20 min). */
  installerSeconds: number;
  hostKey: Buffer;
}

export class SshService {
  readonly accounts: SshAccounts;
  private readonly envs = new Map<string, MachineEnv>();
  private readonly services: CommandServices;

  constructor(
    private readonly core: SimulatorCore,
    private readonly options: SshServiceOptions,
  ) {
    this.accounts = new SshAccounts(core.state, () => core.clock.now());
    this.services = {
      accounts: this.accounts,
      clock: core.clock,
      state: core.state,
      installer: (env) => ({
        clock: core.clock,
        faults: core.faults,
        state: core.state,
        durationSeconds: options.installerSeconds,
        onSuccess: async () => {
          core.log('cloudtower-installed', { planAddress: env.info.planAddress });
          await core.openPorts(env.info.planAddress, 'cloudtower', [80, 443]);
        },
      }),
    };
    for (const m of core.machines.all) {
      if (m.role === 'host') {
        for (const u of ['root', 'smartx'])
          this.accounts.set(m.planAddress, u, defaultPasswords.hostBeforeDeploy);
      } else if (m.role === 'cloudtower') {
        this.accounts.set(m.planAddress, 'cloudtower', defaultPasswords.cloudtower);
      } else if (m.role === 'obs') {
        this.accounts.set(m.planAddress, 'o11y', defaultPasswords.obs);
      }
    }
    core.extraState.set('machineFiles', () => this.files());
    core.extraState.set('processes', () => this.processes());
  }

  env(machine: { planAddress: string; role: Machine['role']; loopback: string }): MachineEnv {
    let env = this.envs.get(machine.planAddress);
    if (!env) {
      const host = this.core.topology.hosts.find((h) => h.managementIp === machine.planAddress);
      env = new MachineEnv(machine, host?.hostname ?? machine.role);
      if (machine.role === 'cloudtower') {
        env.files.set(preinstallPath, '#!/bin/sh\n');
        env.files.set(installerPath, '');
      }
      this.envs.set(machine.planAddress, env);
    }
    return env;
  }

  listenerFactory = (machine: Machine) =>
    sshListener(
      {
        hostKey: this.options.hostKey,
        faults: this.core.faults,
        services: this.services,
        env: (m) => this.env(m),
        log: (e, d) => this.core.log(e, d),
      },
      machine,
    );

  /** Small text files a test may check (resolv.conf edits, sizes of nohup.out and its moved copies); never secrets. */
  private files(): Record<string, Record<string, string | { bytes: number }>> {
    const out: Record<string, Record<string, string | { bytes: number }>> = {};
    for (const [addr, env] of this.envs) {
      const f: Record<string, string | { bytes: number }> = {};
      for (const [p, c] of env.files) {
        if (p === '/etc/resolv.conf' || p === '/etc/hostname') f[p] = c;
        else if (/\/nohup\.out(\.[\w.-]+)?$/.test(p)) f[p] = { bytes: Buffer.byteLength(c) };
      }
      out[addr] = f;
    }
    return out;
  }

  private processes(): Record<string, unknown[]> {
    const out: Record<string, unknown[]> = {};
    for (const [addr, env] of this.envs) out[addr] = env.processes.map((p) => ({ ...p }));
    return out;
  }
}
