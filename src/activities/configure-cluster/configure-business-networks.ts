// Seed 003 §03 "创建业务虚拟交换机", "查询VDS创建状态", "创建业务网络"; FACTS.md: 三网独立 → a business
// VDS with data_ip = storage IP, 存储独立 → business VLANs on the management VDS. Natural keys: the
// VDS by name, each VLAN by name on its VDS.
import { Context } from '@temporalio/activity';
import { ApplicationFailure } from '@temporalio/common';
import { SmartxHttpError, type FisheyeClient, type Job } from '../../smartx/index.js';
import type { RunContext } from '../../run/input.js';
import {
  FailureType,
  invalidInput,
  remoteStep,
  precheckFailed,
  remoteJobFailed,
} from '../support/failures.js';
import { isTransient, pollUntil, resumeDetails } from '../support/poll.js';
import { fisheyeClient, waitForFisheyeJob, type Fisheye } from '../support/fisheye.js';

export interface ConfigureBusinessNetworksRequest {
  run: RunContext;
  vip: string;
  fisheye: Fisheye;
  networkArchitecture: 'three-separate' | 'storage-separate';
  managementVdsName: string;
  /** 虚拟网络 row 8: the business VDS (三网独立 only). */
  businessVds?: { name: string; nics: string[]; bondMode: string };
  /** 虚拟网络 rows 8–18: one VLAN each. */
  business: { networkName: string; vlanId: number }[];
  hosts: { hostUuid: string; storageIp: string }[];
}

export interface BusinessNetworksResult {
  vdsUuid: string;
  vdsName: string;
  vdsCreated: boolean;
  vlansCreated: string[];
  vlansExisting: string[];
  vlansCount: number;
}

/** Heartbeat details: the job of a VDS creation in flight, so a retry waits on it instead of creating another. */
interface NetworksProgress {
  vdsName?: string;
  vdsJobId?: string;
  /** Set just before the create POST: a create whose answer never came may still be a job in flight. */
  vdsCreateSentAt?: number;
}

async function findVds(client: FisheyeClient, name: string) {
  return (await client.listVdses()).find((v) => v.name === name);
}

function vdsUuidFromJob(job: Job, name: string): string | undefined {
  const resources = Object.entries(job.resources ?? {});
  const match =
    resources.find(([, r]) => r.type === 'NETWORK_VDS' && (r as { name?: unknown }).name === name) ??
    resources.find(([, r]) => r.type === 'NETWORK_VDS') ??
    resources[0];
  return match ? (match[1].uuid ?? match[0]) : undefined;
}

/**
 * After a create POST that got no answer: polls the VDS list for a VDS of that name for 60 polls (5 min
 * on site; a VDS create job takes seconds), within the job timeout. Undefined when none appeared.
 */
async function waitForUnansweredVds(
  req: ConfigureBusinessNetworksRequest,
  client: FisheyeClient,
  name: string,
): Promise<{ uuid: string } | undefined> {
  Context.current().log.warn('the VDS create got no answer: waiting to see whether it was applied', {
    vds: name,
  });
  try {
    return await pollUntil(
      {
        intervalSeconds: req.run.timing.jobPollSeconds,
        timeoutSeconds: Math.min(req.run.timing.jobTimeoutSeconds, 60 * req.run.timing.jobPollSeconds),
        what: `the business VDS ${name} of an unanswered create`,
      },
      () => findVds(client, name),
    );
  } catch (err) {
    if (err instanceof ApplicationFailure && err.type === FailureType.timeout) return undefined;
    throw err;
  }
}

/** Finds the business VDS by name or creates it (waiting for its job); resumes a creation in flight. */
async function ensureBusinessVds(
  req: ConfigureBusinessNetworksRequest,
  client: FisheyeClient,
  vds: NonNullable<ConfigureBusinessNetworksRequest['businessVds']>,
): Promise<{ uuid: string; created: boolean }> {
  const ctx = Context.current();
  const previous = resumeDetails<NetworksProgress>();
  let jobId = previous?.vdsName === vds.name ? previous.vdsJobId : undefined;
  const existing = await findVds(client, vds.name);
  if (existing) {
    // Created by a previous attempt of this activity (its job id is in the heartbeat) or found as it was.
    ctx.log.info('business VDS exists', { vds: vds.name, uuid: existing.uuid, byPreviousAttempt: !!jobId });
    return { uuid: existing.uuid, created: !!jobId };
  }
  const step = `create the business VDS ${vds.name}`;
  let job: Job | undefined;
  if (jobId) {
    // A previous attempt started the creation: wait for that job rather than creating a second VDS.
    try {
      ctx.log.info('waiting for the VDS creation of a previous attempt', { vds: vds.name, jobId });
      job = await waitForFisheyeJob(client, req.run, jobId, step, { vdsName: vds.name, vdsJobId: jobId });
    } catch (err) {
      const gone = err instanceof SmartxHttpError && err.kind === 'not-found';
      const failed = err instanceof ApplicationFailure && err.type === FailureType.remoteFailed;
      if (!gone && !failed) throw err;
      ctx.log.warn('the previous VDS creation did not succeed; creating it again', { vds: vds.name, jobId });
      job = undefined;
      const again = await findVds(client, vds.name);
      if (again) return { uuid: again.uuid, created: true };
    }
  }
  if (!job && !jobId && previous?.vdsName === vds.name && previous.vdsCreateSentAt !== undefined) {
    // A previous attempt sent the create and died before its answer: its job may still be running.
    const appeared = await waitForUnansweredVds(req, client, vds.name);
    if (appeared) return { uuid: appeared.uuid, created: true };
  }
  if (!job) {
    const hosts = req.hosts.map((h) => ({
      host_uuid: h.hostUuid,
      nics_associated: vds.nics,
      data_ip: h.storageIp,
    }));
    ctx.heartbeat({ vdsName: vds.name, vdsCreateSentAt: Date.now() } satisfies NetworksProgress);
    try {
      jobId = (await client.createVds({ name: vds.name, bond_mode: vds.bondMode, hosts_associated: hosts }))
        .job_id;
    } catch (err) {
      // No answer (reset, timeout, 5xx) does not mean no VDS: the create may have been applied and its
      // job be running. Wait for the VDS to appear before the retry would create a second one.
      if (!isTransient(err)) throw err;
      const appeared = await waitForUnansweredVds(req, client, vds.name);
      if (appeared) return { uuid: appeared.uuid, created: true };
      throw err;
    }
    ctx.heartbeat({ vdsName: vds.name, vdsJobId: jobId } satisfies NetworksProgress);
    job = await waitForFisheyeJob(client, req.run, jobId, step, { vdsName: vds.name, vdsJobId: jobId });
  }
  const uuid = vdsUuidFromJob(job, vds.name) ?? (await findVds(client, vds.name))?.uuid;
  if (!uuid) {
    throw remoteJobFailed(
      `${step}: job ${jobId} is done but names no VDS and none named ${vds.name} exists on ${req.vip}. Fix: check the VDS list in the SMTX OS console; the step is retried.`,
    );
  }
  const created = await client.getVds(uuid);
  if (created.name !== vds.name || (created.bond_mode && created.bond_mode !== vds.bondMode)) {
    throw remoteJobFailed(
      `${step}: VDS ${uuid} reads back as ${created.name} / ${created.bond_mode ?? '?'}, expected ${vds.name} / ${vds.bondMode}. Fix: check the VDS in the SMTX OS console.`,
    );
  }
  ctx.log.info('business VDS created', { vds: vds.name, uuid });
  return { uuid, created: true };
}

/** The business VDS (created or found) and one VLAN per business network on it. */
export async function configureBusinessNetworks(
  req: ConfigureBusinessNetworksRequest,
): Promise<BusinessNetworksResult> {
  const log = Context.current().log;
  const names = new Set<string>();
  for (const b of req.business) {
    if (names.has(b.networkName))
      throw invalidInput(
        `business network ${b.networkName} appears twice in 虚拟网络: network names must be unique`,
      );
    names.add(b.networkName);
  }
  const client = fisheyeClient(req.run, req.vip, req.fisheye);

  let vdsName: string;
  let vds: { uuid: string; created: boolean };
  if (req.networkArchitecture === 'three-separate') {
    const business = req.businessVds;
    if (!business)
      throw invalidInput(
        '三网独立 (three separate networks) needs a business VDS: fill 虚拟网络 row 8 (C VDS name, J NICs, K bond mode)',
      );
    const incomplete = req.hosts.find((h) => !h.hostUuid || !h.storageIp);
    if (incomplete)
      throw invalidInput(
        `business VDS ${business.name}: a host has no ${incomplete.hostUuid ? `storage IP (host ${incomplete.hostUuid}; fill 主机规划!N)` : 'UUID (the host scan of the deploy stage did not report it)'}`,
      );
    if (req.hosts.length === 0) throw invalidInput(`business VDS ${business.name}: no hosts to attach`);
    if (business.nics.length === 0)
      throw invalidInput(`business VDS ${business.name} has no NICs: fill 虚拟网络!J8`);
    vdsName = business.name;
    vds = await remoteStep(`create the business VDS ${business.name} via ${req.vip}`, () =>
      ensureBusinessVds(req, client, business),
    );
  } else {
    vdsName = req.managementVdsName;
    vds = await remoteStep(`find the management VDS ${vdsName} via ${req.vip}`, async () => {
      const all = await client.listVdses();
      const found = all.find((v) => v.name === vdsName);
      if (!found) {
        throw precheckFailed(
          `find the management VDS ${vdsName} via ${req.vip}: no VDS of that name (the cluster has ${all.map((v) => v.name).join(', ') || 'none'}). Fix: 虚拟网络!C4 must name the management VDS used at deploy.`,
        );
      }
      return { uuid: found.uuid, created: false };
    });
  }

  const vlansCreated: string[] = [];
  const vlansExisting: string[] = [];
  const step = `create the business networks on VDS ${vdsName} via ${req.vip}`;
  const vlansCount = await remoteStep(step, async () => {
    const before = await client.listVlans(vds.uuid);
    const expected = new Set([...before.map((v) => v.name), ...names]);
    for (const b of req.business) {
      let existing = before.find((v) => v.name === b.networkName);
      if (!existing) {
        try {
          await client.createVlan(vds.uuid, b.networkName, b.vlanId);
          vlansCreated.push(b.networkName);
          Context.current().heartbeat({ vdsName, vlansCreated });
          continue;
        } catch (err) {
          // Created meanwhile (a parallel attempt): look again before giving up.
          existing = (await client.listVlans(vds.uuid)).find((v) => v.name === b.networkName);
          if (!existing) throw err;
        }
      }
      if (existing.vlan_id !== b.vlanId) {
        throw precheckFailed(
          `${step}: network ${b.networkName} exists with VLAN ID ${existing.vlan_id}, the plan says ${b.vlanId}. Fix: correct the VLAN ID in 虚拟网络 or change the network in the SMTX OS console.`,
        );
      }
      vlansExisting.push(b.networkName);
    }
    const after = await client.getVds(vds.uuid);
    const count = after.vlans_count ?? (await client.listVlans(vds.uuid)).length;
    if (count < expected.size) {
      throw remoteJobFailed(
        `${step}: VDS ${vdsName} reports vlans_count ${count}, expected at least ${expected.size} (${[...expected].join(', ')}). Fix: check the networks of the VDS in the SMTX OS console; the step is retried.`,
      );
    }
    return count;
  });

  log.info('business networks ready', { vds: vdsName, vlansCreated, vlansExisting, vlansCount });
  return { vdsUuid: vds.uuid, vdsName, vdsCreated: vds.created, vlansCreated, vlansExisting, vlansCount };
}
