// The CloudTower installer run that the installer program on the VM relays (sandbox/programs.ts):
// progress lines over its run time (default 20 simulated minutes), ending with
// `Install Operation Center Successfully`, after which the VM answers HTTPS. The program is a real
// process: nohup, a hang-up, a broken pipe and kill/pkill act on it as on any process, and it reports
// the signal it dies of. Only one runs per machine. Faults: `installer` with kind `fail` or `hang`.
import type { SimState } from '../core/contract.js';
import type { ScaledClock } from '../core/clock.js';
import type { FaultEngine } from '../core/faults.js';
import type { AgentConnection } from './agent.js';

export const installerPath = '/usr/share/smartx/tower/installer/binary/installer';
export const preinstallPath = '/usr/share/smartx/tower/preinstall.sh';
const successLine = 'Install Operation Center Successfully';

interface InstallerDeps {
  clock: ScaledClock;
  faults: FaultEngine;
  state: SimState;
  durationSeconds: number;
  /** Machines with an installer still running (never two at once). */
  running: Set<string>;
  onSuccess(): Promise<void>;
}

/** How the program was started (what it reported on connecting). */
interface InstallerStart {
  machine: string;
  pid: number;
  tty: boolean;
  nohup: boolean;
}

const steps = [
  'check system environment',
  'check disk capacity',
  'check network configuration',
  'prepare container runtime',
  'install k3s server',
  'wait for k3s node ready',
  'load image bundle 1/8',
  'load image bundle 2/8',
  'load image bundle 3/8',
  'load image bundle 4/8',
  'load image bundle 5/8',
  'load image bundle 6/8',
  'load image bundle 7/8',
  'load image bundle 8/8',
  'deploy component prometheus',
  'deploy component postgresql',
  'deploy component redis',
  'deploy component tower-server',
  'deploy component tower-ui',
  'deploy component gateway',
  'deploy component elf-exporter',
  'deploy component vmtools-agent',
  'wait for components ready',
  'configure nginx',
  'generate certificates',
  'register operation center',
];

export async function runInstaller(
  deps: InstallerDeps,
  start: InstallerStart,
  conn: AgentConnection,
): Promise<void> {
  const concurrent = deps.running.has(start.machine);
  const run: Record<string, unknown> = {
    machine: start.machine,
    pid: start.pid,
    startedAt: deps.clock.now(),
    status: 'running',
    concurrent,
    output: start.tty ? 'terminal' : 'pipe-or-file',
    nohup: start.nohup,
  };
  deps.state.installerRuns.push(run);
  if (!concurrent) deps.running.add(start.machine);
  const stamp = () => new Date(deps.clock.now()).toISOString().replace('T', ' ').slice(0, 19);
  let dead = false;
  const finish = (status: string, code?: number) => {
    if (dead) return;
    dead = true;
    if (!concurrent) deps.running.delete(start.machine);
    run.status = status;
    run.finishedAt = deps.clock.now();
    if (code !== undefined) conn.send(`exit ${code}`);
  };
  const emit = (text: string): boolean => !dead && conn.send(`out ${text}`);
  if (concurrent) {
    emit(`${stamp()} ERROR another deployment is in progress, exit`);
    finish('failed', 1);
    return;
  }
  const fault = deps.faults.fire('installer');
  // What the program says about its end: the signal it got, or nothing (SIGKILL, a lost VM).
  void (async () => {
    for await (const line of conn.lines) {
      const m = /^signal (\w+)$/.exec(line.trim());
      if (m) finish(m[1] === 'PIPE' ? 'killed-sigpipe' : `killed-sig${m[1].toLowerCase()}`);
    }
  })().catch(() => undefined);
  void conn.closed.then(() => finish('killed-sigkill'));

  const total = steps.length;
  // The start line, `total` steps and the end line: total + 1 waits make up the install's duration
  // (its profile's `installerSeconds`), not one wait more.
  const interval = deps.durationSeconds / (total + 1);
  const stopAt =
    fault && (fault.kind === 'fail' || fault.kind === 'hang')
      ? Math.floor((fault.progress ?? 0.5) * total)
      : total;
  const step = (i: number) => {
    if (dead) return;
    if (i >= stopAt) {
      if (fault?.kind === 'hang') {
        run.status = 'hung';
        return; // keeps running: pgrep still sees it, the log stops growing
      }
      if (fault?.kind === 'fail') {
        emit(`${stamp()} ERROR ${steps[i] ?? 'finalize'} failed: exit status 1`);
        emit(`${stamp()} Install Operation Center Failed`);
        finish('failed', 1);
        return;
      }
      if (!emit(`${stamp()} INFO ${successLine}`)) return;
      deps.state.cloudtower.installed = true;
      void deps.onSuccess().then(() => finish('succeeded', 0));
      return;
    }
    if (!emit(`${stamp()} INFO [${i + 1}/${total}] ${steps[i]}`)) return;
    deps.clock.after(interval, () => step(i + 1));
  };
  emit(`${stamp()} INFO start deploying operation center`);
  deps.clock.after(interval, () => step(0));
  await conn.closed;
}
