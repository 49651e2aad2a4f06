// test and [, kept apart because `if … then … fi` in scripts run over SSH branches on them.
import { installerPath, preinstallPath } from '../installer.js';
import type { Command } from './common.js';

/** test / [ : file tests (-e -f -d -s -r -w -x), strings (-z -n = !=), integers (-eq …), `!`. */
export const test: Command = async (args, ctx, io, name) => {
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
