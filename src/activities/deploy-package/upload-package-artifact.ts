// Puts the artifact on the machine over SFTP and verifies it (sha256sum there). Skipped when the
// machine already holds it: the staged file, or the extracted release, with the same checksum. The
// upload goes to a `.part` name and is renamed only after the checksum matched, so a killed worker
// never leaves a file that looks complete.
import { Context } from '@temporalio/activity';
import { remoteStep, remoteRejected } from '../support/failures.js';
import { whileHeartbeating } from '../support/while-heartbeating.js';
import { layoutOf } from './layout.js';
import { withMachine } from './machine.js';
import type { MachineRequest, PackageArtifact, UploadResult } from '../../run/deploy-package.js';
import { coded } from '../../i18n/index.js';

export async function uploadPackageArtifact(
  req: MachineRequest & { artifact: PackageArtifact },
): Promise<UploadResult> {
  const { artifact, target } = req;
  const l = layoutOf(req.service);
  const staged = `${l.staging}/${artifact.fileName}`;
  return remoteStep(`upload ${artifact.fileName} to ${target.name}`, () =>
    withMachine(req, async (m) => {
      const have = await m.root(
        `s=$(sha256sum ${l.q(staged)} 2>/dev/null | cut -d' ' -f1); ` +
          `r=$(cat ${l.q(`${l.release(artifact.version)}/.sha256`)} 2>/dev/null); echo "$s $r"`,
      );
      const [onDisk = '', released = ''] = have.output.trim().split(/\s+/);
      if (released === artifact.sha256)
        return { skipped: true, reason: `release ${artifact.version} already extracted`, bytes: 0 };
      if (onDisk === artifact.sha256)
        return { skipped: true, reason: 'already uploaded (checksum matches)', bytes: 0 };
      // The staging folder belongs to the login, so SFTP writes with its own rights.
      await m.mustRoot(
        'prepare the staging folder',
        `mkdir -p ${l.q(l.staging)} ${l.q(l.releases)} && chown ${l.q(target.user)} ${l.q(l.staging)} && rm -f ${l.q(staged)}.part`,
      );
      let sent = 0;
      await whileHeartbeating(
        req.run,
        () => ({ sent }),
        () =>
          m.session.upload(artifact.path, `${staged}.part`, {
            timeoutMs: Math.max(60_000, artifact.bytes / 10_000),
            onProgress: (n) => {
              sent = n;
              Context.current().heartbeat({ sent });
            },
          }),
      );
      const check = await m.root(`sha256sum ${l.q(`${staged}.part`)} | cut -d' ' -f1`);
      if (check.output.trim() !== artifact.sha256) {
        await m.root(`rm -f ${l.q(`${staged}.part`)}`);
        throw remoteRejected(
          coded('failure.checksumMismatch', {
            machine: target.name,
            got: check.output.trim().slice(0, 64) || 'unreadable',
          }),
        );
      }
      await m.mustRoot('keep the uploaded artifact', `mv -f ${l.q(`${staged}.part`)} ${l.q(staged)}`);
      return { skipped: false, reason: 'uploaded, checksum verified', bytes: artifact.bytes };
    }),
  );
}
