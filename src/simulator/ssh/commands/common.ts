// What every command module shares: the services a machine's commands reach beyond the session,
// and reading operands the way coreutils does (missing files and /etc/shadow fail per file).
import type { SimState } from '../../core/contract.js';
import type { ScaledClock } from '../../core/clock.js';
import type { SshAccounts } from '../accounts.js';
import type { InstallerDeps } from '../installer.js';
import type { MachineEnv } from '../machine-env.js';
import type { ExecContext, Io } from '../shell.js';

export interface CommandServices {
  accounts: SshAccounts;
  clock: ScaledClock;
  state: SimState;
  installer(env: MachineEnv): InstallerDeps;
}

export type Command = (args: string[], ctx: ExecContext, io: Io, name: string) => Promise<number>;

export function readFile(ctx: ExecContext, io: Io, cmd: string, file: string): string | undefined {
  const path = ctx.session.resolvePath(file);
  const content = ctx.session.env.files.get(path);
  if (content === undefined) io.err.write(`${cmd}: ${file}: No such file or directory\n`);
  else if (path === '/etc/shadow' && ctx.user !== 'root') {
    io.err.write(`${cmd}: ${file}: Permission denied\n`);
    return undefined;
  }
  return content;
}

/** No operand, or `-`, means stdin, so the commands work in pipes (`echo x | sudo tee f`). */
export async function input(
  ctx: ExecContext,
  io: Io,
  cmd: string,
  files: string[],
): Promise<string | undefined> {
  if (!files.length || (files.length === 1 && files[0] === '-')) return io.stdin();
  let text = '';
  for (const f of files) {
    const c = readFile(ctx, io, cmd, f);
    if (c === undefined) return undefined;
    text += c;
  }
  return text;
}

export function splitLines(text: string): string[] {
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}
