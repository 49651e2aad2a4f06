// Stage 09: power the test VM on (VmApi start-vm) and wait until CloudTower shows it RUNNING.
// Idempotent: a VM already RUNNING is left as it is; a start whose answer was lost is simply seen
// as RUNNING (or its task still going) on the retry, and starting a running VM is never asked.
import { Context } from '@temporalio/activity';
import { CloudTowerVmApi } from '../../smartx/index.js';
import { precheckFailed, remoteStep } from '../support/failures.js';
import { pollUntil } from '../support/poll.js';
import { towerClients } from '../support/tower-clients.js';
import type { TowerAccess } from '../../run/tower-access.js';

export async function startTestVm(
  req: TowerAccess & { vmId: string; vmName: string },
): Promise<{ status: 'RUNNING'; started: boolean }> {
  const ctx = Context.current();
  const step = `start the test VM "${req.vmName}"`;
  return remoteStep(step, async () => {
    const api = new CloudTowerVmApi(towerClients(req).rest);
    const read = async () => {
      const vm = (await api.getVms({ id: req.vmId }))[0];
      if (!vm)
        throw precheckFailed(
          `${step}: CloudTower lists no VM ${req.vmId} any more (deleted?). Fix: retry the component; the VM is created again.`,
        );
      return vm;
    };
    const wait = {
      intervalSeconds: req.run.timing.jobPollSeconds,
      timeoutSeconds: req.run.timing.jobTimeoutSeconds,
    };
    // Still being created (entityAsyncStatus set): its creation task finishes first.
    let vm = await pollUntil({ ...wait, what: `${step}: wait for its creation` }, async () => {
      const v = await read();
      return v.entityAsyncStatus ? undefined : v;
    });
    if (vm.status === 'RUNNING') return { status: 'RUNNING' as const, started: false };
    if (vm.status !== 'STOPPED' && vm.status !== 'SUSPENDED')
      ctx.log.warn('test VM in an unexpected state; starting it', { vmId: req.vmId, status: vm.status });
    const out = await api.startVm({ id: req.vmId });
    ctx.log.info('test VM start requested', { vmName: req.vmName, taskId: out[0]?.task_id });
    vm = await pollUntil({ ...wait, what: `${step}: wait for RUNNING` }, async () => {
      const v = await read();
      return v.status === 'RUNNING' && !v.entityAsyncStatus ? v : undefined;
    });
    return { status: 'RUNNING' as const, started: true };
  });
}
