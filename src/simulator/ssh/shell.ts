// Runs parsed command lines for one SSH session. Unix rules that matter to the bring-up are kept:
// a redirect is opened by the calling shell (so `sudo echo x > /etc/resolv.conf` is denied while
// `echo x | sudo tee /etc/resolv.conf` works), nohup only redirects to nohup.out when stdout is a
// terminal, a background job writing to the session keeps a non-pty exec open, and a hang-up kills
// what nohup does not protect.
import { parse, ParseError, type SimpleCommand } from './parse.js';
import type { MachineEnv } from './machine-env.js';
import type { OutputSink } from './installer.js';
import { builtins, type CommandServices } from './commands.js';

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
  }

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

  canWrite(user: string, path: string): boolean {
    if (user === 'root') return true;
    return path.startsWith(`/home/${user}/`) || path.startsWith('/tmp/') || path === '/dev/null';
  }
}

export function bufferSink(): OutputSink & { text(): string } {
  let buf = '';
  return { tty: false, write: (t) => ((buf += t), true), text: () => buf };
}

export function fileSink(env: MachineEnv, path: string): OutputSink {
  return {
    tty: false,
    write: (t) => {
      if (path !== '/dev/null') env.append(path, t);
      return true;
    },
  };
}

/** Runs a whole command line; returns the exit status of the last foreground list. */
export async function runLine(line: string, ctx: ExecContext, io: Io): Promise<number> {
  let lists;
  try {
    lists = parse(line);
  } catch (err) {
    io.err.write(`bash: ${err instanceof ParseError ? err.message : 'syntax error'}\n`);
    return 2;
  }
  let status = 0;
  for (const list of lists) {
    const runList = async (c: ExecContext) => {
      let s = 0;
      for (const p of list.pipelines) {
        if ((p.op === '&&' && s !== 0) || (p.op === '||' && s === 0)) continue;
        s = await runPipeline(p.commands, c, io);
      }
      return s;
    };
    if (list.background) {
      void runList({ ...ctx, background: true });
      status = 0;
    } else status = await runList(ctx);
  }
  return status;
}

async function runPipeline(commands: SimpleCommand[], ctx: ExecContext, io: Io): Promise<number> {
  let stdin = io.stdin;
  let status = 0;
  for (let i = 0; i < commands.length; i++) {
    const last = i === commands.length - 1;
    const pipe = last ? undefined : bufferSink();
    status = await runSimple(commands[i], ctx, { stdin, out: pipe ?? io.out, err: io.err });
    if (pipe) {
      const text = pipe.text();
      stdin = () => Promise.resolve(text);
    }
  }
  return status;
}

export async function runSimple(cmd: SimpleCommand, ctx: ExecContext, io: Io): Promise<number> {
  const { session } = ctx;
  let { stdin, out, err } = io;
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
    if ((r.op === '>' || r.op === '&>' || r.op === '2>') && path !== '/dev/null')
      session.env.files.set(path, '');
    const sink = fileSink(session.env, path);
    if (r.op === '2>' || r.op === '2>>') err = sink;
    else if (r.op === '&>') out = err = sink;
    else out = sink;
  }
  const [name, ...args] = cmd.argv;
  if (!name) return 0;
  const base = name.includes('/') ? name : name;
  const impl = builtins[base] ?? builtins[name.split('/').pop() ?? ''];
  const run = impl
    ? impl(args, ctx, { stdin, out, err }, name)
    : Promise.resolve((err.write(`bash: ${name}: command not found\n`), 127));
  if (
    ctx.background &&
    !session.tty &&
    ((out as Partial<ChannelSink>).channel || (err as Partial<ChannelSink>).channel)
  ) {
    session.holders.push(run);
  }
  return run;
}
