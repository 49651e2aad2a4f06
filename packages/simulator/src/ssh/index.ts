// SSH of every simulated machine: accounts, the per-machine sandbox (a real bash in the machine's own
// tree and namespaces), the appliance programs' agent, and the listener factory the core uses for
// ports 22 and 10022.
import { chmodSync, mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import type { Machine } from '../core/machines.js';
import type { SimulatorCore } from '../core/runtime.js';
import { SshAccounts } from './accounts.js';
import { Agent, type AgentConnection } from './agent.js';
import { runInstaller } from './installer.js';
import {
  defaultTools,
  describeIsolationFailure,
  IsolationUnavailableError,
  probeIsolation,
  type Isolation,
  type SandboxTools,
} from './sandbox/isolation.js';
import { machineFiles, type MachineFiles } from './sandbox/machine-files.js';
import { MachineNamespace, type Account } from './sandbox/machine.js';
import { SiteNetwork } from './sandbox/site-network.js';
import { programsFor } from './sandbox/programs.js';
import { buildTree, SHADOW_WRITE, ShadowFile, type TreeUser } from './sandbox/tree.js';
import { sshListener } from './server.js';
import { SERVICE_HTTP } from './sandbox/systemctl.js';
import { servicePorts } from '../core/addresses.js';
import { httpListener } from '../core/http-listener.js';

/** Fixed passwords of fresh machines (seed 003, FACTS.md). */
export const defaultPasswords = {
  /** smartx/root after a cluster deploy (plaintext of the deploy payload's `c+G6KvJYsKyQyY4U`). */
  hostAfterDeploy: 'P@ssw0rd!123',
  /** smartx/root on a host before deploy (SMTX OS installer default). */
  hostBeforeDeploy: 'HC!r0cks',
  cloudtower: 'HC!r0cks',
  obs: 'HC!r0cks',
  /** root of the stage 09 test VM images (docs/decisions.md "Test load and performance"). */
  testVm: 'HC!r0cks',
};

/** `password`: sudo asks smartx for its password (default); `nopasswd`: smartx ALL=(ALL) NOPASSWD: ALL. */
export type SudoPolicy = 'password' | 'nopasswd';

interface SshServiceOptions {
  /** Simulated seconds the CloudTower installer runs (default 1800 = 30 min). */
  installerSeconds: number;
  hostKey: Buffer;
  /** The simulator's state directory: machine trees live under `<stateDir>/machines/<address>`. */
  stateDir: string;
  /** Sudo policy of `smartx` on the SMTX OS hosts. */
  smartxSudo?: SudoPolicy;
  /** Programs of the sandbox (a test replaces one to see isolation refused). */
  tools?: Partial<SandboxTools>;
  /** When machines cannot be sealed: stop with the fix (default), or run and refuse every SSH session. */
  withoutIsolation?: 'fail' | 'refuse-sessions';
}

interface SandboxedMachine {
  ns: MachineNamespace;
  users: TreeUser[];
  shadow: ShadowFile;
  /** The last /etc/shadow write queued (writes happen in order; a session starts after them). */
  written: Promise<void>;
}

const ROOT: Account = { name: 'root', uid: 0, home: '/root' };

export class SshService {
  readonly accounts: SshAccounts;
  private readonly machines = new Map<string, Promise<SandboxedMachine>>();
  private readonly ready = new Map<string, SandboxedMachine>();
  private readonly tools: SandboxTools;
  private readonly agent: Agent;
  private readonly installersRunning = new Set<string>();
  private isolationResult?: Isolation;
  private site?: SiteNetwork;
  private stopped = false;
  private files: Record<string, MachineFiles> = {};
  private filesRead?: Promise<void>;

  constructor(
    private readonly core: SimulatorCore,
    private readonly options: SshServiceOptions,
  ) {
    this.tools = { ...defaultTools, ...options.tools };
    this.accounts = new SshAccounts(
      core.state,
      () => core.clock.now(),
      (m) => this.writeShadow(m),
    );
    for (const m of core.machines.all) {
      if (m.role === 'host') {
        for (const u of ['root', 'smartx'])
          this.accounts.set(m.planAddress, u, defaultPasswords.hostBeforeDeploy);
      } else if (m.role === 'cloudtower') {
        this.accounts.set(m.planAddress, 'cloudtower', defaultPasswords.cloudtower);
      } else if (m.role === 'obs') {
        this.accounts.set(m.planAddress, 'o11y', defaultPasswords.obs);
      } else if (m.role === 'testvm') {
        this.accounts.set(m.planAddress, 'root', defaultPasswords.testVm);
      }
    }
    this.agent = new Agent({
      chpasswd: (machine, _args, conn) => this.passwordLines(machine, conn, 'chpasswd'),
      passwd: (machine, _args, conn) => this.passwordLines(machine, conn, 'passwd'),
      systemctl: (machine, args, conn) => this.reported(machine, 'systemctl', args, conn),
      nerdctl: (machine, args, conn) => this.reported(machine, 'nerdctl', args, conn),
      installer: (machine, args, conn) => this.installer(machine, args, conn),
      'service-port': (machine, args, conn) => this.servicePort(machine, args, conn),
    });
    // A booted machine starts now; a failure shows again (and is reported) on its first session.
    core.bootHooks.push((m) => {
      if (this.isolation.ok && this.site && !this.stopped) void this.sandbox(m).catch(() => undefined);
    });
    core.extraState.set('machineFiles', () => this.files);
    core.stateRefreshers.push(() => this.readFiles());
  }

  /** Checks isolation once and starts the agent; SSH sessions are refused when isolation is unavailable. */
  async start(): Promise<void> {
    const iso = await probeIsolation(this.tools);
    this.isolationResult = iso;
    if (!iso.ok) {
      this.core.log('ssh-isolation-unavailable', { reason: iso.reason, fix: iso.missing?.fix });
      if (this.options.withoutIsolation !== 'refuse-sessions') throw new IsolationUnavailableError(iso);
      console.error(`[sim] SSH sessions are refused.\n${describeIsolationFailure(iso)}`);
      return;
    }
    // The state directory is the real user's alone: machines' directories live in it.
    chmodSync(this.options.stateDir, 0o700);
    this.site = await SiteNetwork.start(this.tools, iso.ids);
    this.agent.start(await this.site.bind('127.0.0.1', 0));
    // Every appliance listener answers inside the site's network too, at the same address and port.
    const site = this.site;
    this.core.insideListener = (host, port) => site.bind(host, port);
  }

  get isolation(): Isolation {
    return this.isolationResult ?? { ok: false, reason: 'the SSH service was not started' };
  }

  /** Ends every machine's processes and mounts and removes their trees. */
  async stop(): Promise<void> {
    this.stopped = true;
    const all = await Promise.allSettled([...this.machines.values()]);
    for (const r of all) {
      if (r.status !== 'fulfilled') continue;
      await r.value.ns.stop();
    }
    rmSync(path.join(this.options.stateDir, 'machines'), { recursive: true, force: true });
    await this.agent.stop();
    this.site?.stop();
  }

  /** The machine's sandbox, built and started on its first session. */
  async sandbox(machine: Machine): Promise<SandboxedMachine> {
    let p = this.machines.get(machine.planAddress);
    if (!p) {
      p = this.startMachine(machine);
      p.catch(() => this.machines.delete(machine.planAddress));
      this.machines.set(machine.planAddress, p);
    }
    const sm = await p;
    await sm.written;
    return sm;
  }

  account(machine: SandboxedMachine, user: string): Account | undefined {
    if (user === 'root') return ROOT;
    return machine.users.find((u) => u.name === user);
  }

  private usersOf(machine: Machine): TreeUser[] {
    const login = (name: string, sudo: TreeUser['sudo']): TreeUser => ({
      name,
      uid: 1000,
      home: `/home/${name}`,
      sudo,
    });
    if (machine.role === 'host') return [login('smartx', this.options.smartxSudo ?? 'nopasswd')];
    if (machine.role === 'cloudtower') return [login('cloudtower', 'password')];
    if (machine.role === 'obs') return [login('o11y', 'password')];
    return [];
  }

  private async startMachine(machine: Machine): Promise<SandboxedMachine> {
    if (this.stopped) throw new Error('simulator stopping');
    if (!this.isolation.ok || !this.site) throw new Error('machines cannot be sealed here');
    const machinesDir = path.join(this.options.stateDir, 'machines');
    mkdirSync(machinesDir, { recursive: true, mode: 0o700 });
    // The machine's directory holds only the mount points of its tree and layer (tmpfs, inside its
    // namespace); root inside (not the real user) must be able to pass it, nobody else reaches it.
    const base = path.join(machinesDir, machine.planAddress);
    rmSync(base, { recursive: true, force: true });
    for (const d of [base, path.join(base, 'root'), path.join(base, 'layer')]) {
      mkdirSync(d, { mode: 0o711 });
      chmodSync(d, 0o711);
    }
    const host = this.core.topology.hosts.find((h) => h.managementIp === machine.planAddress);
    const hostname = host?.hostname ?? machine.role;
    const users = this.usersOf(machine);
    const shadow = new ShadowFile(this.tools.openssl);
    const tree = buildTree({
      hostname,
      users,
      programs: programsFor(machine.role, {
        storage: this.core.topology.storageArchitecture,
        hosts: this.core.topology.hosts.length,
        speed: this.core.clock.speed,
      }),
      agent: this.agent.register(machine.planAddress),
      shadow: await shadow.text(this.accounts.passwords(machine.planAddress), this.shadowUsers(users)),
    });
    const sm: SandboxedMachine = {
      ns: new MachineNamespace(this.tools, this.site, base, hostname),
      users,
      shadow,
      written: Promise.resolve(),
    };
    await sm.ns.start(tree);
    this.ready.set(machine.planAddress, sm);
    // Passwords changed while the machine started (its tree had the earlier ones).
    void this.writeShadow(machine.planAddress);
    this.core.log('ssh-machine-started', { machine: machine.planAddress, hostname });
    return sm;
  }

  private shadowUsers(users: TreeUser[]): string[] {
    return ['root', ...users.map((u) => u.name)];
  }

  /** Queues a write of the machine's /etc/shadow, done inside the machine as its root. */
  private writeShadow(machine: string): Promise<void> {
    const sm = this.ready.get(machine);
    if (!sm) return Promise.resolve(); // written when the machine's tree is built
    sm.written = sm.written.then(async () => {
      // The passwords as they are when this write's turn comes (a later change queues its own write).
      try {
        const text = await sm.shadow.text(this.accounts.passwords(machine), this.shadowUsers(sm.users));
        const r = await sm.ns.run(ROOT, SHADOW_WRITE, { stdin: text });
        if (r.code !== 0) this.core.log('ssh-shadow-write-failed', { machine, code: r.code });
      } catch (err) {
        this.core.log('ssh-shadow-write-failed', { machine, error: (err as Error).message });
      }
    });
    return sm.written;
  }

  listenerFactory = (machine: Machine) =>
    sshListener(
      {
        hostKey: this.options.hostKey,
        faults: this.core.faults,
        accounts: this.accounts,
        isolation: () => this.isolation,
        sandbox: (m) => this.sandbox(m),
        account: (sm, user) => this.account(sm, user),
        log: (e, d) => this.core.log(e, d),
      },
      machine,
    );

  /** `user:password` lines from chpasswd / passwd --stdin (run as root inside the machine). */
  private async passwordLines(machine: string, conn: AgentConnection, via: string): Promise<void> {
    let n = 0;
    let status = 0;
    for await (const raw of conn.lines) {
      if (raw === 'end') break;
      if (!raw.startsWith('line ')) continue;
      const line = raw.slice(5).replace(/\r$/, '');
      n++;
      if (!line.trim()) continue;
      const idx = line.indexOf(':');
      const user = idx > 0 ? line.slice(0, idx) : '';
      if (idx < 0) {
        // As chpasswd says it; the line itself is not repeated (it may well be a password).
        conn.send(`err chpasswd: line ${n}: missing new password`);
        status = 1;
      } else if (!user || !this.accounts.change(machine, user, line.slice(idx + 1), via)) {
        conn.send(
          via === 'passwd'
            ? `err passwd: Unknown user name '${user}'.`
            : `err chpasswd: line ${n}: user '${user}' does not exist`,
        );
        status = 1;
      }
    }
    // sudo reads the new password from /etc/shadow as soon as chpasswd returns.
    await this.writeShadow(machine);
    if (via === 'passwd' && status === 0)
      conn.send('out passwd: all authentication tokens updated successfully.');
    conn.send(`exit ${status}`);
  }

  private async reported(machine: string, program: string, args: string[], conn: AgentConnection) {
    this.core.log('appliance-command', { machine, program, args: args.slice(0, 8) });
    conn.send('exit 0');
  }

  /** A deployed unit's port opens (its process runs) or closes (stopped), as systemctl reports it. */
  private async servicePort(machine: string, args: string[], conn: AgentConnection): Promise<void> {
    const [what, rawPort, unit] = args;
    const port = Number(rawPort);
    const m = this.core.machines.byPlan(machine);
    if (m && servicePorts[m.role]?.includes(port)) {
      if (what === 'open') await this.core.openPorts(machine, m.role, [port]);
      else await this.core.closePorts(machine, [port]);
      this.core.log('service-port', { machine, unit, port, open: what === 'open' });
    }
    conn.send('exit 0');
  }

  /** A deployed service's HTTP port: answered from the machine (serviceHttp), refused without a live unit. */
  serviceListenerFactory = (machine: Machine, realPort: number) =>
    httpListener((req, res) => {
      void this.serviceAnswer(machine, realPort).then((answer) => {
        if (!answer) return req.socket.destroy();
        // A test can make one machine's service unhealthy: PUT /__sim/faults with {"match":
        // "service:http:8080:*", "machine": "<address>", "kind": "status", "status": 503}; the point
        // ends with the serving process's working directory, so a rule can name one release.
        const fault = this.core.faults.check({
          point: `service:http:${realPort}:${answer.cwd}`,
          machine: [machine.planAddress, machine.loopback],
        });
        if (fault?.kind === 'reset' || fault?.kind === 'drop') return req.socket.destroy();
        if (fault?.kind === 'status')
          answer = { ...answer, status: fault.status ?? 503, body: '{"status":"DOWN"}\n' };
        const path = new URL(req.url ?? '/', 'http://x').pathname;
        if (path !== '/' && path !== '/health') {
          res.writeHead(404, { 'content-type': 'text/plain' });
          return res.end('not found\n');
        }
        res.writeHead(answer.status, { 'content-type': 'application/json' });
        res.end(answer.body);
      });
    });

  private async serviceAnswer(
    machine: Machine,
    port: number,
  ): Promise<{ cwd: string; status: number; body: string } | undefined> {
    const sm = this.ready.get(machine.planAddress);
    if (!sm || !this.isolation.ok) return undefined;
    const child = sm.ns.spawn(ROOT, `${SERVICE_HTTP} ${port}`, undefined);
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.resume();
    const code = await new Promise<number | null>((resolve) =>
      child.once('close', (c: number | null) => resolve(c)),
    );
    if (code !== 0) return undefined;
    const [cwd = '', first = '', ...rest] = out.split('\n');
    const status = Number(first.trim());
    return { cwd, status: status >= 100 && status <= 599 ? status : 500, body: rest.join('\n') };
  }

  private async installer(machine: string, args: string[], conn: AgentConnection): Promise<void> {
    const [pid = '0', tty = 'pipe', nohup = 'no'] = args;
    const m = this.core.machines.byPlan(machine, 'cloudtower');
    await runInstaller(
      {
        clock: this.core.clock,
        faults: this.core.faults,
        state: this.core.state,
        durationSeconds: this.options.installerSeconds,
        running: this.installersRunning,
        onSuccess: async () => {
          this.core.log('cloudtower-installed', { planAddress: machine });
          if (m) await this.core.openPorts(machine, 'cloudtower', [80, 443]);
        },
      },
      { machine, pid: Number(pid), tty: tty === 'terminal', nohup: nohup === 'yes' },
      conn,
    );
  }

  /** Reads every started machine's small files (inside each machine) for /__sim/state; one read at a time. */
  private readFiles(): Promise<void> {
    this.filesRead ??= (async () => {
      const entries = [...this.ready].map(
        async ([addr, sm]) =>
          [
            addr,
            await machineFiles(
              sm.ns,
              ROOT,
              sm.users.map((u) => u.home),
            ),
          ] as const,
      );
      this.files = Object.fromEntries(await Promise.all(entries));
    })().finally(() => (this.filesRead = undefined));
    return this.filesRead;
  }
}
