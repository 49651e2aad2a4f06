// The SSH listener of one machine (ssh2 Server): password logins against SshAccounts, `exec` and
// interactive `shell` sessions run by the command interpreter. Faults: `ssh:auth:<user>` (drop or
// fail a login), `ssh:exec:<role>` (drop the connection when a command arrives).
import { generateKeyPairSync } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import ssh2 from 'ssh2';
import type { FaultEngine } from '../core/faults.js';
import type { Listener, Machine } from '../core/machines.js';
import type { CommandServices } from './commands/index.js';
import type { MachineEnv } from './machine-env.js';
import { runLine, Session, type ChannelSink } from './shell.js';

export async function loadHostKey(stateDir: string): Promise<Buffer> {
  const file = path.join(stateDir, 'ssh', 'host_rsa_key');
  try {
    return await readFile(file);
  } catch {
    const { privateKey } = generateKeyPairSync('rsa', {
      modulusLength: 2048,
      privateKeyEncoding: { type: 'pkcs1', format: 'pem' },
      publicKeyEncoding: { type: 'pkcs1', format: 'pem' },
    });
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, privateKey, { mode: 0o600 });
    return Buffer.from(privateKey);
  }
}

export interface SshDeps {
  hostKey: Buffer;
  faults: FaultEngine;
  services: CommandServices;
  env(machine: Machine): MachineEnv;
  log(event: string, detail?: Record<string, unknown>): void;
}

export function sshListener(deps: SshDeps, machine: Machine): Listener {
  const clients = new Set<ssh2.Connection>();
  const server = new ssh2.Server({ hostKeys: [deps.hostKey] }, (client) => {
    clients.add(client);
    client.on('close', () => clients.delete(client));
    client.on('error', () => undefined);
    let user = '';
    client.on('authentication', (auth) => {
      const fault = deps.faults.check({
        point: `ssh:auth:${auth.username}`,
        machine: [machine.planAddress, machine.loopback],
      });
      if (fault?.kind === 'drop' || fault?.kind === 'reset') return client.end();
      if (auth.method !== 'password') return auth.reject(['password']);
      const okPw = deps.services.accounts.check(machine.planAddress, auth.username, auth.password);
      if (!okPw || fault) {
        deps.log('ssh-auth-rejected', { machine: machine.planAddress, user: auth.username });
        return auth.reject(['password']);
      }
      user = auth.username;
      auth.accept();
    });
    client.on('ready', () => {
      client.on('session', (acceptSession) => {
        const channelSession = acceptSession();
        let tty = false;
        channelSession.on('pty', (accept) => {
          tty = true;
          accept?.();
        });
        channelSession.on('env', (accept) => accept?.());
        channelSession.on('exec', (accept, _reject, info) => {
          const fault = deps.faults.check({
            point: `ssh:exec:${machine.role}`,
            machine: [machine.planAddress, machine.loopback],
          });
          if (fault?.kind === 'drop' || fault?.kind === 'reset') {
            deps.log('ssh-dropped', { machine: machine.planAddress, user });
            return client.end();
          }
          const channel = accept();
          void runSession(deps, machine, user, tty, channel, info.command);
        });
        channelSession.on('shell', (accept) => {
          const channel = accept();
          void runInteractive(deps, machine, user, channel);
        });
      });
    });
  });
  return {
    listen: (port, host) =>
      new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => {
          server.off('error', reject);
          resolve();
        });
      }),
    close: () =>
      new Promise((resolve) => {
        for (const c of clients) c.end();
        server.close(() => resolve());
      }),
  };
}

function channelSinks(channel: ssh2.ServerChannel, tty: boolean) {
  let closed = false;
  const hangup = new Promise<void>((resolve) =>
    channel.once('close', () => {
      closed = true;
      resolve();
    }),
  );
  const make = (stream: { write(t: string): boolean }): ChannelSink => ({
    channel: true,
    tty,
    hangup,
    write: (t) => {
      if (closed || channel.destroyed) return false;
      stream.write(tty ? t.replace(/\r?\n/g, '\r\n') : t);
      return true;
    },
  });
  return {
    out: make(channel),
    err: tty ? make(channel) : make(channel.stderr),
    hangup,
    isClosed: () => closed,
  };
}

function stdinOf(channel: ssh2.ServerChannel): () => Promise<string> {
  const parts: Buffer[] = [];
  const done = new Promise<string>((resolve) => {
    channel.on('data', (d: Buffer) => parts.push(d));
    channel.once('end', () => resolve(Buffer.concat(parts).toString('utf8')));
    channel.once('close', () => resolve(Buffer.concat(parts).toString('utf8')));
  });
  let consumed = false;
  // The first reader gets the input, later readers see it empty (as with a shared stdin).
  return () => {
    if (consumed) return Promise.resolve('');
    consumed = true;
    return done;
  };
}

async function runSession(
  deps: SshDeps,
  machine: Machine,
  user: string,
  tty: boolean,
  channel: ssh2.ServerChannel,
  command: string,
) {
  const session = new Session(deps.env(machine), user, tty, deps.services);
  const sinks = channelSinks(channel, tty);
  deps.log('ssh-exec', { machine: machine.planAddress, user, command: redactCommand(command) });
  const status = await runLine(
    command,
    { session, user, nohup: false, background: false },
    { stdin: stdinOf(channel), ...sinks },
  );
  // Without a pty, sshd keeps the session until every writer of its output is gone.
  if (!tty) await Promise.all(session.holders);
  if (sinks.isClosed()) return;
  channel.exit(status);
  channel.end();
}

async function runInteractive(deps: SshDeps, machine: Machine, user: string, channel: ssh2.ServerChannel) {
  const session = new Session(deps.env(machine), user, true, deps.services);
  const sinks = channelSinks(channel, true);
  const prompt = () => sinks.out.write(`[${user}@${session.env.hostname} ~]$ `);
  let buffer = '';
  let busy = Promise.resolve();
  prompt();
  channel.on('data', (d: Buffer) => {
    buffer += d.toString('utf8');
    let nl: number;
    while ((nl = buffer.search(/\r?\n|\r/)) >= 0) {
      const line = buffer.slice(0, nl);
      buffer = buffer.slice(nl + 1).replace(/^\n/, '');
      busy = busy.then(async () => {
        if (line.trim() === 'exit') {
          channel.exit(0);
          channel.end();
          return;
        }
        await runLine(
          line,
          { session, user, nohup: false, background: false },
          { stdin: () => Promise.resolve(''), ...sinks },
        );
        prompt();
      });
    }
  });
}

/** Commands can carry passwords (`echo 'root:pw' | chpasswd`): only the command names are logged. */
export function redactCommand(command: string): string {
  return command
    .split(/(\||&&|;|&)/)
    .map((part) => part.trim().split(/\s+/)[0] ?? '')
    .filter((w) => w && !/^(\||&&|;|&)$/.test(w))
    .join(' | ');
}
