// The CloudTower installer (`installer deploy`): writes progress lines over its run time (default
// 20 simulated minutes) and ends with `Install Operation Center Successfully`, after which the VM
// answers HTTPS. Where its output goes follows Unix rules (see shell.ts): a broken pipe or a hang-up
// without nohup kills it, like on a real VM, and so does kill/pkill (then it writes nothing more).
// Faults: `installer` with kind `fail` or `hang` at `progress`.
import type { SimState } from '../core/contract.js';
import type { ScaledClock } from '../core/clock.js';
import type { FaultEngine } from '../core/faults.js';
import { signals, type MachineEnv, type SimProcess } from './machine-env.js';

export const installerPath = '/usr/share/smartx/tower/installer/binary/installer';
export const preinstallPath = '/usr/share/smartx/tower/preinstall.sh';
export const successLine = 'Install Operation Center Successfully';

/** Where a process writes: the SSH channel, or a file. `write` returns false when the pipe is gone. */
export interface OutputSink {
  write(text: string): boolean;
  /** A terminal (pty) or a pipe/file: decides what nohup does. */
  readonly tty: boolean;
  /** Resolves when the reader goes away (session closed): a hang-up for the process. */
  readonly hangup?: Promise<void>;
}

export interface InstallerDeps {
  clock: ScaledClock;
  faults: FaultEngine;
  state: SimState;
  durationSeconds: number;
  onSuccess(): Promise<void>;
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

export function runInstaller(
  env: MachineEnv,
  deps: InstallerDeps,
  sink: OutputSink,
  nohup: boolean,
  user: string,
): Promise<number> {
  const concurrent = env.running().some((p) => isInstaller(p));
  const proc = env.spawn(user, `${installerPath} deploy`, deps.clock.now());
  const run: Record<string, unknown> = {
    machine: env.info.planAddress,
    pid: proc.pid,
    startedAt: deps.clock.now(),
    status: 'running',
    concurrent,
    output: sink.tty ? 'terminal' : 'pipe-or-file',
    nohup,
  };
  deps.state.installerRuns.push(run);
  const fault = deps.faults.fire('installer');
  const stamp = () => new Date(deps.clock.now()).toISOString().replace('T', ' ').slice(0, 19);
  const finish = (status: string, code: number) => {
    proc.running = false;
    run.status = status;
    run.finishedAt = deps.clock.now();
    return code;
  };

  return new Promise<number>((resolve) => {
    let dead = false;
    // kill/pkill: the installer stops where it is (no verdict line); nohup makes it ignore SIGHUP.
    proc.onSignal = (signal) => {
      if (dead || !proc.running || (signal === 'HUP' && nohup)) return;
      dead = true;
      resolve(finish(`killed-sig${signal.toLowerCase()}`, 128 + (signals[signal] ?? 15)));
    };
    if (!nohup && sink.hangup) {
      void sink.hangup.then(() => {
        if (proc.running && !dead) {
          dead = true;
          resolve(finish('killed-sighup', 129));
        }
      });
    }
    const emit = (text: string): boolean => {
      if (dead) return false;
      if (sink.write(text)) return true;
      dead = true;
      resolve(finish('killed-sigpipe', 141));
      return false;
    };
    if (concurrent) {
      emit(`${stamp()} ERROR another deployment is in progress, exit\n`);
      if (!dead) resolve(finish('failed', 1));
      return;
    }
    const total = steps.length;
    const stopAt =
      fault && (fault.kind === 'fail' || fault.kind === 'hang')
        ? Math.floor((fault.progress ?? 0.5) * total)
        : total;
    const step = (i: number) => {
      if (dead) return;
      if (i >= stopAt) {
        if (fault?.kind === 'hang') {
          run.status = 'hung';
          return; // keeps "running" forever: pgrep still sees it, the log stops growing
        }
        if (fault?.kind === 'fail') {
          if (emit(`${stamp()} ERROR ${steps[i] ?? 'finalize'} failed: exit status 1\n`)) {
            emit(`${stamp()} Install Operation Center Failed\n`);
          }
          if (!dead) resolve(finish('failed', 1));
          return;
        }
        if (!emit(`${stamp()} INFO ${successLine}\n`)) return;
        deps.state.cloudtower.installed = true;
        void deps.onSuccess().then(() => resolve(finish('succeeded', 0)));
        return;
      }
      if (!emit(`${stamp()} INFO [${i + 1}/${total}] ${steps[i]}\n`)) return;
      deps.clock.after(deps.durationSeconds / total, () => step(i + 1));
    };
    emit(`${stamp()} INFO start deploying operation center\n`);
    deps.clock.after(deps.durationSeconds / total, () => step(0));
  });
}

export function installerRunning(env: MachineEnv): SimProcess[] {
  return env.running().filter((p) => isInstaller(p));
}

/** The installer process itself (not a `sudo …installer deploy` or shell that started it). */
function isInstaller(p: SimProcess): boolean {
  return p.command.split(' ')[0] === installerPath;
}
