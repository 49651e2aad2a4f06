// ssh2 client helpers for the simulator's SSH tests: connect by plan address, run a command with
// optional stdin and pty, collect exit code and both streams.
import { Client } from 'ssh2';
import type { RunningSimulator } from '../../src/index.js';

export interface ExecResult {
  code: number;
  out: string;
  err: string;
}

export function connect(
  sim: RunningSimulator,
  ip: string,
  username: string,
  password: string,
  port = 22,
): Promise<Client> {
  const target = sim.resolve(ip, port);
  return new Promise((resolve, reject) => {
    const c = new Client();
    c.once('ready', () => resolve(c));
    c.once('error', reject);
    c.connect({ host: target.host, port: target.port, username, password, readyTimeout: 10_000 });
  });
}

export function exec(
  c: Client,
  command: string,
  opts: { stdin?: string; pty?: boolean } = {},
): Promise<ExecResult> {
  return new Promise((resolve, reject) => {
    c.exec(command, { pty: opts.pty }, (err, stream) => {
      if (err) return reject(err);
      let out = '';
      let errText = '';
      let code = -1;
      stream.on('data', (d: Buffer) => (out += d.toString()));
      stream.stderr.on('data', (d: Buffer) => (errText += d.toString()));
      stream.on('exit', (c2: number) => (code = c2));
      stream.on('close', () => resolve({ code, out, err: errText }));
      stream.end(opts.stdin ?? '');
    });
  });
}
