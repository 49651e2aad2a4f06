// SSH to hosts and appliance VMs (password change as `smartx`, CloudTower installer, OBS on 10022).
// Connects only through the EndpointResolver. Secrets never go into a command line: commands that need
// one read it from stdin (`sudo -S`, `chpasswd`), so they cannot show up in `ps`, shell history, the
// remote audit log or our own logs. Errors name the host and user, never the password.
import { Client, type ClientChannel, type ConnectConfig, type SFTPWrapper } from 'ssh2';
import type { EndpointResolver } from './endpoints.js';
import { revealPassword, type PasswordInput, type SecretLike } from './secret.js';

interface SshTarget {
  /** Address as the plan names it. */
  address: string;
  port?: number;
  user: string;
  password: PasswordInput;
}

interface SshConnectOptions {
  readyTimeoutMs?: number;
  /** Keepalive probes keep NAT/firewalls from dropping a session that waits on a long installer. */
  keepaliveIntervalMs?: number;
  keepaliveCountMax?: number;
}

interface ExecOptions {
  timeoutMs: number;
  /** Lines written to the command's stdin (each followed by `\n`), then stdin is closed. */
  stdin?: (string | SecretLike)[];
  /**
   * Streams stdout here instead of collecting it (a command that follows a log for many minutes);
   * `'stop'` closes the channel, and the result says the command was stopped, not that it ended.
   */
  onStdout?: (chunk: Buffer) => 'stop' | void;
}

export interface ExecResult {
  /** Exit code; null when the remote side ended the command with a signal (or it was stopped). */
  code: number | null;
  signal?: string;
  stdout: string;
  stderr: string;
  /** `onStdout` asked to stop, and the channel was closed while the command ran. */
  stopped?: boolean;
}

type SshErrorKind = 'auth' | 'network' | 'timeout' | 'protocol';

export class SshError extends Error {
  override readonly name = 'SshError';
  readonly retryable: boolean;
  constructor(
    readonly kind: SshErrorKind,
    readonly host: string,
    readonly user: string,
    detail: string,
    readonly code?: string,
  ) {
    super(`ssh ${user}@${host}: ${detail}`);
    this.retryable = kind !== 'auth';
  }
}

/** Single-quotes a word for a POSIX shell. */
export function shellQuote(word: string): string {
  return `'${word.replace(/'/g, `'\\''`)}'`;
}

export class SshSession {
  private constructor(
    private readonly client: Client,
    readonly host: string,
    readonly user: string,
    private readonly password: PasswordInput,
  ) {}

  static async connect(
    target: SshTarget,
    resolver: EndpointResolver,
    options: SshConnectOptions = {},
  ): Promise<SshSession> {
    const port = target.port ?? 22;
    const { host, port: targetPort } = resolver.resolve(target.address, port);
    const client = new Client();
    const config: ConnectConfig = {
      host,
      port: targetPort,
      username: target.user,
      password: revealPassword(target.password),
      readyTimeout: options.readyTimeoutMs ?? 20_000,
      keepaliveInterval: options.keepaliveIntervalMs ?? 15_000,
      keepaliveCountMax: options.keepaliveCountMax ?? 4,
      // Appliances generate their host keys at install time and are reinstalled during bring-ups;
      // there is nothing to pin against, so any host key is accepted.
      hostVerifier: () => true,
      tryKeyboard: false,
    };
    // Listened to for the client's whole life, from before it connects: ssh2 can emit a second
    // error after the first (a reset, then its handshake timer's "Timed out while waiting for
    // handshake"), and an error nobody listens to ends the worker, every site's runs with it. Later
    // transport errors (dropped session) surface through the pending exec.
    client.on('error', () => undefined);
    await new Promise<void>((resolve, reject) => {
      const onError = (err: Error & { level?: string; code?: string }) => {
        client.removeListener('ready', onReady);
        client.destroy();
        reject(connectError(err, target.address, target.user));
      };
      const onReady = () => {
        client.removeListener('error', onError);
        resolve();
      };
      client.once('ready', onReady);
      client.once('error', onError);
      client.connect(config);
    });
    return new SshSession(client, target.address, target.user, target.password);
  }

  /** Runs a command; stdout/stderr are collected as UTF-8. Secrets go through `stdin`, never `command`. */
  async exec(command: string, options: ExecOptions): Promise<ExecResult> {
    const out = await this.execRaw(command, options);
    return {
      code: out.code,
      signal: out.signal,
      stdout: out.stdout.toString('utf8'),
      stderr: out.stderr.toString('utf8'),
      ...(out.stopped ? { stopped: true } : {}),
    };
  }

  /** How sudo behaves for this login, probed once per session (see `sudoMode`). */
  private sudoProbe?: Promise<'root' | 'nopasswd' | 'password'>;

  /**
   * Whether sudo asks this user for a password: `sudo -n true` succeeds only when it does not
   * (NOPASSWD; sudo's timestamp is per session parent, so a fresh exec never has one). `smartx` on
   * SMTX OS may be either way, and the difference matters: with NOPASSWD, `sudo -S` reads nothing,
   * so a password line fed first would reach the command (chpasswd would take it as input).
   */
  sudoMode(timeoutMs = 30_000): Promise<'root' | 'nopasswd' | 'password'> {
    if (this.user === 'root') return Promise.resolve('root');
    this.sudoProbe ??= this.exec('sudo -n true', { timeoutMs }).then(
      (r) => (r.code === 0 ? 'nopasswd' : 'password'),
      (err: unknown) => {
        this.sudoProbe = undefined;
        throw err;
      },
    );
    return this.sudoProbe;
  }

  /**
   * Runs `command` as root through `sh -c`: as `root` directly; with NOPASSWD `sudo -n`; otherwise
   * `sudo -S -p ''` with this session's password as the first stdin line (no prompt text in output).
   * `options.stdin` follows, and reaches the command in every case.
   */
  async sudo(command: string, options: ExecOptions): Promise<ExecResult> {
    return this.asRoot(`sh -c ${shellQuote(command)}`, options);
  }

  /**
   * Sets passwords with chpasswd (`user:password` lines on stdin) as root, through sudo the way
   * `sudo` above runs things: the sudo password, when sudo wants one, goes first on stdin.
   */
  async changePasswords(
    changes: { user: string; password: PasswordInput }[],
    options: { timeoutMs: number },
  ): Promise<ExecResult> {
    for (const c of changes) {
      if (!/^[a-z_][a-z0-9_-]*$/i.test(c.user))
        throw new SshError('protocol', this.host, this.user, `invalid user name for chpasswd`);
    }
    const lines = changes.map((c) => ({ reveal: () => `${c.user}:${revealPassword(c.password)}` }));
    return this.asRoot('chpasswd', { timeoutMs: options.timeoutMs, stdin: lines });
  }

  private async asRoot(command: string, options: ExecOptions): Promise<ExecResult> {
    const mode = await this.sudoMode(options.timeoutMs);
    if (mode === 'root') return this.exec(command, options);
    if (mode === 'nopasswd') return this.exec(`sudo -n ${command}`, options);
    return this.exec(`sudo -S -p '' ${command}`, {
      ...options,
      stdin: [this.password, ...(options.stdin ?? [])],
    });
  }

  /**
   * Reads a remote (log) file from byte `offset` on, at most `maxBytes`; returns the text and the
   * offset to continue from (a heartbeat detail for resuming after a lost session).
   */
  async readFileFrom(
    path: string,
    offset: number,
    options: { timeoutMs?: number; maxBytes?: number } = {},
  ): Promise<{ data: string; nextOffset: number; exists: boolean }> {
    const max = options.maxBytes ?? 1024 * 1024;
    const q = shellQuote(path);
    const out = await this.execRaw(
      `if [ -e ${q} ]; then tail -c +${Math.max(0, Math.floor(offset)) + 1} -- ${q} | head -c ${max}; else exit 44; fi`,
      {
        timeoutMs: options.timeoutMs ?? 30_000,
      },
    );
    if (out.code === 44) return { data: '', nextOffset: offset, exists: false };
    if (out.code !== 0)
      throw new SshError(
        'protocol',
        this.host,
        this.user,
        `cannot read ${path} (exit ${out.code ?? out.signal})`,
      );
    return { data: out.stdout.toString('utf8'), nextOffset: offset + out.stdout.length, exists: true };
  }

  /**
   * Uploads a local file over SFTP to `remotePath`, with this login's own rights (deploy-package).
   * `onProgress` gets the bytes sent so far (a heartbeat detail).
   */
  async upload(
    localPath: string,
    remotePath: string,
    options: { timeoutMs: number; onProgress?: (sent: number, total: number) => void },
  ): Promise<void> {
    const sftp = await new Promise<SFTPWrapper>((resolve, reject) =>
      this.client.sftp((err, s) =>
        err
          ? reject(new SshError('protocol', this.host, this.user, `sftp refused (${err.message})`))
          : resolve(s),
      ),
    );
    try {
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(
          () =>
            reject(new SshError('timeout', this.host, this.user, `sftp upload to ${remotePath} timed out`)),
          options.timeoutMs,
        );
        sftp.fastPut(
          localPath,
          remotePath,
          { step: (sent, _chunk, total) => options.onProgress?.(sent, total) },
          (err) => {
            clearTimeout(timer);
            if (err)
              reject(
                new SshError('network', this.host, this.user, `sftp upload to ${remotePath}: ${err.message}`),
              );
            else resolve();
          },
        );
      });
    } finally {
      sftp.end();
    }
  }

  close(): void {
    this.client.end();
  }

  private execRaw(
    command: string,
    options: ExecOptions,
  ): Promise<{ code: number | null; signal?: string; stdout: Buffer; stderr: Buffer; stopped?: boolean }> {
    return new Promise((resolve, reject) => {
      let settled = false;
      let stopped = false;
      let channel: ClientChannel | undefined;
      const finish = (fn: () => void) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        this.client.removeListener('close', onClose);
        fn();
      };
      const timer = setTimeout(() => {
        finish(() =>
          reject(
            new SshError('timeout', this.host, this.user, `command timed out after ${options.timeoutMs} ms`),
          ),
        );
        channel?.close();
      }, options.timeoutMs);
      const onClose = () =>
        finish(() =>
          reject(new SshError('network', this.host, this.user, 'connection closed during command')),
        );
      this.client.once('close', onClose);
      this.client.exec(command, (err, ch) => {
        if (err) {
          finish(() =>
            reject(new SshError('protocol', this.host, this.user, `exec refused (${err.message})`)),
          );
          return;
        }
        channel = ch;
        const stdout: Buffer[] = [];
        const stderr: Buffer[] = [];
        let code: number | null = null;
        let signal: string | undefined;
        const { onStdout } = options;
        ch.on('data', (d: Buffer) => {
          if (!onStdout) {
            stdout.push(d);
            return;
          }
          if (stopped || onStdout(d) !== 'stop') return;
          stopped = true;
          // Like closing a terminal on `tail -f`: the remote command may outlive the channel until
          // it writes again (sshd closes its pipes; a non-pty session gets no hang-up).
          ch.close();
        });
        ch.stderr.on('data', (d: Buffer) => stderr.push(d));
        ch.on('exit', (c: number | null, sig?: string) => {
          code = c;
          signal = sig ?? undefined;
        });
        ch.on('close', () =>
          finish(() =>
            resolve({
              code: stopped ? null : code,
              signal,
              stdout: Buffer.concat(stdout),
              stderr: Buffer.concat(stderr),
              ...(stopped ? { stopped } : {}),
            }),
          ),
        );
        for (const line of options.stdin ?? [])
          ch.write(`${typeof line === 'string' ? line : line.reveal()}\n`);
        ch.end();
      });
    });
  }
}

function connectError(err: Error & { level?: string; code?: string }, host: string, user: string): SshError {
  if (err.level === 'client-authentication') return new SshError('auth', host, user, 'authentication failed');
  if (err.level === 'client-timeout')
    return new SshError('timeout', host, user, 'timed out waiting for the SSH handshake');
  // ssh2 messages are about the transport (ECONNREFUSED, handshake) and contain no credentials.
  return new SshError(
    'network',
    host,
    user,
    err.code ? `connection failed (${err.code})` : `connection failed (${err.message})`,
    err.code,
  );
}
