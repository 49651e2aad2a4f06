// Process commands over the machine's process table: how the bring-up finds, waits for and stops
// the installer, with the same signal permissions as Linux.
import { signals, type SimProcess } from '../machine-env.js';
import type { ExecContext, Io } from '../shell.js';
import type { Command } from './common.js';

/** pgrep/pkill selection: `-f` full command line, `-u user`, `-x` exact; never the caller itself. */
function selectProcesses(
  cmd: string,
  args: string[],
  ctx: ExecContext,
  io: Io,
): { hits: SimProcess[]; list: boolean; signal: string } | undefined {
  let full = false;
  let list = false;
  let exact = false;
  let user: string | undefined;
  let signal = 'TERM';
  const patterns: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--') {
      patterns.push(...args.slice(i + 1));
      break;
    }
    if (!a.startsWith('-') || a === '-') patterns.push(a);
    else if (a === '-u' || a === '-U') user = args[++i];
    else if (a === '--signal') signal = (args[++i] ?? '').replace(/^SIG/, '');
    else if (cmd === 'pkill' && /^-([A-Z]+|\d+)$/.test(a)) signal = a.slice(1).replace(/^SIG/, '');
    else if (/^-[flax]+$/.test(a)) {
      full ||= a.includes('f');
      list ||= a.includes('l') || a.includes('a');
      exact ||= a.includes('x');
    } else {
      io.err.write(`${cmd}: invalid option -- '${a.replace(/^-+/, '')}'\n`);
      return undefined;
    }
  }
  if (patterns.length !== 1) {
    io.err.write(
      `${cmd}: ${patterns.length ? 'only one pattern can be provided' : 'no matching criteria specified'}\nTry \`${cmd} --help' for more information.\n`,
    );
    return undefined;
  }
  let re: RegExp;
  try {
    re = new RegExp(exact ? `^(?:${patterns[0]})$` : patterns[0]);
  } catch {
    io.err.write(`${cmd}: invalid regular expression\n`);
    return undefined;
  }
  const hits = ctx.session.env
    .running()
    .filter((p) => p.pid !== ctx.pid && (!user || p.user === user))
    .filter((p) => re.test(full ? p.command : (p.command.split(' ')[0].split('/').pop() ?? '')));
  return { hits, list, signal };
}

export const pgrep: Command = async (args, ctx, io) => {
  const sel = selectProcesses('pgrep', args, ctx, io);
  if (!sel) return 2;
  io.out.write(sel.hits.map((p) => (sel.list ? `${p.pid} ${p.command}\n` : `${p.pid}\n`)).join(''));
  return sel.hits.length ? 0 : 1;
};

/** Whether `user` may signal `p` (root anyone, others only their own). */
function maySignal(user: string, p: SimProcess): boolean {
  return user === 'root' || p.user === user;
}

function signalName(spec: string): string | undefined {
  const s = spec.toUpperCase().replace(/^SIG/, '');
  if (signals[s] !== undefined) return s;
  return Object.entries(signals).find(([, n]) => String(n) === s)?.[0];
}

export const pkill: Command = async (args, ctx, io) => {
  const sel = selectProcesses('pkill', args, ctx, io);
  if (!sel) return 2;
  const sig = signalName(sel.signal);
  if (!sig) {
    io.err.write(`pkill: Unknown signal "${sel.signal}".\n`);
    return 2;
  }
  let killed = 0;
  for (const p of sel.hits) {
    if (!maySignal(ctx.user, p)) {
      io.err.write(`pkill: killing pid ${p.pid} failed: Operation not permitted\n`);
      continue;
    }
    ctx.session.env.signal(p, sig);
    killed++;
  }
  return killed ? 0 : 1;
};

/** The shell's kill: `kill [-s SIG | -SIG | -N] pid…`, `kill -l`. */
export const kill: Command = async (args, ctx, io) => {
  let sig = 'TERM';
  const pids: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--') {
      pids.push(...args.slice(i + 1));
      break;
    }
    if (a === '-l' || a === '-L') {
      io.out.write(
        `${Object.entries(signals)
          .map(([n, v]) => `${v}) SIG${n}`)
          .join(' ')}\n`,
      );
      return 0;
    }
    if (a === '-s' || a === '-n') {
      const name = signalName(args[++i] ?? '');
      if (!name) {
        io.err.write(`bash: kill: ${args[i] ?? ''}: invalid signal specification\n`);
        return 1;
      }
      sig = name;
    } else if (a.startsWith('-') && a.length > 1) {
      const name = signalName(a.slice(1));
      if (!name) {
        io.err.write(`bash: kill: ${a.slice(1)}: invalid signal specification\n`);
        return 1;
      }
      sig = name;
    } else pids.push(a);
  }
  if (!pids.length) {
    io.err.write(
      'kill: usage: kill [-s sigspec | -n signum | -sigspec] pid | jobspec ... or kill -l [sigspec]\n',
    );
    return 2;
  }
  let status = 0;
  for (const spec of pids) {
    if (!/^\d+$/.test(spec)) {
      io.err.write(`bash: kill: ${spec}: arguments must be process or job IDs\n`);
      status = 1;
      continue;
    }
    const p = ctx.session.env.running().find((x) => x.pid === Number(spec));
    if (!p) {
      io.err.write(`bash: kill: (${spec}) - No such process\n`);
      status = 1;
    } else if (!maySignal(ctx.user, p)) {
      io.err.write(`bash: kill: (${spec}) - Operation not permitted\n`);
      status = 1;
    } else ctx.session.env.signal(p, sig);
  }
  return status;
};

export const ps: Command = async (_args, ctx, io) => {
  const rows = [
    { pid: 1, user: 'root', command: '/usr/lib/systemd/systemd --switched-root --system' },
    { pid: 812, user: 'root', command: '/usr/sbin/sshd -D' },
    ...ctx.session.env.running(),
  ];
  io.out.write('USER         PID %CPU %MEM COMMAND\n');
  io.out.write(
    rows.map((p) => `${p.user.padEnd(10)} ${String(p.pid).padStart(5)}  0.0  0.1 ${p.command}\n`).join(''),
  );
  return 0;
};

/** Sleeps on the simulator's clock, so a `sleep 60` in a script scales with --speed. */
export const sleep: Command = async (args, ctx) => {
  const s = Number(args[0] ?? 0);
  if (s > 0) await ctx.session.services.clock.sleep(s);
  return 0;
};
