import { isCancellation, patched, proxyActivities, workflowInfo } from '@temporalio/workflow';
import type { CleanupActivities } from '../../activities/cleanup/index.js';
import { towerAccess } from '../../run/tower-access.js';
import { lookup, remoteJob } from '../activity-options.js';
import { afterRetriesEnded, describeError } from '../describe-error.js';
import { coded } from '../../i18n/coded.js';
import type { StageContext } from './context.js';

/**
 * Stage 11, at the end of a bring-up: the CloudTower ISO leaves the CloudTower VM's CD-ROM, image
 * upload volumes this run left filling are deleted, the test VMs of the test load are deleted (or
 * kept with `--keep-test-vms`). Sessions: every step opens its own short session per call and
 * neither API documents a logout, so none is left to close (docs/decisions.md). Whatever fails here
 * is a warning with its fix: the cluster and CloudTower are up, the bring-up does not fail for it.
 */
export async function cleanupStage(ctx: StageContext): Promise<void> {
  const { input, tracker, facts } = ctx;
  const { plan, run } = input;
  const access = { run, vip: plan.vip, fisheye: plan.fisheye };
  // The test VMs were created through CloudTower and leave through it (remove-tower-vm.ts); the run
  // context is already in `access`.
  const { run: _run, ...tower } = towerAccess(input);
  const workflowId = workflowInfo().workflowId;
  // No loops inside: a list and a few deletes; the history read follows the run's children.
  const { deleteRunUploadVolumes, readRunLedger } = proxyActivities<CleanupActivities>(lookup(run));
  // Inside: the Fisheye job of the eject, the power-off and the delete are awaited (ids heartbeated).
  const { ejectCloudTowerIso, removeLedgerEntry } = proxyActivities<CleanupActivities>(
    remoteJob(run, { waitSeconds: run.timing.jobTimeoutSeconds }),
  );
  const notes: string[] = [];
  const attempt = async <T>(step: string, fix: string, body: () => Promise<T>): Promise<T | undefined> => {
    try {
      return await ctx.step(step, body);
    } catch (err) {
      if (isCancellation(err)) throw err;
      // The fix is a catalogue message: the CLI and the report say it in the operator's language.
      tracker.warn(`cleanup/${step}: ${afterRetriesEnded(describeError(err))} ${fix}`);
      notes.push(`${step} failed (see warnings)`);
      return undefined;
    }
  };

  if (facts.vmUuid) {
    const vmUuid = facts.vmUuid;
    const eject = await attempt('eject-iso', coded('cleanup.fixEjectIso'), () =>
      ejectCloudTowerIso({ ...access, vmUuid }),
    );
    if (eject)
      notes.push(eject.status === 'ejected' ? 'CloudTower ISO ejected' : `CloudTower ISO: ${eject.status}`);
  }
  const volumes = await attempt('upload-volumes', coded('cleanup.fixUploadVolumes'), () =>
    deleteRunUploadVolumes({ ...access, workflowId }),
  );
  if (volumes) notes.push(`${volumes.deleted.length} leftover upload volume(s) deleted`);

  // Test VMs exist only when the test load ran; they are found in the run's ledger, never by name.
  // A test load that failed midway may have created some (the ledger read is by run: only this
  // run's). Runs recorded before this looked only after a finished one (docs/decisions.md).
  const testLoad = tracker.progress.stages.find((s) => (s.id as string) === 'test-load')?.status;
  const testLoadFailed = testLoad === 'failed' && patched('stage11-failed-test-load');
  const testLoadRan = testLoad === 'done' || testLoadFailed;
  if (!testLoadRan) notes.push('no test VMs');
  else {
    const ledger = await attempt('find-test-vms', coded('cleanup.fixFindTestVms'), () =>
      readRunLedger({ workflowId }),
    );
    // Newest first, like `cleanup`; only VMs this run created (one found by name was there before).
    const testVms = (ledger?.ledger ?? []).filter((e) => e.kind === 'test-vm' && e.createdByRun).reverse();
    if (testVms.length === 0) notes.push('no test VMs');
    else if (input.keepTestVms) notes.push(`${testVms.length} test VM(s) kept (--keep-test-vms)`);
    else {
      let removed = 0;
      for (const entry of testVms) {
        const r = await attempt(
          `delete-test-vm ${entry.name}`,
          coded('cleanup.fixDeleteTestVm', { id: entry.id, command: `hci-bringup cleanup ${workflowId}` }),
          () => removeLedgerEntry({ ...access, tower, entry, workflowId }),
        );
        if (r) removed++;
      }
      notes.push(
        `${removed} of ${testVms.length} test VM(s) deleted${testLoadFailed ? ' (left by the failed test load)' : ''}`,
      );
    }
  }
  notes.push('no sessions left open');
  tracker.notes['cleanup'] = notes.join('; ');
}
