// The VM network CloudTower, OBS and Backup are placed on (docs/decisions.md "VM network of CloudTower,
// OBS and Backup"): 虚拟网络 row 5 when the workbook plans the extra management network, else row 4.
// Pure, so workflows can call it.

export interface PlannedVmNetwork {
  /** 虚拟网络 row: 4 (management) or 5 (extra management, created on the management VDS when missing). */
  row: 4 | 5;
  name: string;
  vlanId: number;
}

type Row = { networkName: string; vlanId: number };

/** Takes the networks only, so both the plan and the run's copy of it (secrets as references) fit. */
export function plannedVmNetwork(plan: {
  networks: { management: Row; extraManagement?: Row };
}): PlannedVmNetwork {
  const extra = plan.networks.extraManagement;
  if (extra) return { row: 5, name: extra.networkName, vlanId: extra.vlanId };
  const mgmt = plan.networks.management;
  return { row: 4, name: mgmt.networkName, vlanId: mgmt.vlanId };
}
