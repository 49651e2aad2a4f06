import stringWidth from 'string-width';
import type { PlanIssue } from './issues.js';
import { t, type Lang } from '../i18n/index.js';
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
  return on || t(lang, 'validate.plan.noFeatures');
}

export function formatPlan(plan: Plan, lang: Lang): string {
  const out: string[] = [];
  out.push(
    `${t(lang, 'validate.plan.cluster')}: ${plan.clusterName}   VIP: ${plan.vip}${plan.simulation ? t(lang, 'validate.plan.simulation') : ''}`,
    `${t(lang, 'validate.plan.networkArchitecture')}: ${plan.labels.networkArchitecture} (${plan.networkArchitecture})   ${t(lang, 'validate.plan.storageArchitecture')}: ${plan.labels.storageArchitecture} (${plan.storageArchitecture})   ${t(lang, 'validate.plan.features')}: ${featureWords(plan, lang)}`,
    '',
    t(lang, 'validate.plan.hosts', { count: plan.hosts.length }),
    renderTable(
      [
        t(lang, 'validate.plan.row'),
        t(lang, 'validate.plan.hostname'),
        t(lang, 'validate.plan.managementAddress'),
        t(lang, 'validate.plan.storageAddress'),
        'BMC',
        t(lang, 'validate.plan.bmcUser'),
        t(lang, 'validate.plan.sshUser'),
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
    t(lang, 'validate.plan.networks'),
  );
  const n = plan.networks;
  const rows = [networkRow(t(lang, 'validate.plan.role.management'), n.management)];
  if (n.extraManagement)
    rows.push(networkRow(t(lang, 'validate.plan.role.extraManagement'), n.extraManagement));
  rows.push(networkRow(t(lang, 'validate.plan.role.storage'), n.storage));
  if (n.backup) rows.push(networkRow(t(lang, 'validate.plan.role.backup'), n.backup));
  for (const b of n.business) rows.push(networkRow(t(lang, 'validate.plan.role.business'), b));
  out.push(
    renderTable(
      [
        t(lang, 'validate.plan.role'),
        'VDS',
        t(lang, 'validate.plan.network'),
        'VLAN',
        t(lang, 'validate.plan.subnet'),
        t(lang, 'validate.plan.gateway'),
        t(lang, 'validate.plan.nics'),
        t(lang, 'validate.plan.bond'),
      ],
      rows,
    ),
    '',
    t(lang, 'validate.plan.components'),
    renderTable(
      [t(lang, 'validate.plan.component'), 'IP', t(lang, 'validate.plan.serial')],
      [
        ['CloudTower', plan.cloudtower.ip, plan.cloudtower.serial ?? '-'],
        ['Observability', plan.obs.ip ?? '-', plan.obs.serial ?? '-'],
        ['Backup', plan.backup.ip ?? '-', plan.backup.serial ?? '-'],
        ['ER', [plan.er.vip, ...plan.er.controllers].filter(Boolean).join(',') || '-', plan.er.serial ?? '-'],
        [t(lang, 'validate.plan.cluster'), plan.vip, plan.clusterSerial ?? '-'],
      ],
    ),
    '',
    `NTP: ${plan.ntpServers.join(', ')}   DNS: ${plan.dnsServers.join(', ')}`,
    `${t(lang, 'validate.plan.testIpRange')}: ${plan.testIpRange ? `${plan.testIpRange.start} - ${plan.testIpRange.end}` : '-'}`,
    `${t(lang, 'validate.plan.organization')}: ${plan.organization}   ${t(lang, 'validate.plan.datacenter')}: ${plan.datacenter}`,
  );
  return out.join('\n');
}

export function formatIssues(title: string, issues: PlanIssue[], lang: Lang): string {
  if (issues.length === 0) return '';
  const lines = [`${title} (${issues.length})`];
  for (const i of issues) {
    lines.push(`  ${i.sheet}!${i.cell}  [${i.rule}]  ${i.message[lang]}`);
    if (i.fix) lines.push(`      ${t(lang, 'validate.plan.fix')}: ${i.fix[lang]}`);
  }
  return lines.join('\n');
}
