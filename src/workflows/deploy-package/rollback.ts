// rollbackPackageWorkflow (seed 004 Rollback, `hci-bringup rollback <deployment_id>`): puts every
// machine of a package deployment back on the version it had before (the CLI reads it from the
// deployment's result), checks it, and reports each machine.
import { setHandler, upsertMemo } from '@temporalio/workflow';
import { coded } from '../../i18n/coded.js';
import { machineSteps } from './machine-steps.js';
import { inBatches } from './pool.js';
import {
  packageProgressQuery,
  type PackageProgress,
  type PackageResult,
  type RollbackPackageInput,
} from './types.js';

export async function rollbackPackageWorkflow(input: RollbackPackageInput): Promise<PackageResult> {
  const progress: PackageProgress = {
    kind: 'rollback',
    service: input.service,
    phase: 'rollout',
    rollbacks: 0,
    rollbackOf: input.deploymentId,
    machines: input.machines.map(({ target }) => ({
      name: target.name,
      address: target.address,
      phase: 'pending',
    })),
  };
  setHandler(packageProgressQuery, () => progress);
  const steps = machineSteps(input.run, input.service, input.checks);
  await inBatches(
    input.machines.map((_, i) => i),
    input.concurrency,
    async (i) => {
      const m = progress.machines[i];
      m.phase = 'deploying';
      const { target, toVersion } = input.machines[i];
      await steps.rollback(
        m,
        target,
        { toVersion },
        coded('deployer.rollbackOf', { id: input.deploymentId }),
      );
      if ((m.phase as string) === 'rolled-back') m.error = undefined;
    },
  );
  progress.phase = 'done';
  progress.rollbacks = progress.machines.filter((m) => m.phase === 'rolled-back').length;
  const outcome = progress.machines.every((m) => m.phase === 'rolled-back') ? 'succeeded' : 'failed';
  upsertMemo({
    outcome,
    rollbacks: progress.rollbacks,
    service: input.service,
    rollbackOf: input.deploymentId,
  });
  return { ...progress, outcome };
}
