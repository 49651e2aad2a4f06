import { BOND_MODES, VLAN_TYPES } from './choices.js';
import type { DraftBusinessVds, DraftNetwork, DraftPlan } from './draft.js';
import { FIELD, NETWORK_NAME, ofNetwork } from './field-names.js';
import type { FieldReader } from './fields.js';
import { FIELD_DEFAULTS, NETWORK_SHEET, SHEETS } from './layout.js';
import { text } from './messages.js';
import type { NetworkArchitecture, NetworkRole } from './types.js';

const C = NETWORK_SHEET.col;
const at = (col: string, row: number) => ({ sheet: SHEETS.networks, cell: `${col}${row}` });

interface RowSpec {
  role: NetworkRole;
  row: number;
  /** Row whose VDS name / NICs / bond mode apply (row 5 shares row 4's merged cells). */
  vdsRow?: number;
  vlanDefault?: number;
  vlanRequired: boolean;
  subnetRequired: boolean;
  gatewayRequired: boolean;
}

function readRow(r: FieldReader, spec: RowSpec): DraftNetwork {
  const label = NETWORK_NAME[spec.role];
  const field = (f: (typeof FIELD)[keyof typeof FIELD]) => ofNetwork(label, f);
  const { row } = spec;
  const net: DraftNetwork = { role: spec.role, row, label };
  net.networkName = r.text(at(C.networkName, row), field(FIELD.networkName), { required: true });
  net.vlanId = r.vlan(at(C.vlanId, row), field(FIELD.vlanId), {
    required: spec.vlanRequired,
    fallback: spec.vlanDefault,
  });
  net.vlanType = r.choice(at(C.vlanType, row), field(FIELD.vlanType), VLAN_TYPES, {
    fallback: VLAN_TYPES[0],
  });
  net.subnet = r.cidr(at(C.subnet, row), field(FIELD.subnet), {
    required: spec.subnetRequired || r.has(at(C.gateway, row)),
  });
  net.gateway = r.ip(at(C.gateway, row), field(FIELD.gateway), { required: spec.gatewayRequired });
  if (spec.vdsRow !== undefined) {
    const vdsRow = spec.vdsRow;
    net.vdsName = r.text(at(C.vdsName, vdsRow), field(FIELD.vdsName), { required: true });
    net.nics = r.nics(at(C.nics, vdsRow), net.vdsName?.value ?? label.en, { required: true });
    net.bondMode = r.choice(at(C.bondMode, vdsRow), field(FIELD.bondMode), BOND_MODES, {
      required: true,
      rule: 'bond-mode',
    });
  }
  return net;
}

/** A row is planned when one of its addressing cells is filled; labels are pre-printed in the template. */
const addressed = (r: FieldReader, row: number): boolean =>
  [C.vlanId, C.subnet, C.gateway].some((col) => r.has(at(col, row)));

/** 虚拟网络 rows 3–18. The business VDS (row 8) is read only when the architecture needs it. */
export function readNetworks(
  r: FieldReader,
  architecture: NetworkArchitecture | undefined,
): DraftPlan['networks'] {
  const N = NETWORK_SHEET;
  const ipmiSubnetRef = at(C.subnet, N.ipmiRow);
  // Row 3 (IPMI) is informational: read leniently, used only for a warning about BMC addresses.
  const ipmiSubnet = r.has(ipmiSubnetRef)
    ? r.cidr(ipmiSubnetRef, ofNetwork(NETWORK_NAME.ipmi, FIELD.subnet))
    : undefined;
  const ipmiGatewayRef = at(C.gateway, N.ipmiRow);
  const ipmiGateway = r.has(ipmiGatewayRef)
    ? r.ip(ipmiGatewayRef, ofNetwork(NETWORK_NAME.ipmi, FIELD.gateway))
    : undefined;

  const management = readRow(r, {
    role: 'management',
    row: N.managementRow,
    vdsRow: N.managementRow,
    vlanDefault: FIELD_DEFAULTS.managementVlan,
    vlanRequired: true,
    subnetRequired: true,
    gatewayRequired: true,
  });
  const extraManagement = addressed(r, N.extraManagementRow)
    ? readRow(r, {
        role: 'extra-management',
        row: N.extraManagementRow,
        // C4:C5, J4:J5 and K4:K5 are merged: the extra management network rides on the management VDS.
        vdsRow: N.managementRow,
        vlanRequired: true,
        subnetRequired: true,
        gatewayRequired: true,
      })
    : undefined;
  const storage = readRow(r, {
    role: 'storage',
    row: N.storageRow,
    vdsRow: N.storageRow,
    vlanDefault: FIELD_DEFAULTS.storageVlan,
    vlanRequired: true,
    subnetRequired: true,
    // The deploy payload has no route for the storage network: a gateway is optional.
    gatewayRequired: false,
  });

  let backup: DraftNetwork | undefined;
  if (addressed(r, N.backupRow)) {
    backup = readRow(r, {
      role: 'backup',
      row: N.backupRow,
      vdsRow: N.backupRow,
      vlanRequired: true,
      subnetRequired: true,
      gatewayRequired: false,
    });
  } else if (r.has(at(C.nics, N.backupRow))) {
    // The template pre-fills row 7's VDS and NICs but no addressing: say so rather than guess.
    r.issues.warn(at(C.vlanId, N.backupRow), 'backup-network-incomplete');
  }

  const business: DraftNetwork[] = [];
  for (let row = N.firstBusinessRow; row <= N.lastBusinessRow; row++) {
    if (!addressed(r, row) && !r.has(at(C.networkName, row))) continue;
    business.push(
      readRow(r, {
        role: 'business',
        row,
        vlanRequired: true,
        subnetRequired: false,
        gatewayRequired: false,
      }),
    );
  }

  let businessVds: DraftBusinessVds | undefined;
  const vdsRow = N.firstBusinessRow;
  if (architecture === 'three-separate') {
    const field = (f: (typeof FIELD)[keyof typeof FIELD]) => ofNetwork(NETWORK_NAME.business, f);
    const nameRef = at(C.vdsName, vdsRow);
    const name = r.text(nameRef, field(FIELD.vdsName));
    if (!name) {
      r.issues.error(nameRef, 'architecture-rows', {
        field: field(FIELD.vdsName),
        detail: text(
          '网络架构为「三网独立」，需要业务虚拟交换机：第 8 行 C 列（名称）为空',
          'Network architecture 三网独立 (three separate) needs a business VDS: row 8 column C (its name) is empty',
        ),
      });
    }
    businessVds = {
      name,
      nics: r.nics(at(C.nics, vdsRow), name?.value ?? NETWORK_NAME.business.en, { required: true }),
      bondMode: r.choice(at(C.bondMode, vdsRow), field(FIELD.bondMode), BOND_MODES, {
        required: true,
        rule: 'bond-mode',
      }),
    };
    if (business.length === 0) {
      r.issues.error(at(C.networkName, vdsRow), 'architecture-rows', {
        field: field(FIELD.networkName),
        detail: text(
          '网络架构为「三网独立」，但第 8–18 行没有任何业务网络',
          'Network architecture 三网独立 (three separate) needs at least one business network in rows 8-18',
        ),
      });
    }
  } else if (
    architecture === 'storage-separate' &&
    [C.vdsName, C.nics].some((col) => r.has(at(col, vdsRow)))
  ) {
    r.issues.warn(at(C.vdsName, vdsRow), 'business-vds-ignored');
  }

  return { ipmiSubnet, ipmiGateway, management, extraManagement, storage, backup, business, businessVds };
}
