// The tail of a machine's log over SSH (seed 004 physical GetLogs: `tail -n N path`), e.g. the
// CloudTower installer's nohup.out. Lines only: the service stamps and labels them.
import { SshSession, shellQuote } from '../../smartx/index.js';
import { remoteStep } from '../support/failures.js';
import { resolverFor, secret } from '../support/remote.js';
import type { MachineLogLine, MachineLogRequest } from '../../run/service-health.js';

export async function tailMachineLog(req: MachineLogRequest): Promise<MachineLogLine[]> {
  return remoteStep(`read the last ${req.lines} lines of ${req.path} on ${req.address}`, async () => {
    const session = await SshSession.connect(
      { address: req.address, port: req.port, user: req.user, password: secret(req.password) },
      resolverFor(req.run),
      { readyTimeoutMs: req.timeoutMs },
    );
    try {
      const command = `tail -n ${Math.trunc(req.lines)} ${shellQuote(req.path)}`;
      const out = req.asRoot
        ? await session.sudo(command, { timeoutMs: req.timeoutMs })
        : await session.exec(command, { timeoutMs: req.timeoutMs });
      if (out.code !== 0) {
        throw new Error(`tail exited ${out.code ?? out.signal}: ${out.stderr.trim().slice(0, 200)}`);
      }
      return out.stdout
        .split('\n')
        .filter((l) => l.length > 0)
        .map((message) => ({ message }));
    } finally {
      session.close();
    }
  });
}
