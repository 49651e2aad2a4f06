// `cleanup` and stage 11: a test VM of stage 09 leaves through CloudTower (it was created there,
// its id is CloudTower's): poweroff-vm while it runs, then delete-vm. Already gone = done. Exactly
// once under kill -9: each task id is heartbeated right after its call and a retried attempt waits
// for that task; a delete whose answer never came shows the VM DELETING, which is waited out, never
// asked again.
import { stripMarker } from '../../i18n/index.js';
import { Context } from '@temporalio/activity';
import { CloudTowerVmApi, type TowerVm } from '../../smartx/index.js';
import { invalidInput, remoteStep, transient } from '../support/failures.js';
import { pollUntil, resumeDetails } from '../support/poll.js';
import { towerRest } from '../support/tower-clients.js';
import { waitTowerTask } from '../support/tower-tasks.js';
import type { RemoveLedgerEntryRequest, RemoveLedgerEntryResult } from './ledger-entry-removal.js';

interface TowerVmHeartbeat {
  vmId: string;
  poweroffTask?: string;
  deleteTask?: string;
}

/** The CloudTower address an entry names (`cloudtower <ip>`), else the run's. */
function towerIpOf(req: RemoveLedgerEntryRequest): string | undefined {
  const m = /^cloudtower (\S+)$/.exec(req.entry.where);
  return m?.[1] ?? req.tower?.cloudtowerIp;
}

export async function removeTowerVm(req: RemoveLedgerEntryRequest): Promise<RemoveLedgerEntryResult> {
  const ctx = Context.current();
  const vmId = req.entry.id;
  const ip = towerIpOf(req);
  if (!ip || !req.tower)
    throw invalidInput(
      `cleanup: ${stripMarker(req.entry.name)}: the run's CloudTower (address, root password) is unknown. Fix: delete VM ${vmId} in CloudTower.`,
    );
  const step = `remove ${stripMarker(req.entry.name)} (${vmId}) on CloudTower ${ip}`;
  const rest = towerRest(req.run, ip, req.tower.rootPassword);
  const api = new CloudTowerVmApi(rest);
  const prev = resumeDetails<TowerVmHeartbeat>();
  const beat: TowerVmHeartbeat = prev?.vmId === vmId ? { ...prev } : { vmId };
  // Every heartbeat while waiting carries the task ids, so a retry after kill -9 still knows them.
  const keep = () => ({ ...beat });
  const find = async (): Promise<TowerVm | undefined> =>
    (await remoteStep(`${step}: look it up`, () => api.getVms({ id: vmId })))[0];
  const gone = async () => {
    await pollUntil(
      {
        intervalSeconds: req.run.timing.jobPollSeconds,
        timeoutSeconds: req.run.timing.jobTimeoutSeconds,
        what: `${step}: wait until it is gone`,
      },
      async () => ((await find()) ? undefined : true),
      keep,
    );
  };

  if (beat.deleteTask) {
    await waitTowerTask(rest, req.run, beat.deleteTask, step, keep);
    await gone();
    return { outcome: 'removed' };
  }
  let vm = await find();
  if (!vm) return { outcome: beat.poweroffTask ? 'removed' : 'already-gone' };
  // A delete an earlier attempt posted whose answer (or heartbeat) was lost: wait, never post again.
  if (vm.entityAsyncStatus === 'DELETING') {
    await gone();
    return { outcome: 'removed' };
  }
  if (beat.poweroffTask) await waitTowerTask(rest, req.run, beat.poweroffTask, `${step}: power off`, keep);
  else if (vm.status === 'RUNNING' && !vm.entityAsyncStatus) {
    const [off] = await remoteStep(`${step}: power off`, () => api.poweroffVm({ id: vmId }));
    if (off?.task_id) {
      beat.poweroffTask = off.task_id;
      ctx.heartbeat(beat);
      await waitTowerTask(rest, req.run, off.task_id, `${step}: power off`, keep);
    }
  }
  vm = await find();
  if (!vm) return { outcome: 'removed' };
  // Powering on or off, or still being created: a later attempt goes on once it has settled.
  if (vm.entityAsyncStatus === 'DELETING') {
    await gone();
    return { outcome: 'removed' };
  }
  if (vm.entityAsyncStatus || vm.status === 'RUNNING') {
    const state = String(vm.entityAsyncStatus ?? vm.status);
    throw transient(`${step}: the VM is ${state}; trying again`, {
      key: 'failure.vmBusy',
      params: { state },
    });
  }
  const [del] = await remoteStep(step, () => api.deleteVm({ id: vmId }));
  if (!del) return { outcome: beat.poweroffTask ? 'removed' : 'already-gone' };
  if (del.task_id) {
    beat.deleteTask = del.task_id;
    ctx.heartbeat(beat);
    await waitTowerTask(rest, req.run, del.task_id, step, keep);
  }
  await gone();
  return { outcome: 'removed' };
}
