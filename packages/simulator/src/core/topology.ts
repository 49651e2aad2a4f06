// What the simulator plays: the machines of one bring-up, by the addresses the plan gives them.
// Built either from a workbook (plan-input.ts) or from `--hosts N` (builtinTopology).

export type StorageArchitecture = 'hybrid' | 'all-flash';

export interface SimHostSpec {
  hostname: string;
  /** Management IP as the plan names it. */
  managementIp: string;
  storageIp?: string;
  bmcIp?: string;
  /** Physical NIC names the plan wires (scan reports them, linked up). */
  nics?: string[];
}

export interface SimTopology {
  clusterName: string;
  storageArchitecture: StorageArchitecture;
  hosts: SimHostSpec[];
  vip: string;
  cloudtower?: string;
  obs?: string;
  backup?: string;
  /** Stage 09 test VM addresses (the plan's test range: its first free addresses, PAT then FIO). */
  testVms?: string[];
}

/**
 * The loopback scheme used without a plan: management 127.1.0.0/16, VIP .10, hosts from .11,
 * CloudTower 127.1.1.2, OBS .3, Backup .4. Plan addresses and loopback addresses coincide.
 */
export function builtinTopology(
  hostCount: number,
  storageArchitecture: StorageArchitecture = 'hybrid',
): SimTopology {
  if (!Number.isInteger(hostCount) || hostCount < 1 || hostCount > 200) {
    throw new Error(`--hosts must be an integer between 1 and 200 (got ${hostCount})`);
  }
  const hosts: SimHostSpec[] = [];
  for (let i = 0; i < hostCount; i++) {
    hosts.push({
      hostname: `node-${String(i + 1).padStart(2, '0')}`,
      managementIp: `127.1.0.${11 + i}`,
      storageIp: `127.1.2.${11 + i}`,
      bmcIp: `127.1.3.${11 + i}`,
    });
  }
  return {
    clusterName: 'SIM-CLUSTER',
    storageArchitecture,
    hosts,
    vip: '127.1.0.10',
    cloudtower: '127.1.1.2',
    obs: '127.1.1.3',
    backup: '127.1.1.4',
    testVms: ['127.1.2.1', '127.1.2.2'],
  };
}
