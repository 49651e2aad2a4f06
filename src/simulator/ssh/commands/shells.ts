// sh/bash, nohup and exit hand their work back to the interpreter in ../shell.ts instead of running
// anything themselves, so a nested command line behaves exactly like one sent over SSH.
import { preinstallPath } from '../installer.js';
import { fileSink, runLine, runSimple, ShellExit, type ExecContext, type Io } from '../shell.js';
import { readFile, type Command } from './common.js';
import { preinstall } from './installer.js';

/** Runs an argv as one simple command (sudo, nohup, sh -c pass their rest here). */
export function runArgv(argv: string[], ctx: ExecContext, io: Io): Promise<number> {
  return runSimple({ argv, redirects: [] }, ctx, io);
}

export const nohup: Command = async (args, ctx, io) => {
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

export const shell: Command = async (args, ctx, io, name) => {
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

export const exit: Command = async (args, ctx, io) => {
  const arg = args[0];
  if (arg !== undefined && !/^-?\d+$/.test(arg)) {
    io.err.write(`bash: exit: ${arg}: numeric argument required\n`);
    throw new ShellExit(2);
  }
  throw new ShellExit(arg === undefined ? ctx.session.lastStatus : ((Number(arg) % 256) + 256) % 256);
};
