import type { Choice } from './fields.js';
import type { FeatureSet } from './draft.js';
import type { BondMode, NetworkArchitecture, StorageArchitecture, VlanType } from './types.js';

// The template's dropdown labels and the stable ASCII values the code works with.

export const NETWORK_ARCHITECTURES: readonly Choice<NetworkArchitecture>[] = [
  { label: '三网融合', value: 'converged' },
  { label: '存储独立', value: 'storage-separate' },
  { label: '三网独立', value: 'three-separate' },
];

export const STORAGE_ARCHITECTURES: readonly Choice<StorageArchitecture>[] = [
  { label: '混闪-分层', value: 'hybrid-tiered' },
  { label: '全闪-不分层', value: 'all-flash-untiered' },
];

export const FEATURE_SETS: readonly Choice<FeatureSet>[] = [
  { label: 'None', value: 'none' },
  { label: 'RDMA', value: 'rdma' },
  { label: 'Boost', value: 'boost' },
  { label: 'RDMA+Boost', value: 'rdma+boost' },
];

export const BOND_MODES: readonly Choice<BondMode>[] = [
  { label: 'active-backup', value: 'active-backup' },
  { label: 'balance-slb', value: 'balance-slb' },
  { label: 'balance-tcp', value: 'balance-tcp' },
];

export const VLAN_TYPES: readonly Choice<VlanType>[] = [
  { label: 'Access', value: 'access' },
  { label: 'Trunk', value: 'trunk' },
];

export const labelOf = <T extends string>(choices: readonly Choice<T>[], value: T): string =>
  choices.find((c) => c.value === value)?.label ?? value;
