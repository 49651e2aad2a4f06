import stringWidth from 'string-width';
import type { PlanIssue } from './issues.js';
import type { Lang } from './messages.js';
import type { NetworkPlan, Plan } from './types.js';

// Human-readable output of `hci-bringup validate`: a summary of a valid plan, or the issues.
// Never prints a secret: it only reads non-secret fields of the Plan.

const pad = (s: string, width: number) => s + ' '.repeat(Math.max(0, width - stringWidth(s)));

function renderTable(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(stringWidth(h), ...rows.map((r) => stringWidth(r[i] ?? ''))));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => pad(c, widths[i]))
      .join('  ')
      .trimEnd();
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

const L = (lang: Lang, zh: string, en: string) => (lang === 'zh' ? zh : en);

function networkRow(label: string, n: NetworkPlan): string[] {
  return [
    label,
    n.vdsName,
    n.networkName,
    String(n.vlanId),
    n.subnet ?? '-',
    n.gateway ?? '-',
    n.nics.join(','),
    n.bondMode,
  ];
}

/** The workbook's feature choice in words: its `None` is said as "none", not shown as a value. */
function featureWords(plan: Plan, lang: Lang): string {
  const on = [plan.features.boost && 'Boost', plan.features.rdma && 'RDMA'].filter(Boolean).join(' + ');
  return on || L(lang, '无（未启用 Boost、RDMA）', 'none (no Boost, no RDMA)');
}

export function formatPlan(plan: Plan, lang: Lang): string {
  const out: string[] = [];
  out.push(
    `${L(lang, '集群', 'Cluster')}: ${plan.clusterName}   VIP: ${plan.vip}${plan.simulation ? L(lang, '   （模拟规划：全部为回环地址）', '   (simulation plan: all loopback)') : ''}`,
    `${L(lang, '网络架构', 'Network architecture')}: ${plan.labels.networkArchitecture} (${plan.networkArchitecture})   ${L(lang, '存储架构', 'Storage')}: ${plan.labels.storageArchitecture} (${plan.storageArchitecture})   ${L(lang, '集群功能', 'Features')}: ${featureWords(plan, lang)}`,
    '',
    L(lang, `主机（${plan.hosts.length} 台）`, `Hosts (${plan.hosts.length})`),
    renderTable(
      [
        L(lang, '行', 'Row'),
        L(lang, '主机名', 'Hostname'),
        L(lang, '管理地址', 'Management'),
        L(lang, '存储地址', 'Storage'),
        'BMC',
        L(lang, 'BMC 账号', 'BMC user'),
        L(lang, 'SSH 用户', 'SSH user'),
      ],
      plan.hosts.map((h) => [
        String(h.row),
        h.hostname,
        h.managementIp,
        h.storageIp,
        h.bmc.ip,
        h.bmc.user,
        h.ssh.user,
      ]),
    ),
    '',
    L(lang, '网络', 'Networks'),
  );
  const n = plan.networks;
  const rows = [networkRow(L(lang, '管理', 'management'), n.management)];
  if (n.extraManagement) rows.push(networkRow(L(lang, '附加管理', 'extra-mgmt'), n.extraManagement));
  rows.push(networkRow(L(lang, '存储', 'storage'), n.storage));
  if (n.backup) rows.push(networkRow(L(lang, '备份', 'backup'), n.backup));
  for (const b of n.business) rows.push(networkRow(L(lang, '业务', 'business'), b));
  out.push(
    renderTable(
      [
        L(lang, '用途', 'Role'),
        'VDS',
        L(lang, '网络', 'Network'),
        'VLAN',
        L(lang, '子网', 'Subnet'),
        L(lang, '网关', 'Gateway'),
        L(lang, '网卡', 'NICs'),
        L(lang, '绑定', 'Bond'),
      ],
      rows,
    ),
    '',
    L(lang, '组件', 'Components'),
    renderTable(
      [L(lang, '组件', 'Component'), 'IP', L(lang, '序列号', 'Serial')],
      [
        ['CloudTower', plan.cloudtower.ip, plan.cloudtower.serial ?? '-'],
        ['Observability', plan.obs.ip ?? '-', plan.obs.serial ?? '-'],
        ['Backup', plan.backup.ip ?? '-', plan.backup.serial ?? '-'],
        ['ER', [plan.er.vip, ...plan.er.controllers].filter(Boolean).join(',') || '-', plan.er.serial ?? '-'],
        [L(lang, '集群', 'Cluster'), plan.vip, plan.clusterSerial ?? '-'],
      ],
    ),
    '',
    `NTP: ${plan.ntpServers.join(', ')}   DNS: ${plan.dnsServers.join(', ')}`,
    `${L(lang, '测试 IP 范围', 'Test IP range')}: ${plan.testIpRange ? `${plan.testIpRange.start} - ${plan.testIpRange.end}` : '-'}`,
    `${L(lang, '组织', 'Organization')}: ${plan.organization}   ${L(lang, '数据中心', 'Datacenter')}: ${plan.datacenter}`,
  );
  return out.join('\n');
}

export function formatIssues(title: string, issues: PlanIssue[], lang: Lang): string {
  if (issues.length === 0) return '';
  const lines = [`${title} (${issues.length})`];
  for (const i of issues) {
    lines.push(`  ${i.sheet}!${i.cell}  [${i.rule}]  ${i.message[lang]}`);
    if (i.fix) lines.push(`      ${L(lang, '修正', 'fix')}: ${i.fix[lang]}`);
  }
  return lines.join('\n');
}
