// The commands a simulated machine knows: exactly what the bring-up (seed 003) and an operator
// checking on it use. Each returns an exit status and writes like its GNU counterpart.
import { chpasswd, passwd } from './accounts.js';
import type { Command } from './common.js';
import { test } from './conditions.js';
import { transfer } from './copy-move.js';
import { ls, mkdir, rm, stat } from './files.js';
import { head, tail } from './head-tail.js';
import { installer, preinstall } from './installer.js';
import { kill, pgrep, pkill, ps, sleep } from './processes.js';
import { exit, nohup, shell } from './shells.js';
import { sudo } from './sudo.js';
import { cat, echo, grep, printf, sed, tee, wc } from './text.js';

export type { CommandServices } from './common.js';

/** true, and what the bring-up calls that the simulation keeps no state for (mounts, modes, units). */
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
