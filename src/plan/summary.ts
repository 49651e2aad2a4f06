import type { NetworkPlan, Plan } from './types.js';

/** JSON-safe view of a network (no secrets live there, but keep the shape explicit). */
function networkSummary(n: NetworkPlan) {
  return {
    row: n.row,
    vdsName: n.vdsName,
    networkName: n.networkName,
    vlanId: n.vlanId,
    vlanType: n.vlanType,
    subnet: n.subnet ?? null,
    gateway: n.gateway ?? null,
    nics: [...n.nics],
    bondMode: n.bondMode,
  };
}

/**
 * A JSON-safe summary of the plan without any secret: not masked, absent. Used as the workflow memo
 * and as `plan` in `validate --json`. Built field by field (not by copying the Plan) so a secret
 * added to Plan later cannot slip into it.
 */
export function planSummary(plan: Plan) {
  const { networks: n } = plan;
  return {
    clusterName: plan.clusterName,
    vip: plan.vip,
    clusterSerial: plan.clusterSerial ?? null,
    networkArchitecture: plan.networkArchitecture,
    storageArchitecture: plan.storageArchitecture,
    features: { ...plan.features },
    labels: { ...plan.labels },
    simulation: plan.simulation,
    hosts: plan.hosts.map((h) => ({
      row: h.row,
      hostname: h.hostname,
      managementIp: h.managementIp,
      storageIp: h.storageIp,
      bmcIp: h.bmc.ip,
      bmcUser: h.bmc.user,
      sshUser: h.ssh.user,
      rack: h.rack ?? null,
      unit: h.unit ?? null,
    })),
    networks: {
      ipmi: n.ipmi ? { subnet: n.ipmi.subnet ?? null, gateway: n.ipmi.gateway ?? null } : null,
      management: networkSummary(n.management),
      extraManagement: n.extraManagement ? networkSummary(n.extraManagement) : null,
      storage: networkSummary(n.storage),
      backup: n.backup ? networkSummary(n.backup) : null,
      businessVds: n.businessVds ? { ...n.businessVds, nics: [...n.businessVds.nics] } : null,
      business: n.business.map(networkSummary),
    },
    fisheye: { user: plan.fisheye.user },
    cloudtower: { ip: plan.cloudtower.ip, serial: plan.cloudtower.serial ?? null },
    obs: { ip: plan.obs.ip ?? null, serial: plan.obs.serial ?? null },
    backup: { ip: plan.backup.ip ?? null, serial: plan.backup.serial ?? null },
    er: { vip: plan.er.vip ?? null, controllers: [...plan.er.controllers], serial: plan.er.serial ?? null },
    ntpServers: [...plan.ntpServers],
    dnsServers: [...plan.dnsServers],
    testIpRange: plan.testIpRange ? { ...plan.testIpRange } : null,
    organization: plan.organization,
    datacenter: plan.datacenter,
  };
}

export type PlanSummary = ReturnType<typeof planSummary>;
