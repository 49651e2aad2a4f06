// head and tail, apart from the other text commands because GNU's count syntax (`-c +N`, `-n -N`,
// `-N`, size suffixes) is how the bring-up reads the installer's nohup.out by byte offsets.
import type { Io } from '../shell.js';
import { input, type Command } from './common.js';

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

/** Lines with their newline (the last one may have none). */
function linesWithEnds(text: string): string[] {
  return text.match(/[^\n]*\n|[^\n]+$/g) ?? [];
}

export const tail: Command = async (args, ctx, io) => {
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

export const head: Command = async (args, ctx, io) => {
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
