// sudo with its real option syntax and password rules, since the bring-up's unattended sessions
// (no terminal) must pass the password with -S exactly as on the machines.
import { runLine, type ExecContext, type Io } from '../shell.js';
import type { Command } from './common.js';
import { runArgv } from './shells.js';

/** Accounts in the machines' sudoers file; anyone else is refused before a password is asked. */
const sudoers = new Set(['root', 'smartx', 'cloudtower', 'o11y']);

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
export const sudo: Command = async (args, ctx, io) => {
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
