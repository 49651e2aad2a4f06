// Reads the artifact on the worker's machine (seed 004 Artifact) by the rules the CLI checked before
// the run started (plan/package-artifact.ts): the file may have changed, or the run was started by
// another client.
import { coded } from '../../i18n/index.js';
import { inspectArtifactFile } from '../../plan/package-artifact.js';
import { invalidInput, missingFile } from '../support/failures.js';
import type { PackageArtifact } from '../../run/deploy-package.js';

export async function inspectPackageArtifact(req: {
  path: string;
  service: string;
}): Promise<PackageArtifact> {
  const r = await inspectArtifactFile(req.path, req.service);
  if (!r.problem) return r.artifact;
  const text = coded(r.problem.key, r.problem.params as never);
  throw r.problem.key === 'deployer.artifactMissing' ? missingFile(text) : invalidInput(text);
}
