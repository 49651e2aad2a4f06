// How a run's ledger is derived from the results its activities recorded in the run's history.
// Only fields named here are read from activity inputs and results, so a password in an input never
// reaches a ledger entry. Used by the cleanup activities (zod stays out of the workflow bundle).
import { z } from 'zod';
import { coded } from '../i18n/coded.js';
import type { LedgerEntry } from './ledger.js';

/** One completed activity of a run's history (decoded), in history order. */
export interface ActivityRecord {
  workflow: string;
  activityType: string;
  input: unknown;
  /** Absent when the activity never completed (failed, timed out, or the run was abandoned). */
  result?: unknown;
}

/** A result of an activity that reports its own ledger entries (the test-load VMs, future steps). */
const ledgerResult = z.object({
  ledger: z.array(
    z.object({
      kind: z.enum([
        'cluster',
        'image',
        'upload-volumes',
        'vm',
        'test-vm',
        'vds',
        'vlan',
        'cloudtower-object',
        'component',
        'host-password',
        'ipmi-account',
      ]),
      id: z.string().min(1),
      name: z.string(),
      where: z.string(),
      createdByRun: z.boolean(),
      step: z.string().optional(),
      removal: z.enum(['api', 'with-cloudtower-vm', 'manual']),
      note: z.string().optional(),
    }),
  ),
});

const vipInput = z.object({ vip: z.string() });
const towerInput = z.object({ cloudtowerIp: z.string() });
const clusterInput = z.object({ clusterName: z.string() });
const orgInput = z.object({ organization: z.string() });

type Mapper = (r: ActivityRecord, step: string) => LedgerEntry[];

const fisheyeAt = (input: unknown) => {
  const p = vipInput.safeParse(input);
  return p.success ? `fisheye ${p.data.vip}` : 'fisheye';
};
const towerAt = (input: unknown) => {
  const p = towerInput.safeParse(input);
  return p.success ? `cloudtower ${p.data.cloudtowerIp}` : 'cloudtower';
};

/** Per activity type: the entries its input and result say it created or found. */
const MAPPERS: Record<string, Mapper> = {
  deployClusterFromPlan: (r, step) => {
    const res = z.object({ status: z.enum(['deployed', 'already-deployed']) }).safeParse(r.result);
    const name = clusterInput.safeParse(r.input);
    if (!res.success) return [];
    return [
      {
        kind: 'cluster',
        id: name.success ? name.data.clusterName : 'cluster',
        name: coded('ledger.cluster', { name: name.success ? name.data.clusterName : '' }),
        where: 'hosts',
        createdByRun: res.data.status === 'deployed',
        step,
        removal: 'manual',
        note: coded('ledger.clusterNote'),
      },
    ];
  },
  configureBusinessNetworks: (r, step) => {
    const res = z
      .object({
        vdsUuid: z.string(),
        vdsName: z.string(),
        vdsCreated: z.boolean(),
        vlansCreated: z.array(z.string()),
      })
      .safeParse(r.result);
    if (!res.success) return [];
    const where = fisheyeAt(r.input);
    const note = coded('ledger.businessNote');
    return [
      {
        kind: 'vds',
        id: res.data.vdsUuid,
        name: coded('ledger.businessVds', { name: res.data.vdsName }),
        where,
        createdByRun: res.data.vdsCreated,
        step,
        removal: 'manual',
        note,
      },
      ...res.data.vlansCreated.map((v): LedgerEntry => ({
        kind: 'vlan',
        id: v,
        name: coded('ledger.businessVlan', { name: v }),
        where,
        createdByRun: true,
        step,
        removal: 'manual',
        note,
      })),
    ];
  },
  findCloudTowerVmPlacement: (r, step) => {
    const res = z
      .object({
        vlanUuid: z.string(),
        networkName: z.string().optional(),
        networkCreated: z.boolean().optional(),
      })
      .safeParse(r.result);
    if (!res.success || !res.data.networkCreated) return [];
    return [
      {
        kind: 'vlan',
        id: res.data.vlanUuid,
        name: coded('ledger.vmNetwork', { name: res.data.networkName ?? res.data.vlanUuid }),
        where: fisheyeAt(r.input),
        createdByRun: true,
        step,
        removal: 'manual',
        note: coded('ledger.vmNetworkNote'),
      },
    ];
  },
  uploadCloudTowerIso: (r, step) => {
    const where = fisheyeAt(r.input);
    // Volumes of this run still filling (an attempt that never finished) are swept by their marker.
    const sweep: LedgerEntry = {
      kind: 'upload-volumes',
      id: 'marked-by-run',
      name: coded('ledger.uploadVolumes'),
      where,
      createdByRun: true,
      step,
      removal: 'api',
    };
    const res = z
      .object({ imageUuid: z.string(), imagePath: z.string(), reused: z.boolean() })
      .safeParse(r.result);
    if (!res.success) return [sweep];
    return [
      sweep,
      {
        kind: 'image',
        id: res.data.imageUuid,
        name: coded('ledger.cloudtowerIso', { path: res.data.imagePath }),
        where,
        createdByRun: !res.data.reused,
        step,
        removal: 'api',
      },
    ];
  },
  // Stage 03's VMTools (SVT) ISO, when this run uploaded it (one already there is the cluster's).
  uploadVmTools: (r, step) => {
    const res = z
      .object({ status: z.literal('uploaded'), file: z.string(), imageUuid: z.string().min(1) })
      .safeParse(r.result);
    if (!res.success) return [];
    return [
      {
        kind: 'image',
        id: res.data.imageUuid,
        name: coded('cleanup.vmtoolsImage', { file: res.data.file }),
        where: fisheyeAt(r.input),
        createdByRun: true,
        step,
        removal: 'api',
      },
    ];
  },
  // The hosts' root/smartx passwords (stage 03): no API sets them back. The hosts the step changed;
  // when it failed midway (no result), every host it was given (some may have changed).
  setHostPasswords: (r, step) => {
    const hosts = z
      .object({ hosts: z.array(z.object({ hostname: z.string(), managementIp: z.string() })) })
      .safeParse(r.input);
    const res = z.object({ changed: z.array(z.string()) }).safeParse(r.result);
    if (!hosts.success || (r.result !== undefined && !res.success)) return [];
    const changed = res.success ? new Set(res.data.changed) : undefined;
    return hosts.data.hosts
      .filter((h) => !changed || changed.has(h.hostname))
      .map((h): LedgerEntry => ({
        kind: 'host-password',
        id: h.hostname,
        name: coded('cleanup.hostPassword', { host: h.hostname }),
        where: `host ${h.managementIp}`,
        createdByRun: true,
        step,
        removal: 'manual',
        note: coded(changed ? 'cleanup.hostPasswordNote' : 'cleanup.hostPasswordMaybeNote'),
      }));
  },
  // The BMC accounts registered in the cluster (stage 03): listed for the operator to undo.
  configureIpmiAccounts: (r, step) => {
    const hosts = z
      .object({
        hosts: z.array(
          z.object({ hostname: z.string(), bmc: z.object({ ip: z.string(), user: z.string() }) }),
        ),
      })
      .safeParse(r.input);
    const res = z.object({ succeeded: z.array(z.string()) }).safeParse(r.result);
    if (!hosts.success || (r.result !== undefined && !res.success)) return [];
    // Without a result (the step failed midway), any host may have been changed.
    const done = res.success ? new Set(res.data.succeeded) : undefined;
    return hosts.data.hosts
      .filter((h) => !done || done.has(h.hostname))
      .map((h): LedgerEntry => ({
        kind: 'ipmi-account',
        id: h.hostname,
        name: coded('cleanup.ipmiAccount', { user: h.bmc.user, bmc: h.bmc.ip, host: h.hostname }),
        where: fisheyeAt(r.input),
        createdByRun: true,
        step,
        removal: 'manual',
        note: coded('cleanup.ipmiAccountNote'),
      }));
  },
  createCloudTowerVm: (r, step) => {
    const res = z.object({ vmUuid: z.string(), created: z.boolean() }).safeParse(r.result);
    const name = z.object({ vmName: z.string() }).safeParse(r.input);
    if (!res.success) return [];
    return [
      {
        kind: 'vm',
        id: res.data.vmUuid,
        name: coded('ledger.cloudtowerVm', { name: name.success ? name.data.vmName : '' }),
        where: fisheyeAt(r.input),
        createdByRun: res.data.created,
        step,
        removal: 'api',
        note: coded('ledger.cloudtowerVmNote'),
      },
    ];
  },
  setupCloudTower: (r, step) => {
    const res = z
      .object({ organizationId: z.string(), organizationCreated: z.boolean() })
      .safeParse(r.result);
    const org = orgInput.safeParse(r.input);
    if (!res.success) return [];
    return [
      {
        kind: 'cloudtower-object',
        id: res.data.organizationId,
        name: coded('ledger.organization', {
          name: org.success ? org.data.organization : res.data.organizationId,
        }),
        where: towerAt(r.input),
        createdByRun: res.data.organizationCreated,
        step,
        removal: 'with-cloudtower-vm',
      },
    ];
  },
  attachClusterToCloudTower: (r, step) => {
    const res = z
      .object({
        datacenterId: z.string(),
        datacenterCreated: z.boolean(),
        clusterId: z.string(),
        alreadyConnected: z.boolean(),
      })
      .safeParse(r.result);
    if (!res.success) return [];
    const where = towerAt(r.input);
    return [
      {
        kind: 'cloudtower-object',
        id: res.data.datacenterId,
        name: coded('ledger.datacenter'),
        where,
        createdByRun: res.data.datacenterCreated,
        step,
        removal: 'with-cloudtower-vm',
      },
      {
        kind: 'cloudtower-object',
        id: res.data.clusterId,
        name: coded('ledger.clusterConnection'),
        where,
        createdByRun: !res.data.alreadyConnected,
        step,
        removal: 'with-cloudtower-vm',
      },
    ];
  },
  // Stage 09 (child `<run>/testload`): the test VMs, created through CloudTower. Only a VM this
  // activity created is the run's; one found by name was there before and is never removed.
  createTestVm: (r, step) => {
    const res = z.object({ vmId: z.string().min(1), created: z.boolean() }).safeParse(r.result);
    const name = z.object({ vmName: z.string() }).safeParse(r.input);
    if (!res.success) return [];
    return [
      {
        kind: 'test-vm',
        id: res.data.vmId,
        name: coded('ledger.testVm', { name: name.success ? name.data.vmName : res.data.vmId }),
        where: towerAt(r.input),
        createdByRun: res.data.created,
        step,
        removal: 'api',
        note: coded('ledger.testVmNote'),
      },
    ];
  },
  // The test VM image's finished upload (the upload task import-vm consumes). Not removed by
  // cleanup: a later run finds it by name and size instead of uploading again (docs/decisions.md).
  uploadTestVmImage: (r, step) => {
    const res = z
      .object({ uploadTaskId: z.string().min(1), volumeName: z.string(), status: z.string() })
      .safeParse(r.result);
    if (!res.success) return [];
    return [
      {
        kind: 'image',
        id: res.data.uploadTaskId,
        name: coded('ledger.testVmImage', { name: res.data.volumeName }),
        where: towerAt(r.input),
        createdByRun: res.data.status === 'uploaded',
        step,
        removal: 'manual',
        note: coded('ledger.testVmImageNote'),
      },
    ];
  },
  deployObsInstance: (r, step) => {
    const res = z.object({ instanceId: z.string(), created: z.boolean() }).safeParse(r.result);
    if (!res.success) return [];
    return [
      {
        kind: 'component',
        id: res.data.instanceId,
        name: coded('ledger.obsInstance'),
        where: towerAt(r.input),
        createdByRun: res.data.created,
        step,
        removal: 'manual',
        note: coded('ledger.obsNote'),
      },
    ];
  },
  deployBackupService: (r, step) => {
    const res = z.object({ serviceId: z.string(), created: z.boolean() }).safeParse(r.result);
    if (!res.success) return [];
    return [
      {
        kind: 'component',
        id: res.data.serviceId,
        name: coded('ledger.backupService'),
        where: towerAt(r.input),
        createdByRun: res.data.created,
        step,
        removal: 'manual',
        note: coded('ledger.backupNote'),
      },
    ];
  },
};

/**
 * The run's ledger in creation order. A thing found twice (a retried stage) is one entry: created by
 * the run when any attempt created it. Activities that report `ledger` entries themselves are taken
 * as they are (the test-load VMs).
 */
export function ledgerOf(records: ActivityRecord[]): LedgerEntry[] {
  const out: LedgerEntry[] = [];
  const key = (e: LedgerEntry) => `${e.kind}|${e.where}|${e.id}`;
  for (const r of records) {
    const step = `${r.workflow}/${r.activityType}`;
    const own = ledgerResult.safeParse(r.result);
    const entries = own.success
      ? own.data.ledger.map((e) => ({ ...e, step: e.step ?? step }))
      : (MAPPERS[r.activityType]?.(r, step) ?? []);
    for (const e of entries) {
      const seen = out.find((o) => key(o) === key(e));
      if (seen) seen.createdByRun ||= e.createdByRun;
      else out.push(e);
    }
  }
  return out;
}
