// A real worker in its own process, so tests can kill -9 it mid-activity and start another.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { projectRoot } from '../../src/config/dev-server.js';

export interface WorkerProcess {
  child: ChildProcess;
  output: () => string;
  kill9(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * `args` go to the worker's command line (e.g. `--site east`: its queue is `<taskQueue>.east`);
 * `script` is another build's worker (the upgrade test's earlier build).
 */
export async function startWorkerProcess(
  taskQueue: string,
  args: string[] = [],
  script = path.join(projectRoot, 'dist', 'src', 'worker.js'),
): Promise<WorkerProcess> {
  const child = spawn(process.execPath, [script, ...args], {
    env: { ...process.env, HCI_TASK_QUEUE: taskQueue },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (out += d.toString()));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`worker did not start in 60 s:\n${out}`)), 60_000);
    const check = () => {
      if (out.includes('hci-bringup worker ready')) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout.on('data', check);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`worker exited with ${code}:\n${out}`));
    });
  });
  const exited = () =>
    new Promise<void>((resolve) =>
      child.exitCode !== null || child.signalCode !== null ? resolve() : child.once('exit', () => resolve()),
    );
  return {
    child,
    output: () => out,
    kill9: async () => {
      child.kill('SIGKILL');
      await exited();
    },
    stop: async () => {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 25_000);
      await exited();
      clearTimeout(timer);
    },
  };
}
