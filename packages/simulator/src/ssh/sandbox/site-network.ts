// The network every simulated machine of one site shares: a network namespace of its own, owned by
// the site's user namespace (the machines' ids mapped), with only its loopback interface. From inside,
// Temporal, the admin API and every port of the real machine are out of reach; what answers there is
// what the simulator binds into it: the appliance programs' agent and a second listener of every
// simulated appliance, at the same 127.x address and port the worker uses from outside.
//
// Sockets are bound inside by a small Node process that joined the namespace (the binder) and handed
// to the simulator over Node's IPC channel (SCM_RIGHTS): the simulator serves them like its own, and
// no relay copies the bytes. The binder keeps the real user's credentials (nsenter
// --preserve-credentials), so it can run a Node installed under the user's home, and holds no
// capability in the namespace once it has started.
import { spawn, type ChildProcess } from 'node:child_process';
import { readlinkSync } from 'node:fs';
import type net from 'node:net';
import type { IdRange } from './id-map.js';
import { sandboxEnv, type SandboxTools } from './prerequisites.js';
import { createUserNamespace } from './user-namespace.js';

// Binds host:port in the namespace it runs in and sends the listening socket back; ends when the
// simulator (its IPC peer) is gone.
const BINDER = `
const net = require('node:net');
process.on('message', (m) => {
  const s = net.createServer();
  s.once('error', (e) => process.send({ id: m.id, error: e.code || e.message }));
  s.listen({ host: m.host, port: m.port, exclusive: true }, () => {
    process.send({ id: m.id, port: s.address().port }, s, () => s.close());
  });
});
process.on('disconnect', () => process.exit(0));
process.send({ ready: true });
`;

type BinderReply = { id: number; port?: number; error?: string } | { ready: true };

const waitForLine = (child: ChildProcess, what: string, timeoutMs: number) =>
  new Promise<void>((resolve, reject) => {
    let err = '';
    child.stderr?.on('data', (d: Buffer) => (err += d.toString()));
    const timer = setTimeout(() => reject(new Error(`${what} did not start in time`)), timeoutMs);
    child.once('error', (e) => (clearTimeout(timer), reject(e)));
    child.once(
      'exit',
      (code) => (clearTimeout(timer), reject(new Error(`${what} ended (exit ${code}): ${err.trim()}`))),
    );
    const ready = () => (clearTimeout(timer), child.removeAllListeners('exit'), resolve());
    if (child.stdout) child.stdout.once('data', ready);
    else child.once('message', ready);
  });

/** How long a binder with nothing to bind stays: the twins of one boot come in a burst. */
const BINDER_IDLE_MS = 2_000;

export class SiteNetwork {
  private binder?: Promise<ChildProcess>;
  private binderProcess?: ChildProcess;
  private idle?: NodeJS.Timeout;
  private stopped = false;
  private nextId = 1;
  private readonly pending = new Map<number, (reply: BinderReply, handle?: net.Server) => void>();

  private constructor(
    /** A process holding the site's user and network namespaces (machines enter through it). */
    private readonly holder: ChildProcess,
    private readonly tools: SandboxTools,
    private readonly timeoutMs: number,
  ) {}

  get pid(): number {
    return this.holder.pid!;
  }

  /** Creates the site's user namespace (ids mapped) and network namespace with its loopback up. */
  static async start(tools: SandboxTools, ids: IdRange, timeoutMs = 10_000): Promise<SiteNetwork> {
    const userns = await createUserNamespace(tools.unshare, ids, timeoutMs);
    let holder: ChildProcess | undefined;
    try {
      // stdin stays open: the holder ends with the simulator, and the namespaces with the last machine.
      holder = spawn(
        tools.nsenter,
        [
          '-t',
          String(userns.pid),
          '-U',
          '--',
          tools.unshare,
          '--net',
          '--',
          '/bin/sh',
          '-c',
          'ip link set lo up && echo in && read _',
        ],
        { stdio: ['pipe', 'pipe', 'pipe'], env: sandboxEnv() },
      );
      holder.stdin!.on('error', () => undefined);
      await waitForLine(holder, 'the site network', timeoutMs);
      const own = readlinkSync('/proc/self/ns/net');
      if (readlinkSync(`/proc/${holder.pid}/ns/net`) === own)
        throw new Error('unshare --net did not create a network namespace');
      const site = new SiteNetwork(holder, tools, timeoutMs);
      // The first binder proves at start that sockets can be bound inside.
      await site.liveBinder();
      return site;
    } catch (e) {
      holder?.kill('SIGKILL');
      throw e;
    } finally {
      userns.release();
    }
  }

  /**
   * The binder, started when a bind needs it. It ends when it has been idle a moment: a Node process
   * per site held for the site's whole life cost 44 MiB each, 2.2 GiB for a fleet of 50 sites, for
   * the few seconds of a run in which a machine boots or powers on.
   */
  private liveBinder(): Promise<ChildProcess> {
    clearTimeout(this.idle);
    this.binder ??= this.startBinder().catch((e: unknown) => {
      this.binder = undefined;
      throw e;
    });
    return this.binder;
  }

  private async startBinder(): Promise<ChildProcess> {
    const binder = spawn(
      this.tools.nsenter,
      ['-t', String(this.pid), '-U', '-n', '--preserve-credentials', '--', process.execPath, '-e', BINDER],
      { stdio: ['ignore', 'ignore', 'pipe', 'ipc'], env: sandboxEnv() },
    );
    try {
      await waitForLine(binder, 'the site network binder', this.timeoutMs);
    } catch (e) {
      binder.kill('SIGKILL');
      throw e;
    }
    binder.on('message', (reply: BinderReply, handle?: net.Server) => {
      if ('ready' in reply) return;
      const settle = this.pending.get(reply.id);
      this.pending.delete(reply.id);
      settle?.(reply, handle);
      this.idleLater();
    });
    binder.once('exit', () => {
      // A binder that ended on its own is not used again: the next bind starts another.
      if (this.binderProcess === binder) this.binder = this.binderProcess = undefined;
      for (const settle of this.pending.values()) settle({ id: 0, error: 'the site network binder ended' });
      this.pending.clear();
    });
    this.binderProcess = binder;
    this.idleLater();
    return binder;
  }

  private idleLater(): void {
    clearTimeout(this.idle);
    if (this.pending.size > 0) return;
    this.idle = setTimeout(() => void this.retireBinder(), BINDER_IDLE_MS);
    this.idle.unref();
  }

  /** Ends an idle binder (it exits when its IPC channel closes); the next bind starts another. */
  private async retireBinder(): Promise<void> {
    const current = this.binder;
    if (!current || this.pending.size > 0) return;
    this.binder = this.binderProcess = undefined;
    const binder = await current.catch(() => undefined);
    if (binder?.connected) binder.disconnect();
  }

  /** A server listening at host:port inside the site's network (port 0: any free port). */
  async bind(host: string, port: number): Promise<net.Server> {
    if (this.stopped) throw new Error('the site network is stopped');
    const binder = await this.liveBinder();
    if (!binder.connected) throw new Error('the site network binder ended');
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, (reply, handle) => {
        if ('ready' in reply) return;
        if (handle && reply.port !== undefined) resolve(handle);
        else
          reject(
            new Error(
              `cannot listen on ${host}:${port} inside the site network: ${reply.error ?? 'no socket'}`,
            ),
          );
      });
      binder.send({ id, host, port });
    });
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.idle);
    const current = this.binder;
    this.binder = this.binderProcess = undefined;
    void current
      ?.then((binder) => {
        if (binder.connected) binder.disconnect();
        binder.kill('SIGKILL');
      })
      .catch(() => undefined);
    this.holder.stdin?.end();
    this.holder.kill('SIGKILL');
  }
}
