// Stage 09, last step per VM: the guest is up on its planned address and answers SSH (the login of
// the test images, src/smartx/test-vm.ts). Polls until the guest agent has applied the address and
// sshd runs; returns the guest's host name as it reports it.
import { Context } from '@temporalio/activity';
import { SshSession, TEST_VM_FACTORY_PASSWORD, TEST_VM_SSH_USER } from '../../smartx/index.js';
import type { RunContext } from '../../run/input.js';
import { remoteStep } from '../support/failures.js';
import { pollUntil } from '../support/poll.js';
import { resolverFor } from '../support/remote.js';

export async function waitForTestVmSsh(req: {
  run: RunContext;
  vmName: string;
  ip: string;
}): Promise<{ hostname: string }> {
  const ctx = Context.current();
  const step = `reach the test VM "${req.vmName}" over SSH at ${req.ip}`;
  return remoteStep(step, () =>
    pollUntil(
      {
        intervalSeconds: req.run.timing.jobPollSeconds,
        timeoutSeconds: req.run.timing.jobTimeoutSeconds,
        what: step,
      },
      async () => {
        let session: SshSession | undefined;
        try {
          session = await SshSession.connect(
            { address: req.ip, user: TEST_VM_SSH_USER, password: TEST_VM_FACTORY_PASSWORD },
            resolverFor(req.run),
            { readyTimeoutMs: 10_000 },
          );
          const out = await session.exec('hostname', { timeoutMs: 30_000 });
          if (out.code !== 0) return undefined;
          return { hostname: out.stdout.trim() };
        } catch (err) {
          // Not up yet (refused, no route, sshd starting): the poll goes on until its bound.
          ctx.log.info('test VM not reachable yet', { vmName: req.vmName, error: (err as Error).message });
          return undefined;
        } finally {
          session?.close();
        }
      },
    ),
  );
}
