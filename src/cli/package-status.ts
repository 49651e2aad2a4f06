// Per-machine results of a package deployment or rollback, for `deploy-package --wait`, `rollback
// --wait` and `status <id>` (exit code, output tail, service status, pid, version).
import type { Client } from '@temporalio/client';
import type { MachineResult, PackageResult } from '../workflows/deploy-package/types.js';
import { formatTable } from './columns.js';
import { bilingual, type Bilingual, localizeText, t, type Lang } from '../i18n/index.js';

export const PACKAGE_WORKFLOW_TYPES = new Set(['deployPackageWorkflow', 'rollbackPackageWorkflow']);

const PHASE: Record<MachineResult['phase'], Bilingual> = {
  pending: bilingual('cli.packageStatus.pending'),
  deploying: bilingual('cli.packageStatus.deploying'),
  deployed: bilingual('value.deployed'),
  'rolled-back': bilingual('cli.packageStatus.rolledBack'),
  failed: bilingual('word.failed'),
  skipped: bilingual('word.skipped'),
};

export function renderPackageRun(
  id: string,
  status: string,
  p: Partial<PackageResult> & { fromHistory?: boolean },
  lang: Lang,
): string {
  const what =
    p.kind === 'rollback'
      ? t(lang, 'cli.packageStatus.rollbackOf', { id: p.rollbackOf ?? '' })
      : t(lang, 'cli.packageStatus.deployment');
  const head = t(lang, 'cli.packageStatus.head', {
    id,
    what,
    service: p.service ?? '',
    version: p.version ?? '',
    status,
    outcome: p.outcome ? ` (${p.outcome})` : '',
    rollbacks: p.rollbacks ?? 0,
  });
  const rows = (p.machines ?? []).map((m) => [
    `  ${m.name}`,
    m.address,
    m.phase === 'deploying' && m.step ? `${PHASE[m.phase][lang]} (${m.step})` : PHASE[m.phase][lang],
    m.version ?? '-',
    m.serviceStatus ?? '-',
    m.pid ? String(m.pid) : '-',
    m.exitCode === undefined ? '-' : String(m.exitCode),
  ]);
  const header = t(lang, 'cli.packageStatus.header').split('|');
  const lines = [head, ...(p.fromHistory ? [`  ${t(lang, 'deployer.progressFromHistory')}`] : [])];
  lines.push(formatTable([header, ...rows]));
  for (const m of p.machines ?? []) {
    if (m.error) lines.push(`  ${m.name}: ${localizeText(m.error, lang)}`);
    if (m.outputTail && m.phase !== 'deployed')
      lines.push(...m.outputTail.split('\n').map((l) => `    | ${l}`));
  }
  return lines.join('\n');
}

/**
 * The run's result when completed, else its live progress; when no worker answers (after a kill -9,
 * before a new worker replays the run), each machine as the history's last step left it, marked
 * `fromHistory`.
 */
export async function packageRunView(
  client: Client,
  id: string,
): Promise<{ status: string; view: Partial<PackageResult> & { fromHistory?: boolean } }> {
  const { readRun } = await import('../service/run-record.js');
  const { machinesOf } = await import('../service/package-kind.js');
  const run = await readRun(client, id, 5000);
  // Gone between the caller's look and ours: Temporal's own error says so.
  if (!run) {
    const { WorkflowNotFoundError } = await import('@temporalio/client');
    throw new WorkflowNotFoundError(`no run ${id}`, id, undefined);
  }
  const status = run.temporalStatus;
  if (status === 'COMPLETED' && run.result) return { status, view: run.result };
  if (run.live) return { status, view: run.live };
  const input = run.input as { service?: string; deploymentId?: string } | undefined;
  return {
    status,
    view: {
      kind: run.workflowType === 'rollbackPackageWorkflow' ? 'rollback' : 'package',
      service: input?.service,
      rollbackOf: run.workflowType === 'rollbackPackageWorkflow' ? input?.deploymentId : undefined,
      machines: machinesOf(run),
      fromHistory: true,
    },
  };
}

export function packageExitCode(status: string, view: Partial<PackageResult>): number {
  if (status === 'RUNNING') return 0;
  return status === 'COMPLETED' && view.outcome === 'succeeded' ? 0 : 1;
}

/**
 * `watch` of a package deployment or rollback: its per-machine table until the run is closed, redrawn
 * in place on a terminal, printed again only when it changed in a log. Returns the exit code.
 */
export async function followPackageRun(
  client: Client,
  id: string,
  lang: Lang,
  intervalMs: number,
): Promise<number> {
  let shown = '';
  for (;;) {
    const { status, view } = await packageRunView(client, id);
    const text = renderPackageRun(id, status, view, lang);
    if (text !== shown) {
      if (process.stdout.isTTY) process.stdout.write('\x1b[H\x1b[J');
      console.log(text);
      shown = text;
    }
    if (status !== 'RUNNING') return packageExitCode(status, view);
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}
