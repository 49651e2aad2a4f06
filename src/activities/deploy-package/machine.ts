// One SSH session to a deploy target, resolved through the run's endpoint resolver, with the
// password resolved on this worker. Commands that change the machine run as root (sudo when the
// login is not root); a non-zero exit becomes a failure that names the step and the output tail.
import { SshSession } from '../../smartx/index.js';
import { remoteRejected } from '../support/failures.js';
import { resolverFor, secret } from '../support/remote.js';
import { whileHeartbeating } from '../support/while-heartbeating.js';
import { tail } from './layout.js';
import type { MachineRequest } from '../../run/deploy-package.js';

export async function withMachine<T>(req: MachineRequest, body: (m: Machine) => Promise<T>): Promise<T> {
  const { target } = req;
  // Heartbeats from the connect on (a handshake may take seconds): a dead worker is noticed within
  // the step's heartbeat timeout, a slow machine is not taken for one.
  return whileHeartbeating(
    req.run,
    () => ({ machine: target.name }),
    async () => {
      const session = await SshSession.connect(
        { address: target.address, port: target.port, user: target.user, password: secret(target.password) },
        resolverFor(req.run),
        { readyTimeoutMs: 20_000 },
      );
      try {
        return await body(new Machine(session, target.name, (req.timeoutSeconds ?? 120) * 1000));
      } finally {
        session.close();
      }
    },
  );
}

export class Machine {
  constructor(
    readonly session: SshSession,
    readonly name: string,
    readonly timeoutMs: number,
  ) {}

  /** Runs `command` as root; returns exit code and output (stdout then stderr). */
  async root(command: string): Promise<{ code: number; output: string }> {
    const r = await this.session.sudo(command, { timeoutMs: this.timeoutMs });
    return { code: r.code ?? 128, output: `${r.stdout}${r.stderr}` };
  }

  /** Runs `command` as root and fails (non-retryable: the machine said no) unless it exits 0. */
  async mustRoot(step: string, command: string): Promise<string> {
    const r = await this.root(command);
    if (r.code !== 0)
      throw remoteRejected(`${step} on ${this.name} exited ${r.code}: ${tail(r.output, 5) || '(no output)'}`);
    return r.output;
  }
}
