import type { Choice, Located } from './fields.js';
import type { Cidr } from './ipv4.js';
import type { LocalizedText } from './messages.js';
import type { Secret } from './secret.js';
import type { BondMode, NetworkArchitecture, NetworkRole, StorageArchitecture, VlanType } from './types.js';

// The plan as read, before it is trusted: every value keeps the cell it came from, and a value is
// undefined when its cell was empty or invalid (the reader has reported that already). The
// cross-field rules work on this shape; build-plan.ts turns it into a Plan when no error was found.

export type FeatureSet = 'none' | 'rdma' | 'boost' | 'rdma+boost';

export interface DraftNetwork {
  role: NetworkRole;
  row: number;
  label: LocalizedText;
  vdsName?: Located<string>;
  networkName?: Located<string>;
  vlanId?: Located<number>;
  vlanType?: Located<Choice<VlanType>>;
  subnet?: Located<Cidr>;
  gateway?: Located<string>;
  nics?: Located<string[]>;
  bondMode?: Located<Choice<BondMode>>;
}

export interface DraftHost {
  row: number;
  hostname?: Located<string>;
  managementIp?: Located<string>;
  storageIp?: Located<string>;
  bmcIp?: Located<string>;
  bmcUser?: Located<string>;
  bmcPassword?: Located<Secret>;
  sshUser: Located<string>;
  sshPassword?: Located<Secret>;
  rack?: Located<string>;
  unit?: Located<string>;
}

export interface DraftBusinessVds {
  name?: Located<string>;
  nics?: Located<string[]>;
  bondMode?: Located<Choice<BondMode>>;
}

export interface DraftPlan {
  clusterName?: Located<string>;
  vip?: Located<string>;
  clusterSerial?: string;
  networkArchitecture?: Located<Choice<NetworkArchitecture>>;
  storageArchitecture?: Located<Choice<StorageArchitecture>>;
  features?: Located<Choice<FeatureSet>>;
  fisheyeUser: Located<string>;
  fisheyePassword?: Located<Secret>;
  hosts: DraftHost[];
  networks: {
    ipmiSubnet?: Located<Cidr>;
    ipmiGateway?: Located<string>;
    management: DraftNetwork;
    extraManagement?: DraftNetwork;
    storage: DraftNetwork;
    backup?: DraftNetwork;
    business: DraftNetwork[];
    /** Row 8's VDS cells, read only for 三网独立. */
    businessVds?: DraftBusinessVds;
  };
  cloudtower: { ip?: Located<string>; password?: Located<Secret>; serial?: string };
  obs: { ip?: Located<string>; serial?: string };
  backup: { ip?: Located<string>; serial?: string };
  er: { vip?: Located<string>; controllers: Located<string>[]; serial?: string };
  testRange: { start?: Located<string>; end?: Located<string> };
  ntpServers: Located<string>[];
  dnsServers: Located<string>[];
  organization: Located<string>;
  datacenter: Located<string>;
}
