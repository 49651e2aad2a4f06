import { Context } from '@temporalio/activity';
import { invalidInput, precheckFailed, remoteRejected } from '../support/failures.js';
import { pollUntil } from '../support/poll.js';
import { clusterByVip } from '../support/tower-cluster.js';
import { towerClients } from '../support/tower-clients.js';
import type { TowerAccess } from '../../run/tower-access.js';
import { waitTowerTask } from '../support/tower-tasks.js';
import { remoteStep } from '../support/failures.js';

/**
 * The backup storage network: a VM network on the storage VDS (name containing `vDS-Storage`, seed 003;
 * or `storageVdsName` from the plan; or the VDS that carries the cluster's storage network), created
 * with create-vm-vlan unless a network of that name is already there.
 */
export async function ensureBackupStorageNetwork(
  req: TowerAccess & {
    clusterVip: string;
    storageNetwork: { name: string; vlanId: number };
    storageVdsName?: string;
  },
): Promise<{ vdsId: string; vlanId: string; created: boolean }> {
  const step = 'create the backup storage network';
  const { name, vlanId } = req.storageNetwork ?? { name: '', vlanId: -1 };
  if (!name)
    throw invalidInput('storageNetwork.name is empty: fill 虚拟网络 row 7, column D (backup network name)');
  if (!Number.isInteger(vlanId) || vlanId < 0 || vlanId > 4094) {
    throw invalidInput(`storageNetwork.vlanId must be 0–4094 (got ${vlanId}): fix 虚拟网络 row 7, column F`);
  }
  return remoteStep(step, async () => {
    const { rest } = towerClients(req);
    const cluster = await clusterByVip(rest, req.clusterVip);
    const vdses = (await rest.getVdses()).filter((v) => !v.cluster?.id || v.cluster.id === cluster.id);
    const vlans = await rest.getVlans();
    const byPlan = req.storageVdsName
      ? vdses.find((v) => v.name.toLowerCase() === req.storageVdsName!.toLowerCase())
      : undefined;
    const byName = vdses.filter((v) => v.name.toLowerCase().includes('vds-storage'));
    const storageTypeVds = new Set(
      vlans
        .filter((l) => (l as Record<string, unknown>).type === 'STORAGE' && l.vds?.id)
        .map((l) => l.vds!.id),
    );
    const vds =
      byPlan ?? (byName.length === 1 ? byName[0] : undefined) ?? vdses.find((v) => storageTypeVds.has(v.id));
    if (!vds) {
      throw precheckFailed(
        `${step}: no storage VDS on cluster ${cluster.name} (get-vdses: ${vdses.map((v) => v.name).join(', ') || 'none'}; looked for ${req.storageVdsName ? `"${req.storageVdsName}", ` : ''}a name containing "vDS-Storage", or the VDS of the storage network). Fix: name the storage VDS in 虚拟网络!C6.`,
      );
    }
    const existing = vlans.find((l) => l.vds?.id === vds.id && l.name === name);
    if (existing) {
      if (existing.vlan_id !== undefined && existing.vlan_id !== null && existing.vlan_id !== vlanId) {
        throw invalidInput(
          `${step}: network "${name}" already exists on ${vds.name} with VLAN ${existing.vlan_id}, the plan says ${vlanId}. Fix: correct 虚拟网络 row 7 or rename the network.`,
        );
      }
      if ((existing as Record<string, unknown>).entityAsyncStatus === 'CREATING') {
        // Created by an earlier attempt that did not see its task finish: wait for it here.
        await pollUntil(
          {
            intervalSeconds: req.run.timing.jobPollSeconds,
            timeoutSeconds: req.run.timing.jobTimeoutSeconds,
            what: `network ${name} created`,
          },
          async () => {
            const now = (await rest.getVlans()).find((l) => l.id === existing.id);
            return now && (now as Record<string, unknown>).entityAsyncStatus !== 'CREATING'
              ? true
              : undefined;
          },
        );
      }
      return { vdsId: vds.id, vlanId: existing.id, created: false };
    }
    const [out] = await rest.createVmVlan([{ vds_id: vds.id, name, vlan_id: vlanId }]);
    if (!out) {
      throw remoteRejected(`${step}: create-vm-vlan answered an empty list`);
    }
    Context.current().heartbeat({ vlanId: out.data.id, taskId: out.task_id });
    if (out.task_id) await waitTowerTask(rest, req.run, out.task_id, `create network ${name} on ${vds.name}`);
    Context.current().log.info('backup storage network created', { vds: vds.name, name, vlanId });
    return { vdsId: vds.id, vlanId: out.data.id, created: true };
  });
}
