import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { projectRoot } from '../../src/config/dev-server.js';
import { temporalCliPath } from '../../scripts/lib/dev-server.js';

const run = promisify(execFile);

/** Our starter CLI as an operator runs it (a separate process, same Temporal server and key). */
export async function hciBringup(
  args: string[],
  /** `starter`: another build's CLI (the upgrade test's earlier build). */
  opts: { cwd?: string; starter?: string } = {},
): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(
      process.execPath,
      [opts.starter ?? path.join(projectRoot, 'dist', 'src', 'starter.js'), ...args],
      { env: process.env, cwd: opts.cwd, maxBuffer: 64 * 1024 * 1024 },
    );
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code?: number; stdout?: string; stderr?: string };
    return { code: e.code ?? 1, stdout: e.stdout ?? '', stderr: e.stderr ?? '' };
  }
}

/** The official Temporal CLI against the test server. */
export async function temporalCli(args: string[]): Promise<string> {
  const { stdout } = await run(temporalCliPath(), [
    ...args,
    '--address',
    process.env.TEMPORAL_ADDRESS!,
    '--namespace',
    process.env.TEMPORAL_NAMESPACE ?? 'default',
  ]);
  return stdout;
}
