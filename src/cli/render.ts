import type { Lang } from './lang.js';
import type { ActivityView, RunView } from './run-view.js';
import type { BringUpSummary } from '../workflows/run-tracker.js';
import type { StageId, StageStatus } from '../run/stages.js';
import { CLI } from './invocation.js';
import { padDisplay } from './columns.js';

const STAGE_NAMES: Record<StageId, { zh: string; en: string }> = {
  prepare: { zh: '准备与预检', en: 'prepare & prechecks' },
  'deploy-cluster': { zh: '部署集群', en: 'deploy cluster' },
  'configure-cluster': { zh: '配置集群', en: 'configure cluster' },
  'deploy-cloudtower': { zh: '部署 CloudTower', en: 'deploy CloudTower' },
  'attach-cluster': { zh: '关联集群', en: 'attach cluster' },
  'configure-cloudtower': { zh: '通过 CloudTower 配置', en: 'configure via CloudTower' },
  inspection: { zh: '集群巡检', en: 'health inspection' },
  observability: { zh: '可观测性 (OBS)', en: 'Observability (OBS)' },
  backup: { zh: '备份', en: 'Backup' },
};

const STATUS_NAMES: Record<StageStatus, { zh: string; en: string; mark: string }> = {
  pending: { zh: '等待', en: 'pending', mark: ' ' },
  running: { zh: '进行中', en: 'running', mark: '>' },
  done: { zh: '完成', en: 'done', mark: '✔' },
  skipped: { zh: '跳过', en: 'skipped', mark: '-' },
  failed: { zh: '失败', en: 'failed', mark: '✖' },
  'awaiting-approval': { zh: '等待批准', en: 'awaiting approval', mark: '?' },
};

/** Chinese names of the summary's keys (the workflow records them in English). */
const KEY_ZH: Record<string, string> = {
  cluster: '集群',
  'business VDS': '业务虚拟交换机',
  'VMTools ISO': 'VMTools 镜像',
  'CPU compatibility': 'CPU 兼容性',
  'CloudTower ISO': 'CloudTower 镜像',
  'CloudTower VM': 'CloudTower 虚拟机',
  organization: '组织',
  datacenter: '数据中心',
  'cluster in CloudTower': 'CloudTower 中的集群',
  'default storage policy': '默认存储策略',
  'capacity alert': '存储容量告警',
  'OBS package': 'OBS 安装包',
  'OBS instance': 'OBS 实例',
  'Backup package': '备份安装包',
  'Backup storage network': '备份存储网络',
  'Backup service': '备份服务',
  'cluster VIP': '集群 VIP',
  CloudTower: 'CloudTower',
  Observability: '可观测性',
  Backup: '备份',
};

function bar(fraction: number, width = 24): string {
  const filled = Math.max(0, Math.min(width, Math.round(fraction * width)));
  return `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${(fraction * 100).toFixed(1).padStart(5)}%`;
}

function bytes(n: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let v = n;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${v.toFixed(i === 0 ? 0 : 1)} ${units[i]}`;
}

const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);

/** One line per pending activity: a progress bar where the heartbeat says how far it is. */
export function renderActivity(a: ActivityView, lang: Lang): string {
  const d = a.details ?? {};
  const parts = [
    `  · ${a.activity}${a.attempt > 1 ? ` (${lang === 'zh' ? '第' : 'attempt '}${a.attempt}${lang === 'zh' ? ' 次尝试' : ''})` : ''}`,
  ];
  const percent = num(d.percent);
  const sent = num(d.bytesSent);
  const total = num(d.bytesTotal);
  if (percent !== undefined || (sent !== undefined && total)) {
    const fraction = percent !== undefined ? percent / 100 : sent! / total!;
    parts.push(bar(fraction));
    if (sent !== undefined && total) parts.push(`${bytes(sent)} / ${bytes(total)}`);
    const rate = num(d.bytesPerSecond);
    if (rate) parts.push(`${bytes(rate)}/s`);
  }
  const offset = num(d.logOffset);
  if (offset !== undefined) parts.push(`log ${bytes(offset)}`);
  if (typeof d.lastLine === 'string') parts.push(`“${d.lastLine.slice(0, 80)}”`);
  if (typeof d.stage_info === 'string') parts.push(String(d.stage_info));
  if (typeof d.waitingFor === 'string') parts.push(String(d.waitingFor));
  if (a.lastFailure)
    parts.push(`${lang === 'zh' ? '上次失败' : 'last failure'}: ${a.lastFailure.slice(0, 160)}`);
  return parts.join('  ');
}

export function renderRunView(view: RunView, lang: Lang): string {
  const lines = [`${lang === 'zh' ? '运行' : 'run'} ${view.workflowId}  [${view.status}]`];
  const p = view.progress;
  if (p) {
    lines.push(
      `${lang === 'zh' ? '集群' : 'cluster'}: ${p.clusterName}   ${lang === 'zh' ? '阶段' : 'phase'}: ${p.phase}`,
    );
    for (const s of p.stages) {
      const st = STATUS_NAMES[s.status];
      lines.push(
        ` ${st.mark} ${padDisplay(STAGE_NAMES[s.id][lang], 26)} ${padDisplay(st[lang], 10)} ${s.status === 'running' && s.step ? s.step : ''}`,
      );
      if (s.status === 'failed' && s.error) lines.push(`     ${s.error}`);
    }
    if (p.awaitingApproval) {
      lines.push(
        lang === 'zh'
          ? `等待批准 ${p.awaitingApproval}: ${CLI} approve ${view.workflowId} ${p.awaitingApproval}  或  skip`
          : `awaiting approval of ${p.awaitingApproval}: ${CLI} approve ${view.workflowId} ${p.awaitingApproval}  or  skip`,
      );
    }
    if (p.phase.startsWith('failed:')) {
      lines.push(
        lang === 'zh'
          ? `修复问题后执行: ${CLI} retry ${view.workflowId}`
          : `after fixing the cause: ${CLI} retry ${view.workflowId}`,
      );
    }
    for (const w of p.warnings) lines.push(`  ! ${w}`);
  }
  for (const a of view.activities) lines.push(renderActivity(a, lang));
  if (view.failure && !view.summary) lines.push(`${lang === 'zh' ? '失败' : 'failed'}: ${view.failure}`);
  if (view.summary) lines.push('', renderSummary(view.summary, lang));
  return lines.join('\n');
}

export function renderSummary(s: BringUpSummary, lang: Lang): string {
  const zh = lang === 'zh';
  const outcome = {
    succeeded: zh ? '成功' : 'succeeded',
    failed: zh ? '失败' : 'failed',
    stopped: zh ? '按要求停止' : 'stopped as asked',
  }[s.outcome];
  const lines = [
    `=== ${zh ? '部署总结' : 'Bring-up summary'}: ${s.clusterName} — ${outcome} (${s.totalSeconds.toFixed(1)} s) ===`,
  ];
  if (s.error) lines.push(`${zh ? '失败步骤' : 'failed step'}: ${s.error}`);
  lines.push(zh ? '阶段:' : 'stages:');
  for (const st of s.stages) {
    lines.push(
      `  ${padDisplay(STAGE_NAMES[st.id][lang], 26)} ${String(st.status).padEnd(18)} ${st.seconds !== undefined ? `${st.seconds.toFixed(1)} s` : ''}${st.note ? `  ${st.note}` : ''}`,
    );
  }
  const section = (title: string, rec: Record<string, string>) => {
    const entries = Object.entries(rec);
    if (entries.length === 0) return;
    lines.push(title);
    for (const [k, v] of entries) lines.push(`  ${lang === 'zh' ? (KEY_ZH[k] ?? k) : k}: ${v}`);
  };
  section(zh ? '创建/确认的资源:' : 'created or found:', s.created);
  section(zh ? '地址:' : 'addresses:', s.addresses);
  section(zh ? '序列号 (已写回规划表):' : 'serials (written back to the workbook):', s.serials);
  if (s.inspectionReport) {
    lines.push(
      `${zh ? '巡检报告' : 'inspection report'}: ${s.inspectionReport.path} (${bytes(s.inspectionReport.bytes)}, sha256 ${s.inspectionReport.sha256})`,
    );
  }
  if (s.warnings.length > 0) {
    lines.push(zh ? '警告:' : 'warnings:');
    for (const w of s.warnings) lines.push(`  ! ${w}`);
  }
  return lines.join('\n');
}
