// Seed 003 §03 "批量配置主机密码（root和smartx账号）": over SSH as `smartx` (post-deploy default
// `P@ssw0rd!123`, FACTS.md), `sudo chpasswd` with `user:password` lines on stdin — never in a command
// line — whether or not sudo asks smartx for a password. Idempotent: a host that already takes the plan password is left alone.
import { Context } from '@temporalio/activity';
import { ApplicationFailure } from '@temporalio/common';
import {
  SecretValue,
  SMTX_DEFAULT_PASSWORD,
  SshError,
  SshSession,
  type SecretLike,
} from '../../smartx/index.js';
import type { RunContext } from '../../run/input.js';
import type { PlanSecret } from '../../run/run-plan.js';
import { FailureType, NON_RETRYABLE_FAILURES, describeFailure } from '../support/failures.js';
import { resolverFor, secret } from '../support/remote.js';
import { whileHeartbeating } from '../support/while-heartbeating.js';

interface HostPasswordTarget {
  hostname: string;
  managementIp: string;
  sshUser: string;
  password: PlanSecret;
}

export interface SetHostPasswordsRequest {
  run: RunContext;
  hosts: HostPasswordTarget[];
  /** Hosts handled at once (default 4). */
  concurrency?: number;
}

const EXEC_TIMEOUT_MS = 60_000;

type Outcome = 'changed' | 'already-set';

async function tryConnect(
  run: RunContext,
  host: HostPasswordTarget,
  password: SecretLike,
): Promise<SshSession | undefined> {
  try {
    return await SshSession.connect(
      { address: host.managementIp, port: 22, user: host.sshUser, password },
      resolverFor(run),
    );
  } catch (err) {
    if (err instanceof SshError && err.kind === 'auth') return undefined;
    throw err;
  }
}

async function setOnHost(run: RunContext, host: HostPasswordTarget): Promise<Outcome> {
  const target = secret(host.password);
  const already = await tryConnect(run, host, target);
  if (already) {
    already.close();
    return 'already-set';
  }
  const loginPassword = new SecretValue(SMTX_DEFAULT_PASSWORD);
  const session = await tryConnect(run, host, loginPassword);
  if (!session) {
    // An earlier attempt of this activity may still run (timed out on the server, not yet stopped
    // here) and have changed the password between the two logins: the planned one, asked again.
    const meanwhile = await tryConnect(run, host, target);
    if (meanwhile) {
      meanwhile.close();
      return 'already-set';
    }
    throw new SshError(
      'auth',
      host.managementIp,
      host.sshUser,
      'neither the planned password nor the post-deploy default is accepted (changed by hand?); set the password in 主机规划!K to the one the host has, or reset it on the console',
    );
  }
  try {
    const users = [...new Set(['root', 'smartx', host.sshUser])];
    const changes = users.map((user) => ({ user, password: target }));
    // chpasswd as root with the `user:password` lines on stdin: `sudo -S -p ''` with the login
    // password first where sudo asks for one, `sudo -n` where smartx has NOPASSWD (probed with
    // `sudo -n true`), plain `chpasswd` when the SSH user is root.
    const result = await session.changePasswords(changes, { timeoutMs: EXEC_TIMEOUT_MS });
    if (result.code !== 0) {
      const plain = target.reveal();
      const stderr = result.stderr
        .split(plain)
        .join('[redacted]')
        .replace(/\[sudo\] password for [^:]*: ?/g, '')
        .trim()
        .slice(0, 300);
      throw new SshError(
        'protocol',
        host.managementIp,
        host.sshUser,
        `${host.sshUser === 'root' ? 'chpasswd' : 'sudo chpasswd'} for ${users.join(', ')} exited ${result.code ?? result.signal}${stderr ? `: ${stderr}` : ''}`,
      );
    }
  } finally {
    session.close();
  }
  const verify = await tryConnect(run, host, target);
  if (!verify) {
    throw new SshError(
      'protocol',
      host.managementIp,
      host.sshUser,
      'chpasswd succeeded but a login with the new password is refused',
    );
  }
  verify.close();
  return 'changed';
}

/** Sets root and smartx of every host to the plan password, a few hosts at a time. */
export async function setHostPasswords(
  req: SetHostPasswordsRequest,
): Promise<{ changed: string[]; alreadySet: string[] }> {
  const ctx = Context.current();
  const changed: string[] = [];
  const alreadySet: string[] = [];
  const failures: { host: HostPasswordTarget; failure: ApplicationFailure }[] = [];
  const queue = [...req.hosts];
  const workers = Math.max(1, Math.min(req.concurrency ?? 4, queue.length));

  const worker = async () => {
    // An attempt the server has given up on (timed out, cancelled) starts no further host.
    for (let host = queue.shift(); host && !ctx.cancellationSignal.aborted; host = queue.shift()) {
      try {
        const outcome = await setOnHost(req.run, host);
        (outcome === 'changed' ? changed : alreadySet).push(host.hostname);
        ctx.log.info('host password', { host: host.hostname, outcome });
      } catch (err) {
        const failure = describeFailure(
          `set the root/smartx passwords of ${host.hostname} (${host.managementIp})`,
          err,
        );
        failures.push({ host, failure });
        ctx.log.warn('host password failed', { host: host.hostname, error: failure.message });
      }
      ctx.heartbeat({
        hostsDone: changed.length + alreadySet.length + failures.length,
        of: req.hosts.length,
      });
    }
  };
  const progress = () => ({
    hostsDone: changed.length + alreadySet.length + failures.length,
    of: req.hosts.length,
  });
  await whileHeartbeating(req.run, progress, () => Promise.all(Array.from({ length: workers }, worker)));
  // Hosts left untried are not a success: the cancellation (or the server's timeout) is the answer.
  ctx.cancellationSignal.throwIfAborted();

  if (failures.length > 0) {
    // Hosts that worked are not lost: a retry finds them `already-set`.
    const nonRetryable = failures.every(
      (f) =>
        f.failure.nonRetryable ||
        (NON_RETRYABLE_FAILURES as readonly string[]).includes(f.failure.type ?? ''),
    );
    const types = new Set(failures.map((f) => f.failure.type));
    throw ApplicationFailure.create({
      type:
        (types.size === 1 || nonRetryable ? failures[0].failure.type : undefined) ?? FailureType.transient,
      nonRetryable,
      message:
        `set host passwords: ${failures.length} of ${req.hosts.length} host(s) failed` +
        ` (done: ${[...changed, ...alreadySet].join(', ') || 'none'}): ` +
        failures.map((f) => f.failure.message).join(' | '),
    });
  }
  return { changed, alreadySet };
}
