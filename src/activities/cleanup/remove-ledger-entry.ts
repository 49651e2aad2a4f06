// `cleanup` (and stage 11's test VMs): removes one thing a run created, through the Fisheye API
// (the test VMs of stage 09 through CloudTower, remove-tower-vm.ts).
// Idempotent: a thing already gone is done. Exactly once under kill -9: the id of each job posted
// is heartbeated and a retried attempt waits for that job instead of posting it again. Only kinds
// whose removal is `api` come here (src/run/ledger.ts); anything else is refused, never guessed at.
import { stripMarker } from '../../i18n/index.js';
import { Context } from '@temporalio/activity';
import { describeFailure, invalidInput, remoteRejected, remoteStep } from '../support/failures.js';
import { pollUntil, resumeDetails } from '../support/poll.js';
import { fisheyeClient, isNotFound, waitForFisheyeJob } from '../support/fisheye.js';
import { SmartxHttpError } from '../../smartx/index.js';
import { deleteRunUploadVolumes } from './delete-run-upload-volumes.js';
import { removeTowerVm } from './remove-tower-vm.js';
import type { RemoveLedgerEntryRequest, RemoveLedgerEntryResult } from './ledger-entry-removal.js';

interface RemoveHeartbeat {
  stopJob?: string;
  deleteJob?: string;
}

export async function removeLedgerEntry(req: RemoveLedgerEntryRequest): Promise<RemoveLedgerEntryResult> {
  const { entry } = req;
  if (!entry.createdByRun || entry.removal !== 'api')
    throw invalidInput(
      `cleanup: ${stripMarker(entry.name)} was not created by this run by API means; it is not removed`,
    );
  switch (entry.kind) {
    case 'vm':
      return removeVm(req);
    case 'test-vm':
      return removeTowerVm(req);
    case 'image':
      return removeImage(req);
    case 'upload-volumes': {
      const r = await deleteRunUploadVolumes({ ...req, workflowId: req.workflowId });
      return r.deleted.length > 0
        ? { outcome: 'removed', detail: r.deleted.join(', ') }
        : { outcome: 'already-gone' };
    }
    default:
      throw invalidInput(`cleanup: no API removal for ${entry.kind} ${stripMarker(entry.name)}`);
  }
}

async function removeVm(req: RemoveLedgerEntryRequest): Promise<RemoveLedgerEntryResult> {
  const ctx = Context.current();
  const client = fisheyeClient(req.run, req.vip, req.fisheye);
  const uuid = req.entry.id;
  const step = `remove ${stripMarker(req.entry.name)} (${uuid}) on ${req.vip}`;
  const beat: RemoveHeartbeat = { ...resumeDetails<RemoveHeartbeat>() };
  if (beat.deleteJob) {
    await waitForFisheyeJob(client, req.run, beat.deleteJob, step);
    return { outcome: 'removed' };
  }
  let vm;
  try {
    vm = await client.getVm(uuid);
  } catch (err) {
    // Gone: by the jobs an earlier attempt of this activity posted (removed), or before it began.
    if (isNotFound(err)) return { outcome: beat.stopJob ? 'removed' : 'already-gone' };
    throw describeFailure(step, err);
  }
  // A delete posted by an attempt that died before its heartbeat: wait for it, never post a second.
  if (vm.resource_state === 'deleting') return waitUntilGone(req, uuid, step);
  if (vm.status === 'running' || beat.stopJob) {
    if (!beat.stopJob) {
      beat.stopJob = (await remoteStep(`${step}: power off`, () => client.stopVm(uuid, true))).job_id;
      ctx.heartbeat(beat);
    }
    await waitForFisheyeJob(
      client,
      req.run,
      beat.stopJob,
      `${step}: power off`,
      beat as Record<string, unknown>,
    );
  }
  try {
    beat.deleteJob = (await client.deleteVm(uuid)).job_id;
  } catch (err) {
    if (isNotFound(err)) return { outcome: 'already-gone' };
    throw describeFailure(step, err);
  }
  ctx.heartbeat(beat);
  await waitForFisheyeJob(client, req.run, beat.deleteJob, step, beat as Record<string, unknown>);
  return { outcome: 'removed' };
}

async function waitUntilGone(
  req: RemoveLedgerEntryRequest,
  uuid: string,
  step: string,
): Promise<RemoveLedgerEntryResult> {
  const client = fisheyeClient(req.run, req.vip, req.fisheye);
  await pollUntil(
    {
      intervalSeconds: req.run.timing.jobPollSeconds,
      timeoutSeconds: req.run.timing.jobTimeoutSeconds,
      what: step,
    },
    async () => {
      try {
        await client.getVm(uuid);
        return undefined;
      } catch (err) {
        if (isNotFound(err)) return true;
        throw err;
      }
    },
  );
  return { outcome: 'removed' };
}

async function removeImage(req: RemoveLedgerEntryRequest): Promise<RemoveLedgerEntryResult> {
  const client = fisheyeClient(req.run, req.vip, req.fisheye);
  const step = `delete ${stripMarker(req.entry.name)} (${req.entry.id}) on ${req.vip}`;
  try {
    await client.deleteImage(req.entry.id);
    return { outcome: 'removed' };
  } catch (err) {
    if (isNotFound(err)) return { outcome: 'already-gone' };
    if (err instanceof SmartxHttpError && /IN_USE/i.test(err.ec ?? ''))
      throw remoteRejected(
        `${step}: ${err.message}. Fix: eject the image from the VM's CD-ROM (or remove that VM) in the SMTX OS console, then run cleanup again.`,
      );
    throw describeFailure(step, err);
  }
}
