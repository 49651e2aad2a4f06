// The SSH listener of one machine (ssh2 Server): password logins against SshAccounts; `exec` and
// interactive `shell` sessions run a real bash inside the machine's sandbox, with a pty when the
// client asks for one. The `sftp` subsystem is OpenSSH's own sftp-server run inside the machine as the
// logged-in account, so file transfers see (and write) only the machine's tree with that account's
// rights, exactly as a shell would. Faults: `ssh:auth:<user>` (drop or fail a login), `ssh:exec:<role>` (drop the
// connection when a command arrives). Without isolation no session is opened.
import { generateKeyPairSync } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { constants } from 'node:os';
import path from 'node:path';
import ssh2 from 'ssh2';
import type { FaultEngine } from '../core/faults.js';
import type { Listener, Machine } from '../core/machines.js';
import type { SshAccounts } from './accounts.js';
import type { Isolation } from './sandbox/isolation.js';
import type { LaunchedProcess } from './sandbox/launcher.js';
import type { Account, MachineNamespace } from './sandbox/machine.js';

/** OpenSSH's SFTP server (Debian package openssh-sftp-server), seen inside machines through /usr. */
const SFTP_SERVER = '/usr/lib/openssh/sftp-server';

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

interface Sandbox {
  ns: MachineNamespace;
}

interface SshDeps<S extends Sandbox = Sandbox> {
  hostKey: Buffer;
  faults: FaultEngine;
  accounts: SshAccounts;
  isolation(): Isolation;
  sandbox(machine: Machine): Promise<S>;
  account(sandbox: S, user: string): Account | undefined;
  log(event: string, detail?: Record<string, unknown>): void;
}

export function sshListener<S extends Sandbox>(deps: SshDeps<S>, machine: Machine): Listener {
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
      const okPw = deps.accounts.check(machine.planAddress, auth.username, auth.password);
      if (!okPw || fault) {
        deps.log('ssh-auth-rejected', { machine: machine.planAddress, user: auth.username });
        return auth.reject(['password']);
      }
      user = auth.username;
      auth.accept();
    });
    client.on('ready', () => {
      client.on('session', (acceptSession, rejectSession) => {
        const isolation = deps.isolation();
        if (!isolation.ok) {
          deps.log('ssh-session-refused', { machine: machine.planAddress, user, reason: isolation.reason });
          return rejectSession();
        }
        const channelSession = acceptSession();
        let pty: { term: string } | undefined;
        channelSession.on('pty', (accept, _reject, info) => {
          pty = { term: info.term || 'xterm' };
          accept?.();
        });
        channelSession.on('env', (accept) => accept?.());
        channelSession.on('exec', (accept, _reject, info) => {
          const fault = deps.faults.check({
            point: `ssh:exec:${machine.role}`,
            machine: [machine.planAddress, machine.loopback],
          });
          const cut = () => {
            deps.log('ssh-dropped', { machine: machine.planAddress, user });
            client.end();
          };
          if ((fault?.kind === 'drop' && fault.delayMs === undefined) || fault?.kind === 'reset')
            return cut();
          const channel = accept();
          // `drop` with `delayMs`: the command runs, and the connection is cut that long after it
          // started (a link lost in the middle of a long command), unless the command ended first.
          if (fault?.kind === 'drop') {
            const timer = setTimeout(cut, fault.delayMs);
            channel.once('close', () => clearTimeout(timer));
          }
          deps.log('ssh-exec', { machine: machine.planAddress, user, command: redactCommand(info.command) });
          void runSession(deps, machine, user, channel, info.command, pty);
        });
        channelSession.on('subsystem', (accept, reject, info) => {
          if (info.name !== 'sftp' || !existsSync(SFTP_SERVER)) {
            deps.log('ssh-subsystem-refused', { machine: machine.planAddress, user, name: info.name });
            return reject?.();
          }
          const channel = accept();
          deps.log('ssh-sftp', { machine: machine.planAddress, user });
          void runSession(deps, machine, user, channel, SFTP_SERVER, undefined);
        });
        channelSession.on('shell', (accept) => {
          const channel = accept();
          void runSession(deps, machine, user, channel, undefined, pty ?? { term: 'xterm' });
        });
      });
    });
  });
  return {
    listen: (hold) =>
      new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(hold.consume(), () => {
          server.off('error', reject);
          resolve();
        });
      }),
    accept: (socket) => server.injectSocket(socket),
    close: () =>
      new Promise((resolve) => {
        for (const c of clients) c.end();
        server.close(() => resolve());
      }),
  };
}

/**
 * One session: the process's stdio is the channel. Like sshd, the channel gets the exit status once
 * the process ended and every holder of its output is gone (a background job writing to the session
 * keeps it open). A channel closed while the command still runs is a hang-up: SIGHUP to its process
 * group (with a pty, closing the terminal does the same), which nohup'd processes ignore.
 */
async function runSession<S extends Sandbox>(
  deps: SshDeps<S>,
  machine: Machine,
  user: string,
  channel: ssh2.ServerChannel,
  command: string | undefined,
  pty: { term: string } | undefined,
): Promise<void> {
  let child: LaunchedProcess;
  try {
    const sb = await deps.sandbox(machine);
    const account = deps.account(sb, user);
    if (!account) throw new Error(`no account ${user}`);
    child = sb.ns.spawn(account, command, pty);
  } catch (err) {
    deps.log('ssh-session-failed', { machine: machine.planAddress, user, error: (err as Error).message });
    channel.stderr.write('simulator: the machine could not start a shell\n');
    channel.exit(255);
    channel.end();
    return;
  }
  let running = true;
  channel.on('data', (d: Buffer) => child.stdin.write(d));
  channel.on('end', () => child.stdin.end());
  child.stdin.on('error', () => undefined);
  child.stdout.on('data', (d: Buffer) => !channel.destroyed && channel.write(d));
  child.stderr.on('data', (d: Buffer) => !channel.destroyed && channel.stderr.write(d));
  channel.once('close', () => {
    if (running) child.kill('SIGHUP');
  });
  const [code, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((resolve) =>
    child.once('close', (c, s) => resolve([c, s])),
  );
  running = false;
  if (channel.destroyed) return;
  channel.exit(code ?? 128 + (signal ? (constants.signals[signal] ?? 15) : 15));
  channel.end();
}

/** Commands can carry passwords (`echo 'root:pw' | chpasswd`): only the command names are logged. */
function redactCommand(command: string): string {
  return command
    .split(/(\||&&|;|&)/)
    .map((part) => part.trim().split(/\s+/)[0] ?? '')
    .filter((w) => w && !/^(\||&&|;|&)$/.test(w))
    .join(' | ');
}
