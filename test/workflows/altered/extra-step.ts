// NOT deterministic with the recorded histories, on purpose: the negative control of the replay
// tests (replay-negative.test.ts) bundles this module in place of src/workflows and expects the
// replay to fail. The change is the kind a careless edit makes: one more remote step before the
// first stage, without patched(). Never registered by a worker.
import { proxyActivities } from '@temporalio/workflow';
import type * as activities from '../../../src/activities/index.js';
import type { BringUpInput } from '../../../src/run/input.js';
import { bringUpWorkflow as recordedBringUp } from '../../../src/workflows/bringup.js';

export { obsWorkflow, backupWorkflow } from '../../../src/workflows/index.js';

const { findExistingDeployment } = proxyActivities<typeof activities>({ startToCloseTimeout: '1 minute' });

export async function bringUpWorkflow(input: BringUpInput) {
  await findExistingDeployment({ run: input.run, hostIps: input.plan.hosts.map((h) => h.managementIp) });
  return recordedBringUp(input);
}
