// Starts the simulated machines' session processes from a small helper process instead of the
// simulator's own. Node forks to spawn, and a fork copies the page tables of the whole process: with
// ten sites in one simulator process, each spawn blocked its event loop (every site's HTTP and SSH)
// for ~18 ms, a quarter of its busy time (issue 24). The helper is a bare Node process; it forks in
// about a millisecond.
//
// Stdio: the simulator connects three Unix-socket pairs to itself (a private socket in a 0700
// folder), hands one end of each to the helper over Node's IPC channel (SCM_RIGHTS), and the helper
// gives them to the child as its stdin, stdout and stderr (sshd gives a session socketpairs the same
// way). The simulator reads and writes the other ends: no byte passes through the helper.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';

const HELPER = `
const { spawn } = require('node:child_process');
const pending = new Map();
process.on('message', (m, handle) => {
  if (m.stdio !== undefined) {
    const got = pending.get(m.id) ?? [];
    got[m.stdio] = handle;
    pending.set(m.id, got);
    return;
  }
  const stdio = pending.get(m.id) ?? [];
  pending.delete(m.id);
  let child;
  try {
    child = spawn(m.file, m.args, { stdio, detached: m.detached, cwd: m.cwd, env: m.env ?? process.env });
  } catch (e) {
    process.send({ id: m.id, error: e.code || e.message });
    for (const s of stdio) s?.destroy();
    return;
  }
  for (const s of stdio) s?.destroy();
  child.once('error', (e) => process.send({ id: m.id, error: e.code || e.message }));
  if (child.pid !== undefined) process.send({ id: m.id, pid: child.pid });
  child.once('exit', (code, signal) => process.send({ id: m.id, exit: [code, signal] }));
});
process.on('disconnect', () => process.exit(0));
process.send({ ready: true });
`;

type HelperReply =
  | { ready: true }
  | { id: string; pid: number }
  | { id: string; error: string }
  | { id: string; exit: [number | null, NodeJS.Signals | null] };

/**
 * A process started by the helper, with what the simulator uses of a ChildProcess: its stdio, `pid`
 * once it runs, `exit`/`close`/`error`, and signals to it or (detached) to its process group.
 */
export class LaunchedProcess extends EventEmitter {
  readonly stdin = new PassThrough();
  readonly stdout = new PassThrough();
  readonly stderr = new PassThrough();
  pid?: number;
  exitCode: number | null = null;
  signalCode: NodeJS.Signals | null = null;
  private readonly queued: NodeJS.Signals[] = [];
  private openStreams = 2;
  private exited = false;

  constructor(private readonly detached: boolean) {
    super();
  }

  /**
   * Signals the process (its whole group when detached); a signal sent before it runs waits for it.
   * A group is signalled also after its leader exited, as long as it is open: a background job that
   * holds the session's output must still get the hang-up or the timeout's kill.
   */
  kill(signal: NodeJS.Signals = 'SIGTERM'): void {
    if (this.exited && !this.detached) return;
    if (this.pid === undefined) {
      this.queued.push(signal);
      return;
    }
    try {
      process.kill(this.detached ? -this.pid : this.pid, signal);
    } catch {
      /* already gone */
    }
  }

  /** Set by the launcher: connects `stdin` once the child holds its end (see Launcher.start). */
  onStart?: () => void;

  /** @internal */
  started(pid: number): void {
    this.pid = pid;
    this.onStart?.();
    for (const s of this.queued.splice(0)) this.kill(s);
    this.emit('spawn');
  }

  /** @internal */
  failed(error: Error): void {
    if (this.exited) return;
    this.exited = true;
    this.emit('error', error);
    this.stdout.end();
    this.stderr.end();
    this.emit('close', null, null);
  }

  /** @internal */
  ended(code: number | null, signal: NodeJS.Signals | null): void {
    this.exited = true;
    this.exitCode = code;
    this.signalCode = signal;
    this.emit('exit', code, signal);
    this.maybeClose();
  }

  /** @internal */
  streamClosed(): void {
    this.openStreams--;
    this.maybeClose();
  }

  private maybeClose(): void {
    // Like a ChildProcess: `close` once it exited and its output ended (a background job holding the
    // session's stdout keeps it open, as with sshd).
    if (this.exited && this.openStreams === 0) this.emit('close', this.exitCode, this.signalCode);
  }
}

interface LaunchOptions {
  detached?: boolean;
  cwd?: string;
  env?: NodeJS.ProcessEnv;
}

export class Launcher {
  private helper?: Promise<ChildProcess>;
  private readonly dir = mkdtempSync(path.join(os.tmpdir(), 'hci-sim-launch-'));
  private readonly socketPath = path.join(this.dir, 's');
  private server?: Promise<net.Server>;
  private readonly waiting = new Map<string, (socket: net.Socket) => void>();
  private readonly running = new Map<string, LaunchedProcess>();

  constructor() {
    process.once('exit', () => rmSync(this.dir, { recursive: true, force: true }));
  }

  /**
   * Starts `file` with `args`, its stdio on three socket pairs, in its own process group when
   * `detached`, in `cwd` and with `env` when given (else this process's environment at the helper's start).
   */
  launch(file: string, args: string[], options: LaunchOptions = {}): LaunchedProcess {
    const child = new LaunchedProcess(options.detached ?? false);
    // A process being started or running keeps this process alive, as a ChildProcess would.
    const hold = setInterval(() => undefined, 1 << 30);
    child.once('close', () => clearInterval(hold));
    this.start(child, file, args, options).catch((e: unknown) =>
      child.failed(e instanceof Error ? e : new Error(String(e))),
    );
    return child;
  }

  /** The helper's PID once it runs (benches count its children's CPU as the simulated machines'). */
  get pid(): number | undefined {
    return this.helperPid;
  }

  private helperPid?: number;

  /** Ends the helper (the processes it started go on until they end) and removes the socket. */
  stop(): void {
    void this.helper?.then((h) => h.kill('SIGTERM')).catch(() => undefined);
    void this.server?.then((s) => s.close()).catch(() => undefined);
    this.helper = this.server = undefined;
    rmSync(this.dir, { recursive: true, force: true });
  }

  private async start(
    child: LaunchedProcess,
    file: string,
    args: string[],
    options: LaunchOptions,
  ): Promise<void> {
    const id = randomBytes(12).toString('hex');
    const [helper] = await Promise.all([this.liveHelper(), this.listening()]);
    const pairs = await Promise.all([0, 1, 2].map((i) => this.pair(`${id}:${i}`)));
    const [stdin, stdout, stderr] = pairs.map((p) => p.ours);
    // Only once the child runs: until the helper has the other end, this process holds it too and
    // could read what is meant for the child.
    child.onStart = () => child.stdin.pipe(stdin);
    stdin.on('error', () => undefined);
    for (const [ours, into] of [
      [stdout, child.stdout],
      [stderr, child.stderr],
    ] as const) {
      ours.on('error', () => undefined);
      ours.pipe(into);
      ours.once('close', () => child.streamClosed());
    }
    this.running.set(id, child);
    for (const [i, p] of pairs.entries()) {
      await new Promise<void>((resolve, reject) =>
        helper.send({ id, stdio: i }, p.theirs, { keepOpen: false }, (e) => (e ? reject(e) : resolve())),
      );
    }
    helper.send({ id, file, args, detached: options.detached ?? false, cwd: options.cwd, env: options.env });
  }

  /** Both ends of one socket pair: ours (accepted) and theirs (for the child). */
  private async pair(key: string): Promise<{ ours: net.Socket; theirs: net.Socket }> {
    const accepted = new Promise<net.Socket>((resolve) => this.waiting.set(key, resolve));
    const theirs = net.connect(this.socketPath);
    // Never read here: this end is the child's.
    theirs.pause();
    await new Promise<void>((resolve, reject) => {
      theirs.once('connect', resolve);
      theirs.once('error', reject);
    });
    theirs.write(`${key}\n`);
    return { ours: await accepted, theirs };
  }

  private listening(): Promise<net.Server> {
    this.server ??= new Promise((resolve, reject) => {
      const server = net.createServer((socket) => {
        // The first line names the pair; what follows is the child's.
        let head = Buffer.alloc(0);
        const onData = (d: Buffer) => {
          head = Buffer.concat([head, d]);
          const nl = head.indexOf(0x0a);
          if (nl < 0) return;
          socket.off('data', onData);
          socket.pause();
          const key = head.subarray(0, nl).toString();
          const rest = head.subarray(nl + 1);
          if (rest.length > 0) socket.unshift(rest);
          const take = this.waiting.get(key);
          this.waiting.delete(key);
          if (take) take(socket);
          else socket.destroy();
        };
        socket.on('data', onData);
      });
      server.once('error', reject);
      server.listen(this.socketPath, () => resolve(server));
      server.unref();
    });
    return this.server;
  }

  private liveHelper(): Promise<ChildProcess> {
    this.helper ??= new Promise<ChildProcess>((resolve, reject) => {
      const helper = spawn(process.execPath, ['-e', HELPER], {
        stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
      });
      this.helperPid = helper.pid;
      helper.once('error', reject);
      helper.once('exit', (code) => {
        this.helper = undefined;
        this.helperPid = undefined;
        reject(new Error(`the session launcher ended (exit ${code})`));
        // Its children's exits can no longer be reported: they count as ended (a session closes).
        for (const [id, child] of this.running) {
          this.running.delete(id);
          if (child.pid === undefined) child.failed(new Error('the session launcher ended'));
          else child.ended(null, null);
        }
      });
      helper.on('message', (m: HelperReply) => {
        if ('ready' in m) return resolve(helper);
        const child = this.running.get(m.id);
        if (!child) return;
        if ('pid' in m) child.started(m.pid);
        else if ('error' in m) {
          this.running.delete(m.id);
          child.failed(new Error(`spawn failed: ${m.error}`));
        } else {
          this.running.delete(m.id);
          child.ended(m.exit[0], m.exit[1]);
        }
      });
      helper.unref();
      helper.channel?.unref();
    });
    return this.helper;
  }
}

let shared: Launcher | undefined;

/** The PID of this process's session launcher, when it runs. */
export function sessionLauncherPid(): number | undefined {
  return shared?.pid;
}

/** The one launcher of this simulator process (every site's machines share it). */
export function sessionLauncher(): Launcher {
  shared ??= new Launcher();
  return shared;
}
