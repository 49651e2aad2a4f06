// The bilingual wording of every plan issue, by rule. Field engineers read Chinese first; the
// English text is for logs, tickets and the JSON output. Values shown here are never secrets: the
// rules that concern passwords do not pass a value.

import type { Bilingual } from '../i18n/lang.js';

// The plan's texts use the one catalogue's types (src/i18n); i18n never imports plan.
export type LocalizedText = Bilingual;

export type { Lang } from '../i18n/lang.js';

export const text = (zh: string, en: string): LocalizedText => ({ zh, en });

export type RuleId =
  | 'required'
  | 'ipv4-format'
  | 'cidr-format'
  | 'cidr-network'
  | 'vlan-range'
  | 'vlan-unique'
  | 'enum-value'
  | 'bond-mode'
  | 'nics-required'
  | 'nic-format'
  | 'nic-shared'
  | 'vds-name-unique'
  | 'ip-unique'
  | 'ip-in-subnet'
  | 'ip-host-address'
  | 'gateway-in-subnet'
  | 'vip-not-host'
  | 'hostname-format'
  | 'hostname-unique'
  | 'rack-unit-missing'
  | 'rack-missing'
  | 'rack-unit-range'
  | 'rack-unit-unique'
  | 'rack-partial'
  | 'host-count'
  | 'dns-ip'
  | 'ntp-format'
  | 'ntp-count'
  | 'network-architecture-unsupported'
  | 'rdma-unsupported'
  | 'architecture-rows'
  | 'business-vds-ignored'
  | 'backup-network-incomplete'
  | 'test-range-order'
  | 'test-range-subnet'
  | 'test-range-conflict'
  | 'test-range-size'
  | 'password-required'
  | 'password-charset'
  | 'reserved-address'
  | 'subnet-overlap'
  | 'bmc-subnet'
  | 'formula-no-result'
  | 'cluster-name-mismatch'
  | 'default-applied'
  | 'cloudtower-password-default'
  | 'password-default';

/** Parameters a message may use. `field` names the cell's meaning in both languages. */
export interface MessageParams {
  field?: LocalizedText;
  value?: string;
  /** Another cell involved (`主机规划!I4`). */
  other?: string;
  subnet?: string;
  allowed?: string;
  suggestion?: string;
  count?: number;
  vds?: string;
  detail?: LocalizedText;
}

interface RuleText {
  message: (p: MessageParams) => LocalizedText;
  fix?: (p: MessageParams) => LocalizedText;
}

const f = (p: MessageParams): LocalizedText => p.field ?? text('该单元格', 'this cell');
const v = (p: MessageParams): string => p.value ?? '';

export const RULE_TEXT: Record<RuleId, RuleText> = {
  required: {
    message: (p) => text(`${f(p).zh}不能为空`, `${f(p).en} is required`),
    fix: (p) => text(`请填写${f(p).zh}`, `Fill in the ${f(p).en}`),
  },
  'ipv4-format': {
    message: (p) =>
      text(`${f(p).zh}「${v(p)}」不是有效的 IPv4 地址`, `${f(p).en} "${v(p)}" is not a valid IPv4 address`),
    fix: () =>
      text(
        '写成点分十进制，例如 10.0.20.11（四段 0–255，不要前导零、空格或多余字符）',
        'Write it as a dotted quad such as 10.0.20.11 (four numbers 0-255, no leading zeros, spaces or extra characters)',
      ),
  },
  'cidr-format': {
    message: (p) =>
      text(`${f(p).zh}「${v(p)}」不是有效的子网（CIDR）`, `${f(p).en} "${v(p)}" is not a valid CIDR subnet`),
    fix: () =>
      text('写成 网络地址/前缀长度，例如 10.0.20.0/24', 'Write it as network/prefix, e.g. 10.0.20.0/24'),
  },
  'cidr-network': {
    message: (p) =>
      text(
        `${f(p).zh}「${v(p)}」包含主机位，不是网络地址`,
        `${f(p).en} "${v(p)}" has host bits set; it is not a network address`,
      ),
    fix: (p) => text(`改为 ${p.suggestion ?? ''}`, `Use ${p.suggestion ?? ''}`),
  },
  'vlan-range': {
    message: (p) =>
      text(
        `${f(p).zh}「${v(p)}」不是 0–4094 的整数`,
        `${f(p).en} "${v(p)}" is not an integer from 0 to 4094`,
      ),
    fix: () => text('填写 0–4094 的整数，0 表示不打 VLAN 标签', 'Enter an integer 0-4094; 0 means untagged'),
  },
  'vlan-unique': {
    message: (p) =>
      text(
        `VLAN ${v(p)} 在虚拟交换机 ${p.vds ?? ''} 上重复（另见 ${p.other ?? ''}）`,
        `VLAN ${v(p)} is used twice on VDS ${p.vds ?? ''} (also at ${p.other ?? ''})`,
      ),
    fix: () =>
      text(
        '同一虚拟交换机上的每个网络使用不同的 VLAN ID',
        'Give every network on the same VDS its own VLAN ID',
      ),
  },
  'enum-value': {
    message: (p) =>
      text(`${f(p).zh}「${v(p)}」不是允许的取值`, `${f(p).en} "${v(p)}" is not an allowed value`),
    fix: (p) => text(`从下拉列表中选择：${p.allowed ?? ''}`, `Pick one of: ${p.allowed ?? ''}`),
  },
  'bond-mode': {
    message: (p) => text(`绑定模式「${v(p)}」不受支持`, `Bond mode "${v(p)}" is not supported`),
    fix: (p) => text(`从下拉列表中选择：${p.allowed ?? ''}`, `Pick one of: ${p.allowed ?? ''}`),
  },
  'nics-required': {
    message: (p) =>
      text(`虚拟交换机 ${p.vds ?? ''} 未填写主机端口（网卡）`, `VDS ${p.vds ?? ''} has no host NICs`),
    fix: () =>
      text(
        '填写该交换机使用的网卡名，逗号分隔，例如 ens224,ens192',
        'List the NIC names it uses, comma separated, e.g. ens224,ens192',
      ),
  },
  'nic-format': {
    message: (p) => text(`网卡名「${v(p)}」无效`, `NIC name "${v(p)}" is not valid`),
    fix: () =>
      text(
        '网卡名只含字母、数字、点、横线、下划线，多个网卡用逗号分隔',
        'NIC names use letters, digits, ".", "-", "_"; separate them with commas',
      ),
  },
  'nic-shared': {
    message: (p) =>
      text(
        `网卡 ${v(p)} 同时用于多个虚拟交换机（另见 ${p.other ?? ''}）`,
        `NIC ${v(p)} is used by more than one VDS (also at ${p.other ?? ''})`,
      ),
    fix: () => text('每块网卡只能绑定到一个虚拟交换机', 'Attach each NIC to one VDS only'),
  },
  'vds-name-unique': {
    message: (p) =>
      text(
        `虚拟交换机名称「${v(p)}」重复（另见 ${p.other ?? ''}）`,
        `VDS name "${v(p)}" is used twice (also at ${p.other ?? ''})`,
      ),
    fix: () =>
      text(
        '管理、存储、备份、业务交换机使用不同的名称',
        'Give the management, storage, backup and business VDS different names',
      ),
  },
  'ip-unique': {
    message: (p) =>
      text(
        `地址 ${v(p)} 重复使用（另见 ${p.other ?? ''}）`,
        `Address ${v(p)} is used twice (also at ${p.other ?? ''})`,
      ),
    fix: () =>
      text(
        '主机、VIP、带外、网关与各组件的地址必须互不相同',
        'Hosts, VIP, BMCs, gateways and components each need their own address',
      ),
  },
  'ip-in-subnet': {
    message: (p) =>
      text(
        `${f(p).zh} ${v(p)} 不在子网 ${p.subnet ?? ''} 内`,
        `${f(p).en} ${v(p)} is not inside subnet ${p.subnet ?? ''}`,
      ),
    fix: (p) =>
      text(
        `改用子网 ${p.subnet ?? ''} 内的地址，或修正子网`,
        `Use an address inside ${p.subnet ?? ''}, or correct the subnet`,
      ),
  },
  'ip-host-address': {
    message: (p) =>
      text(
        `${f(p).zh} ${v(p)} 是子网 ${p.subnet ?? ''} 的网络地址或广播地址`,
        `${f(p).en} ${v(p)} is the network or broadcast address of ${p.subnet ?? ''}`,
      ),
    fix: () => text('使用子网内可分配的主机地址', 'Use an assignable host address of the subnet'),
  },
  'gateway-in-subnet': {
    message: (p) =>
      text(
        `网关 ${v(p)} 不在子网 ${p.subnet ?? ''} 内`,
        `Gateway ${v(p)} is not inside subnet ${p.subnet ?? ''}`,
      ),
    fix: () => text('网关必须是本子网内的地址', 'The gateway must be an address of its own subnet'),
  },
  'vip-not-host': {
    message: (p) =>
      text(
        `集群 VIP ${v(p)} 与主机地址相同（${p.other ?? ''}）`,
        `Cluster VIP ${v(p)} is also a host address (${p.other ?? ''})`,
      ),
    fix: () =>
      text(
        'VIP 必须是未分配给任何主机的管理网地址',
        'The VIP must be a management address not assigned to any host',
      ),
  },
  'hostname-format': {
    message: (p) =>
      text(`主机名「${v(p)}」不符合 RFC 1123`, `Hostname "${v(p)}" is not a valid RFC 1123 label`),
    fix: () =>
      text(
        '只用字母、数字和横线，1–63 个字符，不以横线开头或结尾，例如 BJ-SMTX-Prod-Node-01',
        'Use letters, digits and "-", 1-63 characters, not starting or ending with "-", e.g. BJ-SMTX-Prod-Node-01',
      ),
  },
  'hostname-unique': {
    message: (p) =>
      text(
        `主机名「${v(p)}」重复（另见 ${p.other ?? ''}）`,
        `Hostname "${v(p)}" is used twice (also at ${p.other ?? ''})`,
      ),
    fix: () =>
      text('每台主机使用不同的主机名（不区分大小写）', 'Give every host its own name (case-insensitive)'),
  },
  'rack-unit-missing': {
    message: (p) =>
      text(`机架「${v(p)}」没有填写机架位置（U）`, `Rack "${v(p)}" is given without a rack unit`),
    fix: () =>
      text(
        '在 Q 列填写主机所在的起始 U 位（1–42），或清空 P 列',
        "Fill column Q with the host's lowest rack unit (1-42), or clear column P",
      ),
  },
  'rack-missing': {
    message: (p) => text(`机架位置 ${v(p)} 没有对应的机架名称`, `Rack unit ${v(p)} is given without a rack`),
    fix: () =>
      text('在 P 列填写机架名称，或清空 Q 列', 'Fill column P with the rack name, or clear column Q'),
  },
  'rack-unit-range': {
    message: (p) =>
      text(
        `机架位置「${v(p)}」不是 1–42 之间的整数`,
        `Rack unit "${v(p)}" is not a whole number from 1 to 42`,
      ),
    fix: () => text('填写 1–42 的 U 位，例如 5 或 U05', 'Use a unit from 1 to 42, e.g. 5 or U05'),
  },
  'rack-unit-unique': {
    message: (p) =>
      text(
        `${v(p)} 被两台主机占用（另见 ${p.other ?? ''}）`,
        `${v(p)} is taken by two hosts (also at ${p.other ?? ''})`,
      ),
    fix: () => text('每台主机使用各自的机架位置', 'Give each host its own rack unit'),
  },
  'rack-partial': {
    message: (p) =>
      text(
        `有 ${p.count ?? 0} 台主机没有填写机架和机架位置，机架拓扑中不会放置这些主机`,
        `${p.count ?? 0} host(s) have no rack and rack unit; the rack topology leaves them out`,
      ),
    fix: () => text('为所有主机填写 P、Q 列，或全部留空', 'Fill columns P and Q for every host, or for none'),
  },
  'host-count': {
    message: (p) =>
      text(
        `只规划了 ${p.count ?? 0} 台主机；生产集群至少需要 3 台 SMTX OS 节点（最多 16 台）`,
        `Only ${p.count ?? 0} host(s) planned; a production cluster needs at least 3 SMTX OS nodes (at most 16)`,
      ),
    fix: () => text('在主机规划第 3–18 行填写 3–16 台主机', 'Fill 3 to 16 hosts in rows 3-18 of 主机规划'),
  },
  'dns-ip': {
    message: (p) => text(`DNS 服务器「${v(p)}」必须是 IP 地址`, `DNS server "${v(p)}" must be an IP address`),
    fix: () =>
      text(
        'DNS 服务器只能填 IPv4 地址，不能填域名',
        'Enter an IPv4 address; DNS servers cannot be host names',
      ),
  },
  'ntp-format': {
    message: (p) =>
      text(
        `NTP 服务器「${v(p)}」既不是 IP 也不是域名`,
        `NTP server "${v(p)}" is neither an IP address nor a domain name`,
      ),
    fix: () =>
      text(
        '填写 IPv4 地址或完整域名，例如 ntp.example.com',
        'Enter an IPv4 address or a fully qualified name such as ntp.example.com',
      ),
  },
  'ntp-count': {
    message: () =>
      text(
        '只配置了两个 NTP 服务器：模板说明仅当二者平级且上游为同一时间源时才可配置两个',
        'Exactly two NTP servers: the template allows two only when they are peers with the same upstream source',
      ),
    fix: () => text('建议配置三个及以上 NTP 服务器', 'Prefer three or more NTP servers'),
  },
  'network-architecture-unsupported': {
    message: (p) =>
      text(
        `网络架构「${v(p)}」不受支持：当前仅支持「存储独立」与「三网独立」`,
        `Network architecture "${v(p)}" is not supported: only 存储独立 (storage separate) and 三网独立 (three separate) are`,
      ),
    fix: () => text('选择「存储独立」或「三网独立」', 'Choose 存储独立 or 三网独立'),
  },
  'rdma-unsupported': {
    message: (p) =>
      text(
        `集群功能「${v(p)}」包含 RDMA：自动部署尚不支持开启 RDMA`,
        `Cluster features "${v(p)}" include RDMA, which automated deployment does not support`,
      ),
    fix: () => text('选择 None 或 Boost', 'Choose None or Boost'),
  },
  'architecture-rows': {
    message: (p) => text(`${p.detail?.zh ?? ''}`, `${p.detail?.en ?? ''}`),
    fix: (p) =>
      text(
        `请填写${f(p).zh}，或改选网络架构`,
        `Fill in the ${f(p).en}, or choose another network architecture`,
      ),
  },
  'business-vds-ignored': {
    message: () =>
      text(
        '网络架构为「存储独立」：业务网络加入管理虚拟交换机，第 8 行的业务交换机名称、网卡与绑定模式将被忽略',
        "Network architecture is 存储独立 (storage separate): business VLANs go on the management VDS and row 8's VDS name, NICs and bond mode are ignored",
      ),
    fix: () =>
      text(
        '如需独立业务交换机，请选择「三网独立」',
        'Choose 三网独立 if the business networks need their own VDS',
      ),
  },
  'backup-network-incomplete': {
    message: () =>
      text(
        '备份网络（第 7 行）只填写了交换机/网卡，没有 VLAN 与子网，视为未规划备份网络',
        'The backup network (row 7) has a VDS/NICs but no VLAN or subnet; it is treated as not planned',
      ),
    fix: () =>
      text(
        '如需备份网络，请填写 VLAN ID、子网与网关',
        'Fill VLAN ID, subnet and gateway if a backup network is wanted',
      ),
  },
  'test-range-order': {
    message: (p) =>
      text(
        `测试 IP 范围起始地址 ${v(p)} 大于结束地址 ${p.other ?? ''}`,
        `Test IP range starts at ${v(p)}, after its end ${p.other ?? ''}`,
      ),
    fix: () =>
      text('起始地址（E18）应不大于结束地址（E19）', 'The start (E18) must not be after the end (E19)'),
  },
  'test-range-subnet': {
    message: (p) =>
      text(
        `测试 IP ${v(p)} 不在管理网子网 ${p.subnet ?? ''} 或任一业务网络子网内`,
        `Test IP ${v(p)} is not inside the management subnet ${p.subnet ?? ''} or a business network's subnet`,
      ),
    fix: () =>
      text(
        '测试 IP 范围（起止地址）必须位于同一个规划子网内（业务网络或管理网络）',
        'Keep both ends of the test IP range inside one planned subnet (a business network or management)',
      ),
  },
  'test-range-size': {
    message: (p) =>
      text(
        `测试 IP 范围 ${v(p)} 中的空闲地址少于测试虚拟机数量 ${p.other ?? ''}`,
        `The test IP range ${v(p)} has fewer free addresses than the ${p.other ?? ''} test VMs need`,
      ),
    fix: () =>
      text(
        '扩大测试 IP 范围（E18–E19），使其在已规划地址之外至少包含每台测试虚拟机一个地址',
        'Widen the test IP range (E18–E19) so that it holds one free address per test VM besides planned ones',
      ),
  },
  'test-range-conflict': {
    message: (p) =>
      text(
        `测试 IP 范围包含已规划的地址 ${v(p)}（${p.other ?? ''}）`,
        `The test IP range contains the planned address ${v(p)} (${p.other ?? ''})`,
      ),
    fix: () => text('测试 IP 范围应只包含空闲地址', 'The test range should hold free addresses only'),
  },
  'password-required': {
    message: (p) => text(`${f(p).zh}不能为空`, `${f(p).en} is required`),
    fix: (p) => text(`请填写${f(p).zh}`, `Fill in the ${f(p).en}`),
  },
  'password-charset': {
    message: (p) =>
      text(
        `${f(p).zh}包含非 ASCII 字符（如全角字符），可能无法在控制台输入`,
        `${f(p).en} contains non-ASCII characters (full-width?), which may not be typeable on a console`,
      ),
    fix: () => text('确认密码无误，仅使用半角字符', 'Check the password; use ASCII characters only'),
  },
  'reserved-address': {
    message: (p) =>
      text(
        `${f(p).zh} ${v(p)} 属于保留地址段（${p.subnet ?? ''}）`,
        `${f(p).en} ${v(p)} is in a reserved range (${p.subnet ?? ''})`,
      ),
    fix: () =>
      text(
        '真实环境请使用可路由的地址；回环地址（127.x.y.z）只能用于全部地址均为回环的模拟规划',
        'Use routable addresses; loopback (127.x.y.z) is accepted only in a simulation plan where every address is loopback',
      ),
  },
  'subnet-overlap': {
    message: (p) =>
      text(
        `${f(p).zh} ${v(p)} 与 ${p.other ?? ''} 的子网 ${p.subnet ?? ''} 重叠`,
        `${f(p).en} ${v(p)} overlaps subnet ${p.subnet ?? ''} at ${p.other ?? ''}`,
      ),
    fix: () =>
      text('确认两个网络确实应共享地址段', 'Check that the two networks really share an address range'),
  },
  'bmc-subnet': {
    message: (p) =>
      text(
        `带外地址 ${v(p)} 不在 IPMI 网络 ${p.subnet ?? ''}（虚拟网络!H3）内`,
        `BMC address ${v(p)} is outside the IPMI network ${p.subnet ?? ''} (虚拟网络!H3)`,
      ),
    fix: () => text('核对带外地址或 IPMI 网络规划', 'Check the BMC address or the IPMI network row'),
  },
  'formula-no-result': {
    message: (p) =>
      text(
        `公式单元格没有计算结果（${v(p)}），按空值处理`,
        `Formula cell has no cached result (${v(p)}); treated as empty`,
      ),
    fix: () =>
      text(
        '在 Excel/WPS 中打开并保存一次，或直接填写数值',
        'Open and save the file in Excel/WPS once, or type the value',
      ),
  },
  'cluster-name-mismatch': {
    message: (p) =>
      text(
        `主机规划!C3 的集群名称「${v(p)}」与虚拟网络!B3「${p.other ?? ''}」不一致，以虚拟网络!B3 为准`,
        `Cluster name "${v(p)}" in 主机规划!C3 differs from 虚拟网络!B3 "${p.other ?? ''}"; 虚拟网络!B3 is used`,
      ),
    fix: () => text('让两处集群名称保持一致', 'Make both cluster names the same'),
  },
  'cloudtower-password-default': {
    message: () =>
      text(
        '集群管理信息!G3（CloudTower 管理员密码）为空：将使用设备的出厂默认密码（CloudTower 的 root 用户保留出厂默认密码）',
        "集群管理信息!G3 (CloudTower root password) is empty: the appliance's factory default will be used (CloudTower root keeps the factory default password)",
      ),
    fix: () =>
      text(
        '在 G3 填写 CloudTower 管理员密码，部署时会把 root 密码改为该值',
        'Fill G3 with the CloudTower root password; the bring-up then changes root to it',
      ),
  },
  // Empty password cell with a FACTS.md fallback: `other` is the cell (sheet!cell), never the value.
  'password-default': {
    message: (p) =>
      text(
        `${p.other ?? ''}（${f(p).zh}）为空：将使用设备的出厂默认密码`,
        `${p.other ?? ''} (${f(p).en}) is empty: the appliance's factory default will be used`,
      ),
    fix: (p) =>
      text(
        `若现场已改过该密码，请在 ${p.other ?? ''} 填写实际密码`,
        `If the password was changed on site, fill ${p.other ?? ''} with the real one`,
      ),
  },
  'default-applied': {
    message: (p) =>
      text(
        `${f(p).zh}为空，使用默认值${p.value === undefined ? '' : `「${p.value}」`}`,
        `${f(p).en} is empty; using the default${p.value === undefined ? '' : ` "${p.value}"`}`,
      ),
  },
};
