// File-system commands over the machine's in-memory files and directories; permissions follow the
// session's rules so a non-root user fails where it would on the real machine.
import type { Io } from '../shell.js';
import type { Command } from './common.js';

export const stat: Command = async (args, ctx, io) => {
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

export const ls: Command = async (args, ctx, io) => {
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

/** Splits `-f`-style flags from operands (`--` ends the flags); unknown flags are an error. */
export function fileArgs(
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

export function parentOf(path: string): string {
  return path.slice(0, path.lastIndexOf('/')) || '/';
}

export const rm: Command = async (args, ctx, io) => {
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

export const mkdir: Command = async (args, ctx, io) => {
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
