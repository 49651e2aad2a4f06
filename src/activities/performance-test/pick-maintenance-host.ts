// Stage 10, disruptive test (approved per run): which host goes into maintenance. The operator's
// `--disruptive-host` when given (it must be a host CloudTower manages); otherwise the last host
// of the plan on which CloudTower lists no VM holding the CloudTower, OBS or Backup address, so the
// management plane is not live-migrated under the test (docs/decisions.md "Disruptive tests,
// approved per run"). Read-only: a retry simply picks again.
import { precheckFailed, remoteStep } from '../support/failures.js';
import type { TowerAccess } from '../../run/tower-access.js';
import { maintenanceApi } from './maintenance-host.js';

export interface PickMaintenanceHostRequest extends TowerAccess {
  /** The operator's choice (`--disruptive-host`), by the plan's host name. */
  hostName?: string;
  /** The plan's host names in plan order (主机规划 H). */
  planHosts: string[];
  /** CloudTower, OBS and Backup addresses: a host running a VM with one of them is avoided. */
  managementIps: string[];
}

export async function pickMaintenanceHost(
  req: PickMaintenanceHostRequest,
): Promise<{ hostId: string; hostName: string; chosenBy: 'operator' | 'default' }> {
  const m = maintenanceApi(req);
  const hosts = await remoteStep(`list the hosts on CloudTower ${req.cloudtowerIp}`, () =>
    m.api.getHosts({}),
  );
  const listed = hosts.map((h) => h.name).join(', ') || 'none';
  if (req.hostName) {
    const host = hosts.find((h) => h.name === req.hostName);
    if (!host)
      throw precheckFailed(
        `disruptive test: host "${req.hostName}" (--disruptive-host) is not managed by CloudTower ${req.cloudtowerIp} (hosts: ${listed}). Fix: name one of them.`,
      );
    return { hostId: host.id, hostName: host.name, chosenBy: 'operator' };
  }
  for (const name of [...req.planHosts].reverse()) {
    const host = hosts.find((h) => h.name === name);
    if (!host) continue;
    const vms = await remoteStep(`list the VMs on host ${name}`, () => m.api.getVmsOnHost(host.id));
    const holds = vms.some((vm) =>
      (vm.ips ?? '').split(/[,\s]+/).some((ip) => ip && req.managementIps.includes(ip)),
    );
    if (!holds) return { hostId: host.id, hostName: host.name, chosenBy: 'default' };
  }
  throw precheckFailed(
    `disruptive test: no host of the plan is free of the CloudTower/OBS/Backup VMs (CloudTower lists: ${listed}). Fix: name the host with --disruptive-host.`,
  );
}
