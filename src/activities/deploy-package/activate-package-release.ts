// Makes a release the running one: remembers the version `current` named (the backup an automatic
// rollback restores), installs the release's unit file when it ships one, switches `current` with an
// atomic rename, restarts the service. Re-running it after a kill is harmless: the switch is to a
// fixed version and a restart of the same version changes nothing.
import { remoteRejected, remoteStep } from '../support/failures.js';
import { currentVersionCommand, FAILED_MARK, layoutOf, tail } from './layout.js';
import { withMachine, type Machine } from './machine.js';
import type { ActivateResult, MachineRequest } from '../../run/deploy-package.js';

/** Points `current` at `version` (rename over the old link) and restarts; shared with the rollback. */
export async function switchAndRestart(
  m: Machine,
  service: string,
  version: string,
): Promise<{ code: number; output: string }> {
  const l = layoutOf(service);
  const dir = l.release(version);
  const unitInRelease = `${dir}/${service}.service`;
  return m.root(
    `set -e; test -f ${l.q(`${dir}/.sha256`)} || { echo "release ${version} is not on this machine"; exit 3; }; ` +
      `if [ -f ${l.q(unitInRelease)} ]; then install -D -m 0644 ${l.q(unitInRelease)} ${l.q(l.unit)}; systemctl daemon-reload; fi; ` +
      `ln -sfn ${l.q(`releases/${version}`)} ${l.q(`${l.current}.new`)}; mv -T ${l.q(`${l.current}.new`)} ${l.q(l.current)}; ` +
      `systemctl restart ${l.q(service)}; echo "${service} restarted on ${version}"`,
  );
}

export async function activatePackageRelease(
  req: MachineRequest & { version: string },
): Promise<ActivateResult> {
  const l = layoutOf(req.service);
  return remoteStep(`activate ${req.service} ${req.version} on ${req.target.name}`, () =>
    withMachine(req, async (m) => {
      const now = (await m.root(currentVersionCommand(req.service))).output.trim();
      let previousVersion: string | undefined;
      if (now && now !== req.version) {
        previousVersion = now;
        await m.mustRoot('record the backup version', `echo previous=${now} > ${l.q(l.state)}`);
      } else {
        // A re-run (or a re-deploy of the same version): the backup recorded before still stands.
        const st = await m.root(`sed -n 's/^previous=//p' ${l.q(l.state)} 2>/dev/null`);
        previousVersion = st.output.trim() || undefined;
      }
      // Deployed again: no longer a failed release (a rollback marks it again if it fails again).
      await m.root(`rm -f ${l.q(`${l.release(req.version)}/${FAILED_MARK}`)}`);
      const r = await switchAndRestart(m, req.service, req.version);
      if (r.code !== 0)
        throw remoteRejected(
          `activate ${req.service} ${req.version} on ${m.name} exited ${r.code}: ${tail(r.output, 5) || '(no output)'}`,
        );
      return { exitCode: r.code, outputTail: tail(r.output), previousVersion, switched: now !== req.version };
    }),
  );
}
