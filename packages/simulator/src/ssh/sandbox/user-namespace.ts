// A new user namespace with the machine ids mapped, held by a placeholder process until the machine's
// init has entered it (nsenter), which then creates the machine's mount, PID and UTS namespaces as root
// of that user namespace. Its processes gain capabilities only there: a program exec'd before the map
// exists runs without any, so the map is written first and every process enters afterwards.
import { spawn } from 'node:child_process';
import { readlinkSync } from 'node:fs';
import { writeIdMap, type IdRange } from './id-map.js';
import { sandboxEnv } from './prerequisites.js';

export interface HeldUserNamespace {
  pid: number;
  release(): void;
}

export async function createUserNamespace(
  unshare: string,
  ids: IdRange,
  timeoutMs = 10_000,
): Promise<HeldUserNamespace> {
  // stdin stays open: the placeholder ends when it is released or when the simulator dies.
  const child = spawn(unshare, ['--user', '--', '/bin/sh', '-c', 'echo in; read _'], {
    stdio: ['pipe', 'pipe', 'pipe'],
    env: sandboxEnv(),
  });
  const release = () => {
    child.stdin.end();
    child.kill('SIGKILL');
  };
  let err = '';
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  try {
    await new Promise<void>((resolve, reject) => {
      const settle = (e?: Error) => {
        clearTimeout(timer);
        if (e) reject(e);
        else resolve();
      };
      const timer = setTimeout(() => settle(new Error(`${unshare} --user did not start in time`)), timeoutMs);
      child.once('error', settle);
      child.once('exit', (code) =>
        settle(new Error(`${unshare} --user failed (exit ${code}): ${err.trim()}`)),
      );
      child.stdout.once('data', () => settle());
    });
    const pid = child.pid!;
    if (readlinkSync(`/proc/${pid}/ns/user`) === readlinkSync('/proc/self/ns/user'))
      throw new Error('unshare --user did not create a user namespace');
    writeIdMap(pid, ids);
    child.removeAllListeners('exit');
    return { pid, release };
  } catch (e) {
    release();
    throw e;
  }
}
