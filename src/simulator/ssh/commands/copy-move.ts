// mv and cp share one implementation: they differ only in keeping the source and in the permission
// they need on it.
import { fileArgs, parentOf } from './files.js';
import type { Command } from './common.js';

/** mv and cp: `src dest`, or `src… dir`; a directory target takes the source's name. */
export function transfer(kind: 'mv' | 'cp'): Command {
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
