// Text filters: enough of cat, wc, grep, sed s///, tee, echo and printf for the bring-up's checks and
// edits of configuration files; tee is here because `… | sudo tee file` is how a non-root user writes
// a root-owned file.
import { input, readFile, splitLines, type Command } from './common.js';

export const cat: Command = async (args, ctx, io) => {
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

export const wc: Command = async (args, ctx, io) => {
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

export const grep: Command = async (args, ctx, io) => {
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

export const tee: Command = async (args, ctx, io) => {
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

export const sed: Command = async (args, ctx, io) => {
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

export const echo: Command = async (args, _ctx, io) => {
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

export const printf: Command = async (args, _ctx, io) => {
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
