// Per-machine results of a package deployment or rollback, for `deploy-package --wait`, `rollback
// --wait` and `status <id>` (exit code, output tail, service status, pid, version).
import type { Client } from '@temporalio/client';
import type { MachineResult, PackageResult } from '../workflows/deploy-package/types.js';
import { formatTable } from './columns.js';
import { say, type Lang } from '../i18n/index.js';

export const PACKAGE_WORKFLOW_TYPES = new Set(['deployPackageWorkflow', 'rollbackPackageWorkflow']);

const PHASE: Record<MachineResult['phase'], { zh: string; en: string }> = {
  pending: { zh: '等待', en: 'pending' },
  deploying: { zh: '部署中', en: 'deploying' },
  deployed: { zh: '已部署', en: 'deployed' },
  'rolled-back': { zh: '已回滚', en: 'rolled back' },
  failed: { zh: '失败', en: 'failed' },
  skipped: { zh: '跳过', en: 'skipped' },
};

export function renderPackageRun(id: string, status: string, p: Partial<PackageResult>, lang: Lang): string {
  const head = say(lang, {
    zh: `${id}: ${p.kind === 'rollback' ? `回滚 ${p.rollbackOf ?? ''}` : '软件包部署'} ${p.service ?? ''} ${p.version ?? ''} — ${status}${p.outcome ? ` (${p.outcome})` : ''}，回滚 ${p.rollbacks ?? 0} 台`,
    en: `${id}: ${p.kind === 'rollback' ? `rollback of ${p.rollbackOf ?? ''}` : 'package deployment'} ${p.service ?? ''} ${p.version ?? ''} — ${status}${p.outcome ? ` (${p.outcome})` : ''}, ${p.rollbacks ?? 0} rolled back`,
  });
  const rows = (p.machines ?? []).map((m) => [
    `  ${m.name}`,
    m.address,
    PHASE[m.phase][lang],
    m.version ?? '-',
    m.serviceStatus ?? '-',
    m.pid ? String(m.pid) : '-',
    m.exitCode === undefined ? '-' : String(m.exitCode),
  ]);
  const header =
    lang === 'zh'
      ? ['  机器', '地址', '状态', '版本', '服务', 'PID', '退出码']
      : ['  machine', 'address', 'state', 'version', 'service', 'pid', 'exit'];
  const lines = [head, formatTable([header, ...rows])];
  for (const m of p.machines ?? []) {
    if (m.error) lines.push(`  ${m.name}: ${m.error}`);
    if (m.outputTail && m.phase !== 'deployed')
      lines.push(...m.outputTail.split('\n').map((l) => `    | ${l}`));
  }
  return lines.join('\n');
}

/** The run's result when closed, else its live progress; undefined when neither is there. */
export async function packageRunView(
  client: Client,
  id: string,
): Promise<{ status: string; view: Partial<PackageResult> }> {
  const handle = client.workflow.getHandle(id);
  const desc = await handle.describe();
  const status = desc.status.name;
  if (status === 'COMPLETED') return { status, view: (await handle.result()) as PackageResult };
  const live = await client
    .withDeadline(Date.now() + 5000, () => handle.query<Partial<PackageResult>>('progress'))
    .catch(() => ({}));
  return { status, view: live };
}

export function packageExitCode(status: string, view: Partial<PackageResult>): number {
  if (status === 'RUNNING') return 0;
  return status === 'COMPLETED' && view.outcome === 'succeeded' ? 0 : 1;
}
