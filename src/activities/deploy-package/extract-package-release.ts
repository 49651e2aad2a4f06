// Extracts the staged artifact into its own release folder. Into a temporary folder first, renamed
// when complete (with the checksum beside it), so a release folder is either whole or absent.
import { remoteStep } from '../support/failures.js';
import { layoutOf, tail } from './layout.js';
import { withMachine } from './machine.js';
import type { MachineRequest, PackageArtifact, StepOutput } from '../../run/deploy-package.js';

export async function extractPackageRelease(
  req: MachineRequest & { artifact: PackageArtifact },
): Promise<StepOutput & { skipped: boolean }> {
  const { artifact } = req;
  const l = layoutOf(req.service);
  const dir = l.release(artifact.version);
  const tmp = `${dir}.extracting`;
  return remoteStep(`extract ${artifact.fileName} on ${req.target.name}`, () =>
    withMachine(req, async (m) => {
      const done = await m.root(`cat ${l.q(`${dir}/.sha256`)} 2>/dev/null`);
      if (done.output.trim() === artifact.sha256) return { exitCode: 0, outputTail: '', skipped: true };
      const out = await m.mustRoot(
        'extract the release',
        `set -e; rm -rf ${l.q(tmp)}; mkdir -p ${l.q(tmp)}; ` +
          `tar -xzf ${l.q(`${l.staging}/${artifact.fileName}`)} -C ${l.q(tmp)}; ` +
          `echo ${artifact.sha256} > ${l.q(`${tmp}/.sha256`)}; rm -rf ${l.q(dir)}; mv ${l.q(tmp)} ${l.q(dir)}; ` +
          `echo "extracted $(find ${l.q(dir)} -type f | wc -l) files into ${dir}"`,
      );
      return { exitCode: 0, outputTail: tail(out), skipped: false };
    }),
  );
}
