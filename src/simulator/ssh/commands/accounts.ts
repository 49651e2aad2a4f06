// Password changes, the way the bring-up rotates the default passwords: only root may, and each
// change is recorded (without the password) by SshAccounts.
import { splitLines, type Command } from './common.js';

export const chpasswd: Command = async (_args, ctx, io) => {
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

export const passwd: Command = async (args, ctx, io) => {
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
