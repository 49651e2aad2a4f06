// The commands a simulated machine knows: exactly what the bring-up (seed 003) and an operator
// checking on it use. Each returns an exit status and writes like its GNU counterpart.
import type { SimState } from '../core/contract.js';
import type { ScaledClock } from '../core/clock.js';
import type { SshAccounts } from './accounts.js';
import { installerPath, preinstallPath, runInstaller, type InstallerDeps } from './installer.js';
import { signals, type MachineEnv, type SimProcess } from './machine-env.js';
import { fileSink, runLine, runSimple, ShellExit, type ExecContext, type Io } from './shell.js';

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

interface CountOptions {
  /** `-n N`: last N lines (tail) / first N (head); `from`: `+N` (tail: from line N on); `allBut`: `-N` (head). */
  lines?: { n: number; from?: boolean; allBut?: boolean };
  bytes?: { n: number; from?: boolean; allBut?: boolean };
  files: string[];
  follow: boolean;
}

/** head/tail options as GNU coreutils reads them: `-n 20`, `-n20`, `-20`, `-c +5`, `--bytes=5`, `--`. */
function countOptions(cmd: string, args: string[], io: Io): CountOptions | undefined {
  const r: CountOptions = { files: [], follow: false };
  const count = (kind: 'lines' | 'bytes', text: string | undefined): boolean => {
    const m = /^([+-]?)(\d+)([kKmM]?)$/.exec(text ?? '');
    if (!m) {
      io.err.write(`${cmd}: invalid number of ${kind}: '${text ?? ''}'\n`);
      return false;
    }
    const unit = { '': 1, k: 1024, K: 1024, m: 1024 * 1024, M: 1024 * 1024 }[m[3]] ?? 1;
    r[kind] = { n: Number(m[2]) * unit, from: m[1] === '+', allBut: m[1] === '-' };
    return true;
  };
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--') {
      r.files.push(...args.slice(i + 1));
      break;
    }
    if (a === '-' || !a.startsWith('-')) r.files.push(a);
    else if (a === '-n' || a === '-c') {
      if (!count(a === '-n' ? 'lines' : 'bytes', args[++i])) return undefined;
    } else if (/^-[nc].+$/.test(a)) {
      if (!count(a[1] === 'n' ? 'lines' : 'bytes', a.slice(2))) return undefined;
    } else if (a.startsWith('--lines=') || a.startsWith('--bytes=')) {
      if (!count(a.startsWith('--lines') ? 'lines' : 'bytes', a.slice(8))) return undefined;
    } else if (/^-\d+$/.test(a)) r.lines = { n: Number(a.slice(1)) };
    else if (a === '-f' || a === '-F' || a === '--follow') r.follow = true;
    else if (a === '-q' || a === '-s' || a === '-v' || a === '--quiet' || a === '--silent') continue;
    else {
      io.err.write(`${cmd}: invalid option -- '${a.replace(/^-+/, '')}'\n`);
      return undefined;
    }
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

/** Lines with their newline (the last one may have none). */
function linesWithEnds(text: string): string[] {
  return text.match(/[^\n]*\n|[^\n]+$/g) ?? [];
}

const tail: Command = async (args, ctx, io) => {
  const o = countOptions('tail', args, io);
  if (!o) return 1;
  const text = await input(ctx, io, 'tail', o.files);
  if (text === undefined) return 1;
  // `-f` is answered like a plain tail: a follow that never ends would tie up the session.
  if (o.bytes) {
    // Byte offsets, as GNU tail counts them: `-c +N` starts at byte N (1-based), `-c N` is the last N.
    const buf = Buffer.from(text, 'utf8');
    const start = o.bytes.from ? Math.max(0, o.bytes.n - 1) : Math.max(0, buf.length - o.bytes.n);
    io.out.write(buf.subarray(start).toString('utf8'));
  } else {
    const lines = linesWithEnds(text);
    const l = o.lines ?? { n: 10 };
    const sel = l.from ? lines.slice(Math.max(0, l.n - 1)) : l.n === 0 ? [] : lines.slice(-l.n);
    io.out.write(sel.join(''));
  }
  return 0;
};

const head: Command = async (args, ctx, io) => {
  const o = countOptions('head', args, io);
  if (!o) return 1;
  const text = await input(ctx, io, 'head', o.files);
  if (text === undefined) return 1;
  if (o.bytes) {
    const buf = Buffer.from(text, 'utf8');
    const end = o.bytes.allBut ? Math.max(0, buf.length - o.bytes.n) : o.bytes.n;
    io.out.write(buf.subarray(0, end).toString('utf8'));
  } else {
    const lines = linesWithEnds(text);
    const l = o.lines ?? { n: 10 };
    io.out.write((l.allBut ? lines.slice(0, Math.max(0, lines.length - l.n)) : lines.slice(0, l.n)).join(''));
  }
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

/** test / [ : file tests (-e -f -d -s -r -w -x), strings (-z -n = !=), integers (-eq …), `!`. */
const test: Command = async (args, ctx, io, name) => {
  let a = args;
  if (name === '[') {
    if (a[a.length - 1] !== ']') {
      io.err.write("bash: [: missing `]'\n");
      return 2;
    }
    a = a.slice(0, -1);
  }
  let negate = false;
  while (a[0] === '!' && a.length > 1) {
    negate = !negate;
    a = a.slice(1);
  }
  const env = ctx.session.env;
  const fileTest = (flag: string, file: string): boolean | undefined => {
    const path = ctx.session.resolvePath(file);
    const content = env.files.get(path);
    switch (flag) {
      case '-e':
      case '-a':
        return content !== undefined || env.isDir(path);
      case '-f':
        return content !== undefined;
      case '-d':
        return content === undefined && env.isDir(path);
      case '-s':
        return !!content || (content === undefined && env.isDir(path));
      case '-r':
      case '-w':
        return content !== undefined && (flag === '-r' || ctx.session.canWrite(ctx.user, path));
      case '-x':
        return content !== undefined && (path === installerPath || path === preinstallPath);
      default:
        return undefined;
    }
  };
  let r: boolean | undefined;
  if (a.length === 0) r = false;
  else if (a.length === 1) r = a[0] !== '';
  else if (a.length === 2) {
    if (a[0] === '-z') r = a[1] === '';
    else if (a[0] === '-n') r = a[1] !== '';
    else r = fileTest(a[0], a[1]);
  } else if (a.length === 3) {
    const [x, op, y] = a;
    const ints = ['-eq', '-ne', '-lt', '-le', '-gt', '-ge'];
    if (op === '=' || op === '==') r = x === y;
    else if (op === '!=') r = x !== y;
    else if (ints.includes(op)) {
      if (!/^-?\d+$/.test(x) || !/^-?\d+$/.test(y)) {
        io.err.write(`bash: ${name}: integer expression expected\n`);
        return 2;
      }
      const [m, n] = [Number(x), Number(y)];
      r = { '-eq': m === n, '-ne': m !== n, '-lt': m < n, '-le': m <= n, '-gt': m > n, '-ge': m >= n }[
        op as '-eq'
      ];
    }
  }
  if (r === undefined) {
    io.err.write(`bash: ${name}: ${a[0]}: unary operator expected\n`);
    return 2;
  }
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

/** Users that sudo lets run anything without a password (none on a fresh SMTX OS host or appliance). */
const nopasswd = new Set<string>();
/** sudo's options that take an argument (`-u root`, `-uroot`, `-p ''`, `--user=root`). */
const sudoArgOptions: Record<string, string> = {
  u: 'user',
  g: 'group',
  p: 'prompt',
  C: 'close-from',
  D: 'chdir',
  h: 'host',
  r: 'role',
  t: 'type',
  T: 'command-timeout',
  U: 'other-user',
};
const sudoFlags: Record<string, string> = {
  S: 'stdin',
  E: 'preserve-env',
  H: 'set-home',
  n: 'non-interactive',
  i: 'login',
  s: 'shell',
  k: 'reset-timestamp',
  K: 'remove-timestamp',
  v: 'validate',
  b: 'background',
  P: 'preserve-groups',
  A: 'askpass',
  B: 'bell',
};
const sudoUsage =
  'usage: sudo [-AbEHknPS] [-C num] [-D directory] [-g group] [-h host] [-p prompt] [-R directory] [-T timeout] [-u user] [VAR=value] [-i | -s] [command [arg ...]]\n';

interface SudoOptions {
  flags: Set<string>;
  values: Map<string, string>;
  command: string[];
}

/** getopt as sudo uses it: grouped flags (`-Sn`), attached or separate values, long forms, `--`. */
function sudoOptions(args: string[], io: Io): SudoOptions | undefined {
  const o: SudoOptions = { flags: new Set(), values: new Map(), command: [] };
  const longNames = new Map<string, string>([
    ...Object.entries(sudoFlags).map(([k, v]) => [v, k] as [string, string]),
    ...Object.entries(sudoArgOptions).map(([k, v]) => [v, k] as [string, string]),
  ]);
  let i = 0;
  for (; i < args.length; i++) {
    const a = args[i];
    if (a === '--') {
      i++;
      break;
    }
    if (!a.startsWith('-') || a === '-') break;
    if (a.startsWith('--')) {
      const [long, value] = a.slice(2).split(/=(.*)/s, 2);
      const short = longNames.get(long);
      if (!short) {
        io.err.write(`sudo: unrecognized option '${a}'\n${sudoUsage}`);
        return undefined;
      }
      if (sudoArgOptions[short]) {
        const v = value ?? args[++i];
        if (v === undefined) {
          io.err.write(`sudo: option '--${long}' requires an argument\n${sudoUsage}`);
          return undefined;
        }
        o.values.set(short, v);
      } else o.flags.add(short);
      continue;
    }
    for (let j = 1; j < a.length; j++) {
      const c = a[j];
      if (sudoArgOptions[c]) {
        const v = j + 1 < a.length ? a.slice(j + 1) : args[++i];
        if (v === undefined) {
          io.err.write(`sudo: option requires an argument -- '${c}'\n${sudoUsage}`);
          return undefined;
        }
        o.values.set(c, v);
        break;
      }
      if (!sudoFlags[c]) {
        io.err.write(`sudo: invalid option -- '${c}'\n${sudoUsage}`);
        return undefined;
      }
      o.flags.add(c);
    }
  }
  o.command = args.slice(i);
  return o;
}

/**
 * sudo as on the machines: needs a password for a non-root user (not NOPASSWD) unless this session
 * already gave one (sudo's timestamp). `-S` reads it as the first line of stdin and leaves the rest to
 * the command; a terminal session reads it from the terminal (its stdin); otherwise there is no way to
 * ask and sudo fails. Three wrong lines end it, as with passwd_tries=3.
 */
const sudo: Command = async (args, ctx, io) => {
  const o = sudoOptions(args, io);
  if (!o) return 1;
  const session = ctx.session;
  const caller = ctx.user;
  if (o.flags.has('K') || o.flags.has('k')) session.sudoAuthenticated = false;
  if (o.flags.has('K') || (o.flags.has('k') && !o.command.length && !o.flags.has('v'))) return 0;
  const shellMode = o.flags.has('i') || o.flags.has('s');
  if (!o.command.length && !shellMode && !o.flags.has('v')) {
    io.err.write(sudoUsage);
    return 1;
  }
  if (!sudoers.has(caller)) {
    io.err.write(`${caller} is not in the sudoers file.  This incident will be reported.\n`);
    return 1;
  }
  const target = o.values.get('u') ?? 'root';
  const machine = session.env.info.planAddress;
  if (target !== 'root' && !session.services.accounts.has(machine, target)) {
    io.err.write(`sudo: unknown user ${target}\nsudo: error initializing audit plugin sudoers_audit\n`);
    return 1;
  }
  let stdin = io.stdin;
  const needsPassword = caller !== 'root' && !nopasswd.has(caller) && !session.sudoAuthenticated;
  if (needsPassword) {
    const fromStdin = o.flags.has('S') || session.tty;
    if (o.flags.has('n') || !fromStdin) {
      io.err.write(
        o.flags.has('n')
          ? 'sudo: a password is required\n'
          : 'sudo: a terminal is required to read the password; either use the -S option to read from standard input or configure an askpass helper\nsudo: a password is required\n',
      );
      return 1;
    }
    const prompt = o.values.get('p') ?? `[sudo] password for ${caller}: `;
    const promptSink = o.flags.has('S') ? io.err : io.out;
    let rest = await io.stdin();
    let wrong = 0;
    let ok = false;
    while (wrong < 3) {
      if (prompt) promptSink.write(prompt.replace(/%p|%u/g, caller).replace(/%U/g, target));
      if (!rest.length) break;
      const nl = rest.indexOf('\n');
      const pw = (nl < 0 ? rest : rest.slice(0, nl)).replace(/\r$/, '');
      rest = nl < 0 ? '' : rest.slice(nl + 1);
      if (session.services.accounts.check(machine, caller, pw)) {
        ok = true;
        break;
      }
      wrong++;
      if (wrong < 3) io.err.write('Sorry, try again.\n');
    }
    if (!ok) {
      if (wrong === 0) io.err.write('sudo: no password was provided\nsudo: a password is required\n');
      else io.err.write(`sudo: ${wrong} incorrect password attempt${wrong === 1 ? '' : 's'}\n`);
      return 1;
    }
    session.sudoAuthenticated = true;
    const remaining = rest;
    stdin = () => Promise.resolve(remaining);
  }
  if (o.flags.has('v') && !o.command.length) return 0;
  const asTarget: ExecContext = { ...ctx, user: target };
  const targetIo = { ...io, stdin };
  if (shellMode) {
    // `sudo -s cmd args` runs `$SHELL -c 'cmd args'`; without a command, a shell reading stdin.
    return o.command.length
      ? runLine(o.command.join(' '), asTarget, targetIo)
      : runArgv(['sh'], asTarget, targetIo);
  }
  return runArgv(o.command, asTarget, targetIo);
};

/** Runs an argv as one simple command (sudo, nohup, sh -c pass their rest here). */
function runArgv(argv: string[], ctx: ExecContext, io: Io): Promise<number> {
  return runSimple({ argv, redirects: [] }, ctx, io);
}

const nohup: Command = async (args, ctx, io) => {
  let { out, err } = io;
  let file: ReturnType<typeof fileSink> | undefined;
  if (out.tty) {
    const path = `${ctx.session.cwd}/nohup.out`;
    if (!ctx.session.canWrite(ctx.user, path)) {
      io.err.write('nohup: cannot open nohup.out: Permission denied\n');
      return 125;
    }
    err.write("nohup: ignoring input and appending output to 'nohup.out'\n");
    file = fileSink(ctx.session.env, path);
    out = file;
    if (err.tty) err = out;
  } else if (err.tty) err = out;
  try {
    return await runArgv(args, { ...ctx, nohup: true }, { stdin: () => Promise.resolve(''), out, err });
  } finally {
    file?.close();
  }
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

const pgrep: Command = async (args, ctx, io) => {
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

const pkill: Command = async (args, ctx, io) => {
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
const kill: Command = async (args, ctx, io) => {
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

/** Splits `-f`-style flags from operands (`--` ends the flags); unknown flags are an error. */
function fileArgs(
  cmd: string,
  args: string[],
  known: string,
  io: Io,
): { flags: Set<string>; operands: string[] } | undefined {
  const flags = new Set<string>();
  const operands: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--') {
      operands.push(...args.slice(i + 1));
      break;
    }
    if (!a.startsWith('-') || a === '-') {
      operands.push(a);
      continue;
    }
    const letters = a.startsWith('--')
      ? ({ '--force': 'f', '--recursive': 'r', '--parents': 'p', '--no-clobber': 'n' }[a] ?? '?')
      : a.slice(1);
    for (const c of letters) {
      if (!known.includes(c)) {
        io.err.write(`${cmd}: invalid option -- '${c === '?' ? a : c}'\n`);
        return undefined;
      }
      flags.add(c);
    }
  }
  return { flags, operands };
}

function parentOf(path: string): string {
  return path.slice(0, path.lastIndexOf('/')) || '/';
}

/** mv and cp: `src dest`, or `src… dir`; a directory target takes the source's name. */
function transfer(kind: 'mv' | 'cp'): Command {
  return async (args, ctx, io) => {
    const parsed = fileArgs(kind, args, kind === 'mv' ? 'fivnT' : 'fivnrRpaT', io);
    if (!parsed) return 1;
    const { flags, operands } = parsed;
    if (operands.length < 2) {
      io.err.write(
        operands.length
          ? `${kind}: missing destination file operand after '${operands[0]}'\n`
          : `${kind}: missing file operand\n`,
      );
      return 1;
    }
    const env = ctx.session.env;
    const dest = operands[operands.length - 1];
    const destPath = ctx.session.resolvePath(dest);
    const destIsDir = !flags.has('T') && env.isDir(destPath);
    const sources = operands.slice(0, -1);
    if (sources.length > 1 && !destIsDir) {
      io.err.write(`${kind}: target '${dest}' is not a directory\n`);
      return 1;
    }
    const verb = kind === 'mv' ? 'move' : 'copy';
    let status = 0;
    for (const src of sources) {
      const from = ctx.session.resolvePath(src);
      const isFile = env.files.has(from);
      const isDir = !isFile && env.isDir(from);
      if (!isFile && !isDir) {
        io.err.write(`${kind}: cannot stat '${src}': No such file or directory\n`);
        status = 1;
        continue;
      }
      if (isDir && kind === 'cp' && !flags.has('r') && !flags.has('R') && !flags.has('a')) {
        io.err.write(`cp: -r not specified; omitting directory '${src}'\n`);
        status = 1;
        continue;
      }
      const to = destIsDir ? `${destPath === '/' ? '' : destPath}/${from.split('/').pop()}` : destPath;
      if (to === from || to.startsWith(`${from}/`)) {
        io.err.write(
          to === from
            ? `${kind}: '${src}' and '${dest}' are the same file\n`
            : `${kind}: cannot ${verb} '${src}' to a subdirectory of itself, '${dest}'\n`,
        );
        status = 1;
        continue;
      }
      if (!env.isDir(parentOf(to))) {
        io.err.write(
          `${kind}: cannot ${verb === 'move' ? 'move' : 'create regular file'} '${kind === 'mv' ? `${src}' to '` : ''}${dest}': No such file or directory\n`,
        );
        status = 1;
        continue;
      }
      const writable =
        ctx.session.canWrite(ctx.user, to) && (kind === 'cp' || ctx.session.canWrite(ctx.user, from));
      if (!writable || (kind === 'cp' && !ctx.session.canRead(ctx.user, from))) {
        io.err.write(
          kind === 'mv'
            ? `mv: cannot move '${src}' to '${dest}': Permission denied\n`
            : `cp: cannot create regular file '${dest}': Permission denied\n`,
        );
        status = 1;
        continue;
      }
      if (env.files.has(to) && flags.has('n')) continue;
      if (isFile && env.isDir(to) && !env.files.has(to)) {
        io.err.write(`${kind}: cannot overwrite directory '${dest}' with non-directory\n`);
        status = 1;
        continue;
      }
      if (kind === 'mv') env.move(from, to);
      else if (isFile) env.files.set(to, env.files.get(from)!);
      else {
        env.dirs.add(to);
        for (const [k, v] of [...env.files])
          if (k.startsWith(`${from}/`)) env.files.set(`${to}${k.slice(from.length)}`, v);
        for (const d of [...env.dirs])
          if (d.startsWith(`${from}/`)) env.dirs.add(`${to}${d.slice(from.length)}`);
      }
    }
    return status;
  };
}

const rm: Command = async (args, ctx, io) => {
  const parsed = fileArgs('rm', args, 'frRiIdv', io);
  if (!parsed) return 1;
  const { flags, operands } = parsed;
  const force = flags.has('f');
  const recursive = flags.has('r') || flags.has('R');
  if (!operands.length && !force) {
    io.err.write('rm: missing operand\n');
    return 1;
  }
  const env = ctx.session.env;
  let status = 0;
  for (const f of operands) {
    const path = ctx.session.resolvePath(f);
    const isFile = env.files.has(path);
    if (!isFile && !env.isDir(path)) {
      if (!force) {
        io.err.write(`rm: cannot remove '${f}': No such file or directory\n`);
        status = 1;
      }
      continue;
    }
    if (!ctx.session.canWrite(ctx.user, path)) {
      io.err.write(`rm: cannot remove '${f}': Permission denied\n`);
      status = 1;
      continue;
    }
    if (isFile) env.remove(path);
    else if (!recursive) {
      io.err.write(`rm: cannot remove '${f}': Is a directory\n`);
      status = 1;
    } else {
      for (const k of [...env.files.keys()]) if (k.startsWith(`${path}/`)) env.remove(k);
      for (const d of [...env.dirs]) if (d === path || d.startsWith(`${path}/`)) env.dirs.delete(d);
    }
  }
  return status;
};

const mkdir: Command = async (args, ctx, io) => {
  const parsed = fileArgs('mkdir', args, 'pv', io);
  if (!parsed) return 1;
  const env = ctx.session.env;
  let status = 0;
  for (const d of parsed.operands) {
    const path = ctx.session.resolvePath(d);
    if (env.files.has(path) || (env.isDir(path) && !parsed.flags.has('p'))) {
      io.err.write(`mkdir: cannot create directory '${d}': File exists\n`);
      status = 1;
      continue;
    }
    if (!parsed.flags.has('p') && !env.isDir(parentOf(path))) {
      io.err.write(`mkdir: cannot create directory '${d}': No such file or directory\n`);
      status = 1;
      continue;
    }
    if (!ctx.session.canWrite(ctx.user, `${path}/`)) {
      io.err.write(`mkdir: cannot create directory '${d}': Permission denied\n`);
      status = 1;
      continue;
    }
    for (let p = path; p !== '/' && !env.dirs.has(p); p = parentOf(p)) env.dirs.add(p);
  }
  return status;
};

const exit: Command = async (args, ctx, io) => {
  const arg = args[0];
  if (arg !== undefined && !/^-?\d+$/.test(arg)) {
    io.err.write(`bash: exit: ${arg}: numeric argument required\n`);
    throw new ShellExit(2);
  }
  throw new ShellExit(arg === undefined ? ctx.session.lastStatus : ((Number(arg) % 256) + 256) % 256);
};

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
  pkill,
  kill,
  mv: transfer('mv'),
  cp: transfer('cp'),
  rm,
  mkdir,
  exit,
  mount: ok,
  umount: ok,
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
};
