import type { DraftNetwork, DraftPlan } from './draft.js';
import type { Located } from './fields.js';
import { parseIpv4 } from './ipv4.js';
import { freeTestAddresses, TEST_VM_ROLES, testRangeNetwork } from './test-range.js';
import type { NetworkPlan, Plan, RoutedNetworkPlan, StorageNetworkPlan, TestIpRangePlan } from './types.js';

/** Thrown when a value is missing although no error was reported: a bug in the reader, not the input. */
class DraftIncomplete extends Error {
  constructor(what: string) {
    super(`plan reader bug: ${what} missing without an error`);
  }
}

function need<T>(loc: Located<T> | undefined, what: string): T {
  if (!loc) throw new DraftIncomplete(what);
  return loc.value;
}

function network(
  n: DraftNetwork,
  vds?: { name: string; nics: string[]; bondMode: NetworkPlan['bondMode'] },
): NetworkPlan {
  const out: NetworkPlan = {
    role: n.role,
    row: n.row,
    vdsName: vds?.name ?? need(n.vdsName, `row ${n.row} VDS`),
    networkName: need(n.networkName, `row ${n.row} name`),
    vlanId: need(n.vlanId, `row ${n.row} VLAN`),
    vlanType: need(n.vlanType, `row ${n.row} VLAN type`).value,
    nics: vds?.nics ?? need(n.nics, `row ${n.row} NICs`),
    bondMode: vds?.bondMode ?? need(n.bondMode, `row ${n.row} bond`).value,
  };
  if (n.subnet) out.subnet = n.subnet.value.text;
  if (n.gateway) out.gateway = n.gateway.value;
  return out;
}

const routed = (n: DraftNetwork): RoutedNetworkPlan => {
  const out = network(n);
  return { ...out, subnet: need(n.subnet, 'subnet').text, gateway: need(n.gateway, 'gateway') };
};

/** The trusted Plan; call only when the draft produced no error. */
export function buildPlan(d: DraftPlan, simulation: boolean): Plan {
  const nets = d.networks;
  const networkArchitecture = need(d.networkArchitecture, 'network architecture');
  const storageArchitecture = need(d.storageArchitecture, 'storage architecture');
  const features = need(d.features, 'features');
  const management = routed(nets.management);

  let businessVds: Plan['networks']['businessVds'];
  let businessHome: { name: string; nics: string[]; bondMode: NetworkPlan['bondMode'] };
  if (networkArchitecture.value === 'three-separate') {
    const v = nets.businessVds;
    businessVds = {
      name: need(v?.name, 'business VDS'),
      nics: need(v?.nics, 'business NICs'),
      bondMode: need(v?.bondMode, 'business bond').value,
    };
    businessHome = businessVds;
  } else {
    // 存储独立: business VLANs are added to the management VDS (FACTS.md).
    businessHome = { name: management.vdsName, nics: management.nics, bondMode: management.bondMode };
  }

  const storage: StorageNetworkPlan = {
    ...network(nets.storage),
    subnet: need(nets.storage.subnet, 'storage subnet').text,
  };

  const plan: Plan = {
    clusterName: need(d.clusterName, 'cluster name'),
    vip: need(d.vip, 'VIP'),
    networkArchitecture: networkArchitecture.value,
    storageArchitecture: storageArchitecture.value,
    features: { boost: features.value.includes('boost'), rdma: features.value.includes('rdma') },
    labels: {
      networkArchitecture: networkArchitecture.label,
      storageArchitecture: storageArchitecture.label,
      features: features.label,
    },
    hosts: d.hosts.map((h) => {
      const host: Plan['hosts'][number] = {
        row: h.row,
        hostname: need(h.hostname, 'hostname'),
        managementIp: need(h.managementIp, 'management IP'),
        storageIp: need(h.storageIp, 'storage IP'),
        bmc: {
          ip: need(h.bmcIp, 'BMC IP'),
          user: need(h.bmcUser, 'BMC user'),
          password: need(h.bmcPassword, 'BMC password'),
        },
        ssh: { user: h.sshUser.value, password: need(h.sshPassword, 'SSH password') },
      };
      if (h.rack) host.rack = h.rack.value;
      if (h.unit) host.unit = h.unit.value;
      return host;
    }),
    networks: {
      management,
      storage,
      business: nets.business.map((b) => network(b, businessHome)),
    },
    fisheye: { user: d.fisheyeUser.value, password: need(d.fisheyePassword, 'Fisheye password') },
    cloudtower: {
      ip: need(d.cloudtower.ip, 'CloudTower IP'),
      rootPassword: need(d.cloudtower.password, 'CloudTower password'),
    },
    obs: {},
    backup: {},
    er: { controllers: d.er.controllers.map((c) => c.value) },
    ntpServers: d.ntpServers.map((s) => s.value),
    dnsServers: d.dnsServers.map((s) => s.value),
    organization: d.organization.value,
    datacenter: d.datacenter.value,
    simulation,
  };
  if (d.clusterSerial) plan.clusterSerial = d.clusterSerial;
  if (d.cloudtower.serial) plan.cloudtower.serial = d.cloudtower.serial;
  if (d.obs.ip) plan.obs.ip = d.obs.ip.value;
  if (d.obs.serial) plan.obs.serial = d.obs.serial;
  if (d.backup.ip) plan.backup.ip = d.backup.ip.value;
  if (d.backup.serial) plan.backup.serial = d.backup.serial;
  if (d.er.vip) plan.er.vip = d.er.vip.value;
  if (d.er.serial) plan.er.serial = d.er.serial;
  if (nets.ipmiSubnet || nets.ipmiGateway) {
    plan.networks.ipmi = {};
    if (nets.ipmiSubnet) plan.networks.ipmi.subnet = nets.ipmiSubnet.value.text;
    if (nets.ipmiGateway) plan.networks.ipmi.gateway = nets.ipmiGateway.value;
  }
  if (nets.extraManagement) plan.networks.extraManagement = routed(nets.extraManagement);
  if (nets.backup) plan.networks.backup = network(nets.backup);
  if (businessVds) plan.networks.businessVds = businessVds;
  if (d.testRange.start && d.testRange.end)
    plan.testIpRange = testIpRangeOf(d, d.testRange.start, d.testRange.end);
  return plan;
}

/** The range with the network that holds it and its free addresses (rules/test-range-rules.ts checked both). */
function testIpRangeOf(d: DraftPlan, start: Located<string>, end: Located<string>): TestIpRangePlan {
  const range: TestIpRangePlan = { start: start.value, end: end.value };
  const s = parseIpv4(start.value);
  const e = parseIpv4(end.value);
  if (s === undefined || e === undefined) return range;
  const home = testRangeNetwork(d, s, e);
  if (!home?.subnet || !home.networkName || home.vlanId === undefined) return range;
  range.network = {
    role: home.role,
    row: home.row,
    networkName: home.networkName.value,
    vlanId: home.vlanId.value,
    subnet: home.subnet.value.text,
  };
  if (home.gateway) range.network.gateway = home.gateway.value;
  range.addresses = freeTestAddresses(d, s, e, home.subnet.value, TEST_VM_ROLES.length);
  return range;
}
