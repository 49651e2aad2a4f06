// One simulated machine's namespaces: in its site's user namespace (ids mapped, id-map.ts: never real
// root, never the simulator's own ids) and network namespace (site-network.ts: only the site's loopback),
// an init process holding a private mount, PID and UTS namespace whose root is the machine's tree, a tmpfs built from the tree's entries. Every SSH session
// enters them (nsenter), drops to the account (setpriv, with a capability bounding set that keeps root
// from mounting, chrooting or tracing out of the tree) and runs a real bash. The simulator reads and
// writes a machine's files only through such a process (run()), so a link planted inside resolves
// inside. Stopping the init ends every process of the machine, its mounts and its files.
import { readFileSync, readlinkSync, statSync } from 'node:fs';
import type { SandboxTools } from './isolation.js';
import { sandboxEnv } from './prerequisites.js';
import type { SiteNetwork } from './site-network.js';
import type { TreeEntry } from './tree.js';
import { treeInput } from './tree-archive.js';
import { sessionLauncher, type LaunchedProcess } from './launcher.js';

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

/** Where the init sees its staging directory (the machine's directory, bound there: see INIT). */
const STAGE = '/tmp';
/** The machine's `/` as the init's mount namespace names it. */
export const TREE_IN_NAMESPACE = `${STAGE}/root`;

/** Size cap of a machine's writable tree (tmpfs: only what is written takes memory). */
const TREE_SIZE = '2g';

// The init, as root of the user namespace, in the machine's directory. The directory is bound onto
// /tmp of its private mount namespace first: the state directory above it is private to the real user
// (0700), which root inside is not, and absolute paths (mount canonicalizes them) must be reachable.
// Then: the tree's tmpfs (nosuid,nodev) and the layer's (nodev; it holds the setuid copy of sudo),
// the entries from stdin, the mounts, hostname, chroot; then PID 1 of the machine (reaps orphans).
const INIT = `set -e
mount -c --bind . ${STAGE}
cd ${STAGE}
mount -t tmpfs -o nosuid,nodev,mode=0755,size=${TREE_SIZE} tree root
mount -t tmpfs -o nodev,mode=0755,size=256m layer layer
read -r n
head -c "$n" | tar -x -m -p --same-owner --numeric-owner -f -
while read -r t p m u; do
  case $t in
    END) break ;;
    C) [ -e "$u" ] || continue; mkdir -p -- "\${p%/*}"; cp -R -P -- "$u" "$p"
       if [ "$m" != - ]; then chown 0:0 -- "$p"; chmod "$m" -- "$p"; fi ;;
    *) echo "bad tree entry: $t" >&2; exit 1 ;;
  esac
done
for d in null zero full random urandom tty; do
  mount --bind "/dev/$d" "${STAGE}/root/dev/$d"
  mount -o remount,bind,ro "${STAGE}/root/dev/$d"
done
mount -t overlay overlay -o "ro,lowerdir=${STAGE}/layer/usr:/usr" "${STAGE}/root/usr"
mount -t proc -o ro,nosuid,nodev,noexec proc "${STAGE}/root/proc"
mount -t devpts -o newinstance,ptmxmode=0666,mode=0620,gid=5 devpts "${STAGE}/root/dev/pts"
hostname "$1"
cd "${STAGE}/root"
exec chroot . /bin/bash -c 'echo ready; trap "exit 0" TERM; exec 3<&0; { read -r _ <&3; kill -TERM $$; } & while :; do sleep 86400 & wait $!; done'`;

export interface Account {
  name: string;
  uid: number;
  home: string;
}

export class MachineNamespace {
  private init?: LaunchedProcess;
  private initPid?: number;

  /**
   * `dir`: the machine's directory (mode 0711, holding the empty mount points `root` and `layer`);
   * the tree itself exists only inside the machine.
   */
  constructor(
    private readonly tools: SandboxTools,
    private readonly site: SiteNetwork,
    private readonly dir: string,
    private readonly hostname: string,
  ) {}

  async start(tree: TreeEntry[]): Promise<void> {
    // Entered as root of the site's user namespace (a mapped id), in the site's network.
    const child = sessionLauncher().launch(
      this.tools.nsenter,
      [
        '-t',
        String(this.site.pid),
        '-U',
        '-n',
        '--',
        this.tools.unshare,
        '--mount',
        '--pid',
        '--uts',
        '--fork',
        '--kill-child',
        '/bin/bash',
        '-c',
        INIT,
        'init',
        this.hostname,
      ],
      // stdin: the tree's entries, then held open: if the simulator dies without stopping the
      // machine, the init reads EOF and ends, and with it every process of the machine and its mounts.
      { cwd: this.dir, env: sandboxEnv() },
    );
    child.stdin.on('error', () => undefined);
    child.stdin.write(await treeInput(tree));
    await this.ready(child).catch((e: unknown) => {
      child.kill('SIGKILL');
      throw e;
    });
  }

  private async ready(child: LaunchedProcess): Promise<void> {
    this.init = child;
    let err = '';
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    await new Promise<void>((resolve, reject) => {
      child.once('error', reject);
      child.once('exit', (code: number | null) =>
        reject(new Error(`machine namespace ended (exit ${code}): ${err.trim()}`)),
      );
      child.stdout.once('data', () => resolve());
    });
    // Its output comes straight from it, its PID through the launcher: either may be first.
    if (child.pid === undefined) await new Promise((resolve) => child.once('spawn', resolve));
    const pid = child.pid ?? 0;
    const kids = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/);
    this.initPid = Number(kids[0]);
    if (!this.initPid) throw new Error('machine namespace: no init process');
    this.assertConfined();
  }

  /**
   * Sessions take their root and network from the init process: they must be the machine's tree and
   * the site's network (they are from its `ready` on; checked again before every session so a gone or
   * reused PID can never mean `/` or the real network).
   */
  private assertConfined(): void {
    let root = '';
    let sameUserNs = true;
    let sameNet = true;
    let sameRoot = true;
    try {
      root = readlinkSync(`/proc/${this.initPid}/root`);
      sameUserNs = readlinkSync(`/proc/${this.initPid}/ns/user`) === readlinkSync('/proc/self/ns/user');
      sameNet = readlinkSync(`/proc/${this.initPid}/ns/net`) === readlinkSync('/proc/self/ns/net');
      const [a, b] = [statSync(`/proc/${this.initPid}/root`), statSync('/')];
      sameRoot = a.dev === b.dev && a.ino === b.ino;
    } catch {
      /* gone */
    }
    if (root !== TREE_IN_NAMESPACE || sameUserNs || sameNet || sameRoot)
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
      // The user namespace first: nsenter then becomes its root (a mapped id), never the real user.
      '-U',
      '-m',
      '-p',
      '-u',
      '-n',
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

  /**
   * A session process (in its own process group, so a hang-up reaches all of it), started by the
   * simulator's launcher process (launcher.ts: a fork of this big process costs ~18 ms).
   */
  spawn(account: Account, command: string | undefined, pty: { term: string } | undefined): LaunchedProcess {
    this.assertConfined();
    const argv = this.argv(account, command, pty);
    return sessionLauncher().launch(argv[0], argv.slice(1), { detached: true });
  }

  /**
   * Runs a command as `account` inside the machine and collects its output (capped): the simulator's
   * own reads and writes of the machine's files. A command that does not end in time is killed, so a
   * FIFO planted where it reads cannot hold the simulator.
   */
  run(
    account: Account,
    command: string,
    opts: { stdin?: string; timeoutMs?: number; maxBytes?: number } = {},
  ): Promise<{ code: number | null; out: string }> {
    const child = this.spawn(account, command, undefined);
    const max = opts.maxBytes ?? 1 << 20;
    let out = '';
    child.stdout.on('data', (d: Buffer) => {
      if (out.length < max) out += d.toString('utf8');
    });
    child.stderr.resume();
    child.stdin.end(opts.stdin ?? '');
    return new Promise((resolve) => {
      const timer = setTimeout(() => child.kill('SIGKILL'), opts.timeoutMs ?? 5000);
      child.once('error', () => {
        clearTimeout(timer);
        resolve({ code: null, out });
      });
      child.once('close', (code: number | null) => {
        clearTimeout(timer);
        resolve({ code, out: out.slice(0, max) });
      });
    });
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
