// The commands a simulated machine knows: exactly what the bring-up (seed 003) and an operator
// checking on it use. Each returns an exit status and writes like its GNU counterpart.
import type { SimState } from '../core/contract.js';
import type { ScaledClock } from '../core/clock.js';
import type { SshAccounts } from './accounts.js';
import { installerPath, preinstallPath, runInstaller, type InstallerDeps } from './installer.js';
import type { MachineEnv } from './machine-env.js';
import { fileSink, runLine, runSimple, type ExecContext, type Io } from './shell.js';

export interface CommandServices {
  accounts: SshAccounts;
  clock: ScaledClock;
  state: SimState;
  installer(env: MachineEnv): InstallerDeps;
}

type Command = (args: string[], ctx: ExecContext, io: Io, name: string) => Promise<number>;

const sudoers = new Set(['root', 'smartx', 'cloudtower', 'o11y']);

function readFile(ctx: ExecContext, io: Io, cmd: string, file: string): string | undefined {
  const path = ctx.session.resolvePath(file);
  const content = ctx.session.env.files.get(path);
  if (content === undefined) io.err.write(`${cmd}: ${file}: No such file or directory\n`);
  else if (path === '/etc/shadow' && ctx.user !== 'root') {
    io.err.write(`${cmd}: ${file}: Permission denied\n`);
    return undefined;
  }
  return content;
}

/** Parses `-n 20`, `-n20`, `-20`, `-c 100` style options of head/tail. */
function countOption(args: string[]): { lines?: number; bytes?: number; files: string[]; follow: boolean } {
  const r: { lines?: number; bytes?: number; files: string[]; follow: boolean } = {
    files: [],
    follow: false,
  };
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '-n' || a === '-c') {
      const v = Number((args[++i] ?? '').replace(/^\+/, ''));
      if (a === '-n') r.lines = v;
      else r.bytes = v;
    } else if (/^-n\d+$/.test(a)) r.lines = Number(a.slice(2));
    else if (/^-c\d+$/.test(a)) r.bytes = Number(a.slice(2));
    else if (/^-\d+$/.test(a)) r.lines = Number(a.slice(1));
    else if (a === '-f' || a === '-F' || a === '--follow') r.follow = true;
    else if (a === '-q' || a === '-s') continue;
    else r.files.push(a);
  }
  return r;
}

async function input(ctx: ExecContext, io: Io, cmd: string, files: string[]): Promise<string | undefined> {
  if (!files.length || (files.length === 1 && files[0] === '-')) return io.stdin();
  let text = '';
  for (const f of files) {
    const c = readFile(ctx, io, cmd, f);
    if (c === undefined) return undefined;
    text += c;
  }
  return text;
}

function splitLines(text: string): string[] {
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}

const tail: Command = async (args, ctx, io) => {
  const o = countOption(args);
  const text = await input(ctx, io, 'tail', o.files);
  if (text === undefined) return 1;
  // `-f` is answered like a plain tail: a follow that never ends would tie up the session.
  if (o.bytes !== undefined) io.out.write(text.slice(Math.max(0, text.length - o.bytes)));
  else {
    const lines = splitLines(text);
    const n = o.lines ?? 10;
    const sel = n === 0 ? [] : lines.slice(-n);
    io.out.write(sel.map((l) => `${l}\n`).join(''));
  }
  return 0;
};

const head: Command = async (args, ctx, io) => {
  const o = countOption(args);
  const text = await input(ctx, io, 'head', o.files);
  if (text === undefined) return 1;
  if (o.bytes !== undefined) io.out.write(text.slice(0, o.bytes));
  else
    io.out.write(
      splitLines(text)
        .slice(0, o.lines ?? 10)
        .map((l) => `${l}\n`)
        .join(''),
    );
  return 0;
};

const cat: Command = async (args, ctx, io) => {
  const text = await input(
    ctx,
    io,
    'cat',
    args.filter((a) => !a.startsWith('-') || a === '-'),
  );
  if (text === undefined) return 1;
  io.out.write(text);
  return 0;
};

const wc: Command = async (args, ctx, io) => {
  const flags = args.filter((a) => a.startsWith('-')).join('');
  const files = args.filter((a) => !a.startsWith('-'));
  const text = await input(ctx, io, 'wc', files);
  if (text === undefined) return 1;
  const bytes = Buffer.byteLength(text);
  const lines = (text.match(/\n/g) ?? []).length;
  const words = text.split(/\s+/).filter(Boolean).length;
  const parts: number[] = [];
  if (!flags || flags.includes('l')) parts.push(lines);
  if (!flags || flags.includes('w')) parts.push(words);
  if (!flags || flags.includes('c') || flags.includes('m')) parts.push(bytes);
  io.out.write(`${parts.join(' ')}${files[0] ? ` ${files[0]}` : ''}\n`);
  return 0;
};

const stat: Command = async (args, ctx, io) => {
  let format: string | undefined;
  const files: string[] = [];
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '-c' || args[i] === '--printf') format = args[++i];
    else if (args[i].startsWith('--format=') || args[i].startsWith('--printf='))
      format = args[i].split('=')[1];
    else if (!args[i].startsWith('-')) files.push(args[i]);
  }
  let status = 0;
  for (const f of files) {
    const path = ctx.session.resolvePath(f);
    const c = ctx.session.env.files.get(path);
    if (c === undefined) {
      io.err.write(`stat: cannot statx '${f}': No such file or directory\n`);
      status = 1;
      continue;
    }
    const size = Buffer.byteLength(c);
    if (format) io.out.write(`${format.replace(/%s/g, String(size)).replace(/%n/g, f)}\n`);
    else
      io.out.write(
        `  File: ${f}\n  Size: ${size}\tBlocks: ${Math.ceil(size / 512)}\tIO Block: 4096\tregular file\n`,
      );
  }
  return status;
};

const test: Command = async (args, ctx, _io, name) => {
  const a = name === '[' ? args.slice(0, -1) : args;
  const negate = a[0] === '!';
  const [flag, file] = negate ? a.slice(1) : a;
  const path = ctx.session.resolvePath(file ?? '');
  const content = ctx.session.env.files.get(path);
  const isDir = [...ctx.session.env.files.keys()].some((k) => k.startsWith(`${path}/`));
  let r = false;
  if (flag === '-f' || flag === '-e' || flag === '-r') r = content !== undefined || (flag === '-e' && isDir);
  else if (flag === '-s') r = !!content;
  else if (flag === '-d') r = isDir;
  else if (flag === '-x') r = content !== undefined;
  return r !== negate ? 0 : 1;
};

const grep: Command = async (args, ctx, io) => {
  let quiet = false,
    count = false,
    invert = false,
    ignoreCase = false,
    fixed = false;
  const rest: string[] = [];
  for (const a of args) {
    if (/^-[qcvFEiw]+$/.test(a)) {
      quiet ||= a.includes('q');
      count ||= a.includes('c');
      invert ||= a.includes('v');
      ignoreCase ||= a.includes('i');
      fixed ||= a.includes('F');
    } else rest.push(a);
  }
  const [pattern, ...files] = rest;
  if (pattern === undefined) {
    io.err.write('Usage: grep [OPTION]... PATTERNS [FILE]...\n');
    return 2;
  }
  const text = await input(ctx, io, 'grep', files);
  if (text === undefined) return 2;
  let re: RegExp;
  try {
    re = new RegExp(fixed ? pattern.replace(/[.*+?^${}()|[\]\\]/g, '\\$&') : pattern, ignoreCase ? 'i' : '');
  } catch {
    io.err.write('grep: Invalid regular expression\n');
    return 2;
  }
  const hits = splitLines(text).filter((l) => re.test(l) !== invert);
  if (count) io.out.write(`${hits.length}\n`);
  else if (!quiet) io.out.write(hits.map((l) => `${l}\n`).join(''));
  return hits.length ? 0 : 1;
};

const tee: Command = async (args, ctx, io) => {
  const append = args.includes('-a') || args.includes('--append');
  const files = args.filter((a) => !a.startsWith('-'));
  const text = await io.stdin();
  for (const f of files) {
    const path = ctx.session.resolvePath(f);
    if (!ctx.session.canWrite(ctx.user, path)) {
      io.err.write(`tee: ${f}: Permission denied\n`);
      return 1;
    }
    if (append) ctx.session.env.append(path, text);
    else ctx.session.env.files.set(path, text);
  }
  io.out.write(text);
  return 0;
};

const sed: Command = async (args, ctx, io) => {
  const inPlace = args.includes('-i');
  const rest = args.filter((a) => a !== '-i' && a !== '-e');
  const [script, ...files] = rest;
  const m = /^s(.)(.*?)\1(.*?)\1(g?)$/.exec(script ?? '');
  if (!m) {
    io.err.write(`sed: -e expression #1: unsupported command (simulator knows s///)\n`);
    return 1;
  }
  const re = new RegExp(m[2], m[4] ? 'g' : '');
  const edit = (t: string) =>
    splitLines(t)
      .map((l) => `${l.replace(re, m[3])}\n`)
      .join('');
  if (!inPlace) {
    const text = await input(ctx, io, 'sed', files);
    if (text === undefined) return 2;
    io.out.write(edit(text));
    return 0;
  }
  for (const f of files) {
    const path = ctx.session.resolvePath(f);
    const c = readFile(ctx, io, 'sed', f);
    if (c === undefined) return 2;
    if (!ctx.session.canWrite(ctx.user, path)) {
      io.err.write(`sed: couldn't open temporary file: Permission denied\n`);
      return 4;
    }
    ctx.session.env.files.set(path, edit(c));
  }
  return 0;
};

const chpasswd: Command = async (_args, ctx, io) => {
  if (ctx.user !== 'root') {
    io.err.write('chpasswd: Permission denied.\n');
    return 1;
  }
  const lines = splitLines(await io.stdin()).filter((l) => l.trim());
  let status = 0;
  lines.forEach((line, i) => {
    const idx = line.indexOf(':');
    const user = idx > 0 ? line.slice(0, idx) : '';
    if (
      !user ||
      !ctx.session.services.accounts.change(
        ctx.session.env.info.planAddress,
        user,
        line.slice(idx + 1),
        'chpasswd',
      )
    ) {
      io.err.write(`chpasswd: line ${i + 1}: user '${user}' does not exist\n`);
      status = 1;
    }
  });
  return status;
};

const passwd: Command = async (args, ctx, io) => {
  if (!args.includes('--stdin')) {
    io.err.write('passwd: interactive use needs a terminal; use chpasswd or passwd --stdin\n');
    return 1;
  }
  const user = args.filter((a) => !a.startsWith('-'))[0] ?? ctx.user;
  if (ctx.user !== 'root') {
    io.err.write('passwd: Only root can specify a user name.\n');
    return 1;
  }
  const pw = splitLines(await io.stdin())[0] ?? '';
  if (!ctx.session.services.accounts.change(ctx.session.env.info.planAddress, user, pw, 'passwd')) {
    io.err.write(`passwd: Unknown user name '${user}'.\n`);
    return 1;
  }
  io.out.write('passwd: all authentication tokens updated successfully.\n');
  return 0;
};

const sudo: Command = async (args, ctx, io) => {
  let readPassword = false;
  let i = 0;
  for (; i < args.length && args[i].startsWith('-'); i++) {
    if (args[i].includes('S')) readPassword = true;
    if (args[i] === '-u') i++;
  }
  const rest = args.slice(i);
  let stdin = io.stdin;
  if (!sudoers.has(ctx.session.user)) {
    io.err.write(`${ctx.session.user} is not in the sudoers file.  This incident will be reported.\n`);
    return 1;
  }
  if (readPassword && ctx.user !== 'root') {
    const all = await io.stdin();
    const nl = all.indexOf('\n');
    const pw = nl < 0 ? all : all.slice(0, nl);
    const remaining = nl < 0 ? '' : all.slice(nl + 1);
    if (!ctx.session.services.accounts.check(ctx.session.env.info.planAddress, ctx.session.user, pw)) {
      io.err.write('[sudo] password for user: Sorry, try again.\nsudo: 1 incorrect password attempt\n');
      return 1;
    }
    stdin = () => Promise.resolve(remaining);
  }
  if (!rest.length) return 0;
  return runArgv(rest, { ...ctx, user: 'root' }, { ...io, stdin });
};

/** Runs an argv as one simple command (sudo, nohup, sh -c pass their rest here). */
function runArgv(argv: string[], ctx: ExecContext, io: Io): Promise<number> {
  return runSimple({ argv, redirects: [] }, ctx, io);
}

const nohup: Command = async (args, ctx, io) => {
  let { out, err } = io;
  if (out.tty) {
    const path = `${ctx.session.cwd}/nohup.out`;
    if (!ctx.session.canWrite(ctx.user, path)) {
      io.err.write('nohup: cannot open nohup.out: Permission denied\n');
      return 125;
    }
    err.write("nohup: ignoring input and appending output to 'nohup.out'\n");
    out = fileSink(ctx.session.env, path);
    ctx.session.env.append(path, '');
    if (err.tty) err = out;
  } else if (err.tty) err = out;
  return runArgv(args, { ...ctx, nohup: true }, { stdin: () => Promise.resolve(''), out, err });
};

const shell: Command = async (args, ctx, io, name) => {
  const c = args.indexOf('-c');
  if (c >= 0) return runLine(args[c + 1] ?? '', ctx, io);
  const file = args.find((a) => !a.startsWith('-'));
  if (!file) {
    const script = await io.stdin();
    return runLine(script, ctx, { ...io, stdin: () => Promise.resolve('') });
  }
  const path = ctx.session.resolvePath(file);
  if (path === preinstallPath) return preinstall(args, ctx, io, name);
  const content = readFile(ctx, io, name, file);
  if (content === undefined) return 127;
  return runLine(content, ctx, io);
};

const preinstall: Command = async (_args, ctx, io) => {
  if (ctx.session.env.info.role !== 'cloudtower') {
    io.err.write(`sh: ${preinstallPath}: No such file or directory\n`);
    return 127;
  }
  if (ctx.user !== 'root') {
    io.err.write('preinstall must be run as root\n');
    return 1;
  }
  io.out.write(
    'check os release ... ok\ncheck cpu and memory ... ok\nprepare directories ... ok\npreinstall done\n',
  );
  ctx.session.env.files.set('/var/lib/tower/preinstalled', '');
  return 0;
};

const installer: Command = async (args, ctx, io, name) => {
  const env = ctx.session.env;
  if (
    env.info.role !== 'cloudtower' ||
    !name.endsWith('installer') ||
    (name.includes('/') && name !== installerPath)
  ) {
    io.err.write(`bash: ${name}: command not found\n`);
    return 127;
  }
  if (args[0] !== 'deploy') {
    io.err.write('Usage: installer deploy\n');
    return 2;
  }
  if (ctx.user !== 'root') {
    io.err.write('installer: permission denied, run as root\n');
    return 126;
  }
  if (!env.files.has('/var/lib/tower/preinstalled')) {
    io.out.write('ERROR preinstall.sh has not been run\n');
    return 1;
  }
  return runInstaller(env, ctx.session.services.installer(env), io.out, ctx.nohup, ctx.user);
};

const pgrep: Command = async (args, ctx, io) => {
  const full = args.includes('-f') || args.some((a) => /^-[a-z]*f/.test(a));
  const list = args.includes('-a') || args.includes('-l') || args.some((a) => /^-[a-z]*[al]/.test(a));
  const pattern = args.filter((a) => !a.startsWith('-'))[0] ?? '';
  const re = new RegExp(pattern);
  const hits = ctx.session.env
    .running()
    .filter((p) => re.test(full ? p.command : (p.command.split(' ')[0].split('/').pop() ?? '')));
  io.out.write(hits.map((p) => (list ? `${p.pid} ${p.command}\n` : `${p.pid}\n`)).join(''));
  return hits.length ? 0 : 1;
};

const ps: Command = async (_args, ctx, io) => {
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

const ls: Command = async (args, ctx, io) => {
  const long = args.some((a) => /^-[a-z]*l/.test(a));
  const targets = args.filter((a) => !a.startsWith('-'));
  let status = 0;
  for (const t of targets.length ? targets : ['.']) {
    const path = ctx.session.resolvePath(t);
    const files = ctx.session.env.files;
    const show = (p: string) => {
      const size = Buffer.byteLength(files.get(p) ?? '');
      io.out.write(
        long ? `-rw-r--r-- 1 root root ${size} ${p.split('/').pop()}\n` : `${p.split('/').pop()}\n`,
      );
    };
    if (files.has(path)) show(path);
    else {
      const children = [...files.keys()].filter(
        (k) => k.startsWith(`${path}/`) && !k.slice(path.length + 1).includes('/'),
      );
      if (!children.length && ![...files.keys()].some((k) => k.startsWith(`${path}/`))) {
        io.err.write(`ls: cannot access '${t}': No such file or directory\n`);
        status = 2;
      }
      children.sort().forEach(show);
    }
  }
  return status;
};

const echo: Command = async (args, _ctx, io) => {
  let newline = true;
  let escapes = false;
  while (args[0] === '-n' || args[0] === '-e' || args[0] === '-ne' || args[0] === '-en') {
    const a = args.shift()!;
    if (a.includes('n')) newline = false;
    if (a.includes('e')) escapes = true;
  }
  let text = args.join(' ');
  if (escapes) text = text.replace(/\\n/g, '\n').replace(/\\t/g, '\t');
  io.out.write(text + (newline ? '\n' : ''));
  return 0;
};

const printf: Command = async (args, _ctx, io) => {
  const [fmt = '', ...values] = args;
  const f = fmt.replace(/\\n/g, '\n').replace(/\\t/g, '\t');
  const slots = (f.match(/%s/g) ?? []).length;
  let out = '';
  let k = 0;
  do {
    out += f.replace(/%s/g, () => values[k++] ?? '');
  } while (slots > 0 && k < values.length);
  io.out.write(out);
  return 0;
};

const sleep: Command = async (args, ctx) => {
  const s = Number(args[0] ?? 0);
  if (s > 0) await ctx.session.services.clock.sleep(s);
  return 0;
};

const ok: Command = async () => 0;

export const builtins: Record<string, Command> = {
  tail,
  head,
  cat,
  wc,
  stat,
  test,
  '[': test,
  grep,
  tee,
  sed,
  chpasswd,
  passwd,
  sudo,
  nohup,
  sh: shell,
  bash: shell,
  'preinstall.sh': preinstall,
  installer,
  pgrep,
  ps,
  ls,
  echo,
  printf,
  sleep,
  true: ok,
  false: async () => 1,
  mount: ok,
  umount: ok,
  mkdir: ok,
  cp: ok,
  chmod: ok,
  sync: ok,
  systemctl: ok,
  cd: async (args, ctx) => {
    ctx.session.cwd = ctx.session.resolvePath(args[0] ?? `/home/${ctx.session.user}`);
    return 0;
  },
  pwd: async (_a, ctx, io) => (io.out.write(`${ctx.session.cwd}\n`), 0),
  whoami: async (_a, ctx, io) => (io.out.write(`${ctx.user}\n`), 0),
  id: async (_a, ctx, io) => (io.out.write(`uid=${ctx.user === 'root' ? 0 : 1000}(${ctx.user})\n`), 0),
  hostname: async (_a, ctx, io) => (io.out.write(`${ctx.session.env.hostname}\n`), 0),
  rm: async (args, ctx) => {
    for (const f of args.filter((a) => !a.startsWith('-')))
      ctx.session.env.files.delete(ctx.session.resolvePath(f));
    return 0;
  },
};
