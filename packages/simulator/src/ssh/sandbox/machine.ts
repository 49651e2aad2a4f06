// One simulated machine's namespaces: an init process holds a private mount, PID and UTS namespace
// whose root is the machine's tree; every SSH session enters them (nsenter), drops to the account
// (setpriv, with a capability bounding set that keeps root from mounting, chrooting or tracing out of
// the tree) and runs a real bash. Stopping the init ends every process of the machine and its mounts.
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync, readlinkSync, realpathSync } from 'node:fs';
import type { SandboxTools } from './isolation.js';

/** What root keeps inside a machine: enough to own, write and signal its files and processes. */
const ROOT_CAPS = [
  'chown',
  'dac_override',
  'fowner',
  'fsetid',
  'kill',
  'setgid',
  'setuid',
  'setpcap',
  'audit_write',
  'net_bind_service',
  'sys_nice',
];

// The init: mounts, hostname, chroot; then PID 1 of the machine (reaps orphans, as init does).
const INIT = `set -e
T=$1; L=$2
mount -t overlay overlay -o "lowerdir=$L/usr:/usr" "$T/usr"
for d in null zero full random urandom tty; do mount --bind "/dev/$d" "$T/dev/$d"; done
mount -t proc -o ro,nosuid,nodev,noexec proc "$T/proc"
mount -t devpts -o newinstance,ptmxmode=0666,mode=0620,gid=5 devpts "$T/dev/pts"
hostname "$3"
cd "$T"
exec chroot . /bin/bash -c 'echo ready; trap "exit 0" TERM; exec 3<&0; { read -r _ <&3; kill -TERM $$; } & while :; do sleep 86400 & wait $!; done'`;

export interface Account {
  name: string;
  uid: number;
  home: string;
}

export class MachineNamespace {
  private init?: ChildProcess;
  private initPid?: number;

  constructor(
    private readonly tools: SandboxTools,
    private readonly root: string,
    private readonly layer: string,
    private readonly hostname: string,
  ) {}

  async start(): Promise<void> {
    const child = spawn(
      this.tools.unshare,
      [
        '--mount',
        '--pid',
        '--uts',
        '--fork',
        '--kill-child',
        '/bin/bash',
        '-c',
        INIT,
        'init',
        this.root,
        this.layer,
        this.hostname,
      ],
      // stdin stays an open pipe: if the simulator dies without stopping the machine, the init reads
      // EOF and ends, and with it every process of the machine (PID namespace) and its mounts.
      { stdio: ['pipe', 'pipe', 'pipe'] },
    );
    this.init = child;
    let err = '';
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    await new Promise<void>((resolve, reject) => {
      child.once('error', reject);
      child.once('exit', (code) =>
        reject(new Error(`machine namespace ended (exit ${code}): ${err.trim()}`)),
      );
      child.stdout.once('data', () => resolve());
    });
    const pid = child.pid ?? 0;
    const kids = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/);
    this.initPid = Number(kids[0]);
    if (!this.initPid) throw new Error('machine namespace: no init process');
    this.assertConfined();
  }

  /**
   * Sessions take their root from the init process: it must be the machine's tree (it is from its
   * `ready` on; checked again before every session so a gone or reused PID can never mean `/`).
   */
  private assertConfined(): void {
    let root = '';
    try {
      root = readlinkSync(`/proc/${this.initPid}/root`);
    } catch {
      /* gone */
    }
    if (root !== realpathSync(this.root))
      throw new Error(`machine namespace is not confined to its tree (root ${root || 'gone'})`);
  }

  /**
   * The argv that runs `command` (or an interactive login shell) as `account` inside the machine,
   * in the account's home, with a login environment like sshd gives.
   */
  argv(account: Account, command: string | undefined, pty?: { term: string }): string[] {
    if (!this.initPid) throw new Error('machine namespace not started');
    const env = [
      `HOME=${account.home}`,
      `USER=${account.name}`,
      `LOGNAME=${account.name}`,
      'SHELL=/bin/bash',
      'LANG=C.UTF-8',
      account.uid === 0
        ? 'PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin'
        : 'PATH=/usr/local/bin:/usr/bin:/bin:/usr/local/sbin:/usr/sbin',
      ...(pty ? [`TERM=${pty.term}`] : []),
      ...(command === undefined ? [] : [`SIM_COMMAND=${command}`]),
    ];
    // The command travels in the environment (and is removed from it) so that the session process,
    // like sshd's, does not carry it in its argv: `pkill -f word` must not match its own session.
    const start =
      command === undefined ? 'exec /bin/bash -l' : 'c=$SIM_COMMAND; unset SIM_COMMAND; /bin/bash -c "$c"';
    return [
      this.tools.nsenter,
      '-t',
      String(this.initPid),
      '-m',
      '-p',
      '-u',
      '-r',
      '-w',
      '--',
      '/usr/bin/setpriv',
      `--reuid=${account.uid}`,
      `--regid=${account.uid}`,
      '--clear-groups',
      '--inh-caps=-all',
      `--bounding-set=-all,${ROOT_CAPS.map((c) => `+${c}`).join(',')}`,
      '/usr/bin/env',
      '-i',
      ...env,
      // A pty is allocated inside the machine (its own devpts) as sshd does, so sudo finds its terminal;
      // `script` runs the session through $SHELL -c.
      ...(pty ? ['/usr/bin/script', '-qfec'] : ['/bin/sh', '-c']),
      // Not exec: like sshd's session process, this shell stays the parent of the session's bash, so
      // sudo (whose timestamp without a tty is keyed by its parent) sees one parent per session.
      `cd "$HOME" 2>/dev/null || cd /; ${start}`,
      ...(pty ? ['/dev/null'] : []),
    ];
  }

  /** A session process (in its own process group, so a hang-up reaches all of it). */
  spawn(account: Account, command: string | undefined, pty: { term: string } | undefined): ChildProcess {
    this.assertConfined();
    const argv = this.argv(account, command, pty);
    return spawn(argv[0], argv.slice(1), { stdio: 'pipe', detached: true });
  }

  /** Ends every process of the machine (PID namespace init) and with them its mounts. */
  stop(): Promise<void> {
    const child = this.init;
    if (!child || child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
    return new Promise((resolve) => {
      child.once('exit', () => resolve());
      if (this.initPid) {
        try {
          process.kill(this.initPid, 'SIGKILL');
        } catch {
          /* already gone */
        }
      }
      child.kill('SIGKILL');
    });
  }
}
