// deployPackageWorkflow (seed 004 PhysicalDeployer.Deploy, issue 11 item 2): rolls a versioned
// .tar.gz onto machines over SSH. One machine first as a canary; when it ends deployed, the rest
// `concurrency` at a time. A machine whose check fails is rolled back to its backup at once and
// reported; the run's outcome is `failed` when any machine did not end on the new version.
import { proxyActivities, setHandler, upsertMemo } from '@temporalio/workflow';
import type { DeployPackageActivities } from '../../activities/deploy-package/index.js';
import { coded } from '../../i18n/coded.js';
import { lookup } from '../activity-options.js';
import { messageOf } from '../describe-error.js';
import { machineSteps } from './machine-steps.js';
import { inBatches } from './pool.js';
import {
  packageProgressQuery,
  type DeployPackageInput,
  type MachineResult,
  type PackageProgress,
  type PackageResult,
} from './types.js';

export async function deployPackageWorkflow(input: DeployPackageInput): Promise<PackageResult> {
  const progress: PackageProgress = {
    kind: 'package',
    service: input.service,
    phase: 'inspect',
    rollbacks: 0,
    machines: input.targets.map((t) => ({ name: t.name, address: t.address, phase: 'pending' })),
  };
  setHandler(packageProgressQuery, () => progress);
  const finish = (outcome: PackageResult['outcome']): PackageResult => {
    progress.phase = 'done';
    progress.rollbacks = progress.machines.filter((m) => m.phase === 'rolled-back').length;
    // The outcome as memo: /metrics counts results and rollbacks from Temporal's list alone.
    upsertMemo({ outcome, rollbacks: progress.rollbacks, service: input.service, version: progress.version });
    return { ...progress, outcome };
  };

  const { inspectPackageArtifact } = proxyActivities<DeployPackageActivities>(lookup(input.run));
  let artifact;
  try {
    artifact = await inspectPackageArtifact({ path: input.artifactPath, service: input.service });
  } catch (err) {
    for (const m of progress.machines) {
      m.phase = 'skipped';
      m.error = coded('deployer.artifactUnusable', { detail: messageOf(err) });
    }
    return finish('failed');
  }
  progress.version = artifact.version;
  progress.sha256 = artifact.sha256;

  const steps = machineSteps(input.run, input.service, input.checks);
  const one = (i: number) => steps.deploy(progress.machines[i], input.targets[i], artifact, input.keep);
  const indexes = input.targets.map((_, i) => i);

  progress.phase = 'canary';
  await one(0);
  if (progress.machines[0].phase === 'deployed') {
    progress.phase = 'rollout';
    await inBatches(indexes.slice(1), input.concurrency, one);
  } else {
    for (const m of progress.machines.slice(1)) {
      m.phase = 'skipped';
      m.error = coded('deployer.canaryFailed', { machine: progress.machines[0].name });
    }
  }
  const ok = progress.machines.every((m: MachineResult) => m.phase === 'deployed');
  return finish(ok ? 'succeeded' : 'failed');
}
