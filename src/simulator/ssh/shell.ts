// Runs parsed command lines for one SSH session. Unix rules that matter to the bring-up are kept:
// a redirect is opened by the calling shell (so `sudo echo x > /etc/resolv.conf` is denied while
// `echo x | sudo tee /etc/resolv.conf` works), nohup only redirects to nohup.out when stdout is a
// terminal, a background job writing to the session keeps a non-pty exec open, a hang-up kills
// what nohup does not protect, and every command is a process (`sudo sh -c '…'` shows in pgrep -f).
import { parse, ParseError, type AndOr, type IfClause, type SimpleCommand } from './parse.js';
import type { MachineEnv } from './machine-env.js';
import type { OutputSink } from './installer.js';
import { builtins, type CommandServices } from './commands/index.js';

export interface ChannelSink extends OutputSink {
  readonly channel: true;
}

export interface Io {
  stdin: () => Promise<string>;
  out: OutputSink;
  err: OutputSink;
}

export interface ExecContext {
  session: Session;
  /** Effective user of this command (root under sudo). */
  user: string;
  /** Protected from hang-up (under nohup). */
  nohup: boolean;
  background: boolean;
  /** The process of the running command (pgrep/pkill leave themselves out). */
  pid?: number;
}

export class Session {
  /** Background commands that write to the channel; a non-pty exec waits for them (like sshd). */
  readonly holders: Promise<unknown>[] = [];
  cwd: string;

  constructor(
    readonly env: MachineEnv,
    readonly user: string,
    readonly tty: boolean,
    readonly services: CommandServices,
  ) {
    this.cwd = user === 'root' ? '/root' : `/home/${user}`;
    env.dirs.add(this.cwd);
  }

  /** sudo's timestamp: after one successful password, later sudo calls of this session ask no more. */
  sudoAuthenticated = false;
  /** Exit status of the last command (what `exit` without an argument uses). */
  lastStatus = 0;

  resolvePath(p: string): string {
    const abs = p.startsWith('/') ? p : p.startsWith('~/') ? `${this.cwd}/${p.slice(2)}` : `${this.cwd}/${p}`;
    const parts: string[] = [];
    for (const seg of abs.split('/')) {
      if (!seg || seg === '.') continue;
      if (seg === '..') parts.pop();
      else parts.push(seg);
    }
    return `/${parts.join('/')}`;
  }

  /** Only /etc/shadow is closed to other users here. */
  canRead(user: string, path: string): boolean {
    return user === 'root' || path !== '/etc/shadow';
  }

  canWrite(user: string, path: string): boolean {
    if (user === 'root') return true;
    return path.startsWith(`/home/${user}/`) || path.startsWith('/tmp/') || path === '/dev/null';
  }
}

export function bufferSink(): OutputSink & { text(): string } {
  let buf = '';
  return { tty: false, write: (t) => ((buf += t), true), text: () => buf };
}

export function fileSink(env: MachineEnv, path: string): OutputSink & { close(): void } {
  const writer = env.openWriter(path);
  return {
    tty: false,
    write: (t) => {
      writer.write(t);
      return true;
    },
    close: () => writer.close(),
  };
}

/** `exit [n]`: ends the shell that runs it (the session, or the `sh -c` it is in). */
export class ShellExit extends Error {
  constructor(readonly status: number) {
    super(`exit ${status}`);
  }
}

/** Runs a whole command line as one shell; returns the exit status of the last foreground list. */
export async function runLine(line: string, ctx: ExecContext, io: Io): Promise<number> {
  let lists;
  try {
    lists = parse(line);
  } catch (err) {
    io.err.write(`bash: ${err instanceof ParseError ? err.message : 'syntax error'}\n`);
    return 2;
  }
  try {
    return await runLists(lists, ctx, io);
  } catch (err) {
    if (err instanceof ShellExit) return err.status;
    throw err;
  }
}

async function runLists(lists: AndOr[], ctx: ExecContext, io: Io): Promise<number> {
  let status = 0;
  for (const list of lists) {
    const runList = async (c: ExecContext) => {
      let s = 0;
      for (const p of list.pipelines) {
        if ((p.op === '&&' && s !== 0) || (p.op === '||' && s === 0)) continue;
        s = await runPipeline(p.commands, c, io);
        c.session.lastStatus = s;
      }
      return s;
    };
    if (list.background) {
      // A background job runs in a subshell: its `exit` ends only itself.
      void runList({ ...ctx, background: true }).catch(() => undefined);
      status = 0;
    } else status = await runList(ctx);
  }
  return status;
}

async function runIf(clause: IfClause, ctx: ExecContext, io: Io): Promise<number> {
  for (const b of clause.branches) {
    if ((await runLists(b.cond, ctx, io)) === 0) return runLists(b.body, ctx, io);
  }
  return clause.otherwise ? runLists(clause.otherwise, ctx, io) : 0;
}

async function runPipeline(commands: SimpleCommand[], ctx: ExecContext, io: Io): Promise<number> {
  let stdin = io.stdin;
  let status = 0;
  for (let i = 0; i < commands.length; i++) {
    const last = i === commands.length - 1;
    const pipe = last ? undefined : bufferSink();
    const sub = { stdin, out: pipe ?? io.out, err: io.err };
    // Every part of a real pipeline but the last runs in a subshell: `exit` there ends only that part.
    status = last
      ? await runSimple(commands[i], ctx, sub)
      : await runSimple(commands[i], ctx, sub).catch((err: unknown) => {
          if (err instanceof ShellExit) return err.status;
          throw err;
        });
    if (pipe) {
      const text = pipe.text();
      stdin = () => Promise.resolve(text);
    }
  }
  return status;
}

/** Shell builtins (no process of their own); everything else shows in ps/pgrep while it runs. */
const shellBuiltins = new Set([
  'cd',
  'pwd',
  'echo',
  'printf',
  'test',
  '[',
  'true',
  'false',
  'exit',
  'kill',
  // These replace themselves with what they run (exec) or register their own process.
  'nohup',
  'installer',
]);

export async function runSimple(cmd: SimpleCommand, ctx: ExecContext, io: Io): Promise<number> {
  const { session } = ctx;
  let { stdin, out, err } = io;
  const opened: { close(): void }[] = [];
  for (const r of cmd.redirects) {
    if (r.op === '<<') {
      const body = r.target;
      stdin = () => Promise.resolve(body);
      continue;
    }
    if (r.op === '2>&1') {
      err = out;
      continue;
    }
    const path = session.resolvePath(r.target);
    if (r.op === '<') {
      const content = session.env.files.get(path);
      if (content === undefined) {
        io.err.write(`bash: ${r.target}: No such file or directory\n`);
        return 1;
      }
      stdin = () => Promise.resolve(content);
      continue;
    }
    // The shell (not the command, not sudo) opens the file: it needs the permission itself.
    if (!session.canWrite(ctx.user, path)) {
      io.err.write(`bash: ${r.target}: Permission denied\n`);
      return 1;
    }
    const parent = path.slice(0, path.lastIndexOf('/')) || '/';
    if (path !== '/dev/null' && !session.env.isDir(parent)) {
      io.err.write(`bash: ${r.target}: No such file or directory\n`);
      return 1;
    }
    if ((r.op === '>' || r.op === '&>' || r.op === '2>') && path !== '/dev/null')
      session.env.files.set(path, '');
    const sink = fileSink(session.env, path);
    opened.push(sink);
    if (r.op === '2>' || r.op === '2>>') err = sink;
    else if (r.op === '&>') out = err = sink;
    else out = sink;
  }
  const done = () => opened.forEach((o) => o.close());
  if (cmd.compound) {
    try {
      return await runIf(cmd.compound, ctx, { stdin, out, err });
    } finally {
      done();
    }
  }
  const [name, ...args] = cmd.argv;
  if (!name) {
    done();
    return 0;
  }
  const base = name.split('/').pop() ?? name;
  const impl = Object.hasOwn(builtins, name)
    ? builtins[name]
    : Object.hasOwn(builtins, base)
      ? builtins[base]
      : undefined;
  const proc =
    impl && !shellBuiltins.has(base)
      ? session.env.transient(ctx.user, cmd.argv.join(' '), session.services.clock.now())
      : undefined;
  const run = (
    impl
      ? impl(args, proc ? { ...ctx, pid: proc.proc.pid } : ctx, { stdin, out, err }, name)
      : Promise.resolve((err.write(`bash: ${name}: command not found\n`), 127))
  ).finally(() => {
    proc?.end();
    done();
  });
  if (
    ctx.background &&
    !session.tty &&
    ((out as Partial<ChannelSink>).channel || (err as Partial<ChannelSink>).channel)
  ) {
    session.holders.push(run.catch(() => 1));
  }
  return run;
}
