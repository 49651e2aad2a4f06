import { text, type LocalizedText } from './messages.js';

// What each cell means, in both languages, for messages ("管理地址不能为空").

export const FIELD = {
  clusterName: text('集群名称', 'cluster name'),
  clusterSerial: text('集群序列号', 'cluster serial'),
  vip: text('集群 VIP', 'cluster VIP'),
  fisheyeUser: text('集群管理员账号', 'cluster admin (Fisheye) user'),
  fisheyePassword: text('集群管理员密码', 'cluster admin (Fisheye) password'),
  features: text('集群功能', 'cluster features'),
  storageArchitecture: text('存储架构', 'storage architecture'),
  networkArchitecture: text('网络架构', 'network architecture'),
  bmcIp: text('带外地址', 'BMC address'),
  bmcUser: text('带外账号', 'BMC user'),
  bmcPassword: text('带外密码', 'BMC password'),
  hostname: text('主机名', 'hostname'),
  managementIp: text('管理地址', 'management IP'),
  sshUser: text('SSH 用户名', 'SSH user'),
  sshPassword: text('SSH 密码', 'SSH password'),
  storageIp: text('存储 IP', 'storage IP'),
  rack: text('机架名称', 'rack'),
  rackUnit: text('机架位置', 'rack unit'),
  vdsName: text('虚拟交换机名称', 'VDS name'),
  networkName: text('虚拟网络名称', 'network name'),
  vlanId: text('VLAN ID', 'VLAN ID'),
  vlanType: text('VLAN 类型', 'VLAN type'),
  subnet: text('子网', 'subnet'),
  gateway: text('网关', 'gateway'),
  nics: text('主机端口', 'host NICs'),
  bondMode: text('网口绑定模式', 'bond mode'),
  cloudtowerIp: text('CloudTower IP', 'CloudTower IP'),
  cloudtowerPassword: text('CloudTower 管理员密码', 'CloudTower root password'),
  obsIp: text('Observability IP', 'Observability IP'),
  backupIp: text('备份服务 IP', 'Backup IP'),
  erVip: text('ER VIP', 'ER VIP'),
  erController: text('ER 控制器 IP', 'ER controller IP'),
  testRangeStart: text('测试 IP 起始地址', 'test IP range start'),
  testRangeEnd: text('测试 IP 结束地址', 'test IP range end'),
  ntpServer: text('NTP 服务器', 'NTP server'),
  dnsServer: text('DNS 服务器', 'DNS server'),
  organization: text('客户名称（CloudTower 组织）', 'customer name (CloudTower organization)'),
  datacenter: text('数据中心名称', 'datacenter name'),
} as const satisfies Record<string, LocalizedText>;

/** "管理网络 的 子网" style composition for network rows. */
export const ofNetwork = (network: LocalizedText, field: LocalizedText): LocalizedText =>
  text(`${network.zh}${field.zh}`, `${network.en} ${field.en}`);

export const NETWORK_NAME: Record<string, LocalizedText> = {
  management: text('管理网络', 'management network'),
  'extra-management': text('附加管理网络', 'extra management network'),
  storage: text('存储网络', 'storage network'),
  backup: text('备份网络', 'backup network'),
  business: text('业务网络', 'business network'),
  ipmi: text('IPMI 网络', 'IPMI network'),
};
