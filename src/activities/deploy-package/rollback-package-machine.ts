// Rolls one machine back (seed 004 physical Rollback), with the same atomic switch and restart as a
// deploy:
// - `toVersion`: to that release (the backup, or the previous deployment's version);
// - `failedVersion` only (a deploy step failed, the switch may or may not have happened): when
//   `current` names the failed version, back to the backup the state file records; otherwise the
//   switch never happened and the service is only made sure to run;
// - neither, or no backup: the service is stopped and `current` removed (no earlier version exists).
// Either way the machine ends on exactly one complete version, or on none. A switch the machine
// refuses (the release is not there) fails the step: the machine did not roll back. `markFailed`
// flags a release that failed its deployment, so the cleanup never counts it among the kept ones.
import { remoteRejected, remoteStep } from '../support/failures.js';
import { switchAndRestart } from './activate-package-release.js';
import { currentVersionCommand, FAILED_MARK, layoutOf, tail } from './layout.js';
import { withMachine } from './machine.js';
import type { MachineRequest, StepOutput } from '../../run/deploy-package.js';

export async function rollbackPackageMachine(
  req: MachineRequest & { toVersion?: string; failedVersion?: string; markFailed?: string },
): Promise<StepOutput & { version?: string }> {
  const l = layoutOf(req.service);
  return remoteStep(`roll ${req.service} back on ${req.target.name}`, () =>
    withMachine(req, async (m) => {
      if (req.markFailed) {
        const dir = l.release(req.markFailed);
        await m.root(`test -d ${l.q(dir)} && touch ${l.q(`${dir}/${FAILED_MARK}`)}; true`);
      }
      let to = req.toVersion;
      if (!to && req.failedVersion) {
        const cur = (await m.root(currentVersionCommand(req.service))).output.trim();
        if (cur && cur !== req.failedVersion) {
          const r = await m.root(
            `systemctl start ${l.q(req.service)}; echo "${req.service} stays on ${cur}"`,
          );
          return { exitCode: r.code, outputTail: tail(r.output), version: cur };
        }
        to =
          (await m.root(`sed -n 's/^previous=//p' ${l.q(l.state)} 2>/dev/null`)).output.trim() || undefined;
      }
      if (!to) {
        const r = await m.root(
          `systemctl stop ${l.q(req.service)} || true; rm -f ${l.q(l.current)}; echo "no earlier version: ${req.service} stopped"`,
        );
        return { exitCode: r.code, outputTail: tail(r.output) };
      }
      const r = await switchAndRestart(m, req.service, to);
      if (r.code !== 0)
        throw remoteRejected(
          `roll ${req.service} back to ${to} on ${m.name} exited ${r.code}: ${tail(r.output, 5) || '(no output)'}`,
        );
      return { exitCode: r.code, outputTail: tail(r.output), version: to };
    }),
  );
}
