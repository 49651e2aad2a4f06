// `hci-bringup cleanup <run id> [--dry-run]`: starts the cleanup workflow of a run on the run's own
// task queue (its site's worker reaches its cluster), prints the plan it lists (newest first), then
// each removal as it happens and a summary. A second `cleanup` while one is running follows that one.
import { CLI, localizeText, MESSAGES, say, t, type Lang } from '../../i18n/index.js';
import type { LedgerEntry } from '../../run/ledger.js';
import type { CleanupItem, CleanupProgress } from '../../workflows/cleanup/types.js';
import { bool, WORKFLOW_ID_ARG, type Command, type CommandSpec } from '../command-spec.js';
import { withRunClient } from '../with-run-client.js';

const spec: CommandSpec = {
  name: 'cleanup',
  summary: {
    zh: '清理一次失败或放弃的运行所创建的资源 (只清理该运行创建的，按创建的逆序)',
    en: 'remove what a failed or abandoned run created (only what that run created, newest first)',
  },
  args: WORKFLOW_ID_ARG,
  options: {
    'dry-run': {
      type: 'boolean',
      default: false,
      help: { zh: '只列出将要清理的内容，不做任何删除', en: 'list what would be removed; remove nothing' },
    },
    json: {
      type: 'boolean',
      default: false,
      help: { zh: '以 JSON 输出结果', en: 'print the result as JSON' },
    },
    force: {
      type: 'boolean',
      default: false,
      help: { zh: MESSAGES['cleanup.forceHelp'].zh, en: MESSAGES['cleanup.forceHelp'].en },
    },
  },
  notes: {
    zh: '运行仍在进行时拒绝 (先取消它)；已成功完成的运行需加 --force。运行之前已存在的资源从不删除；无法通过 API 撤销的 (已部署的集群需重装主机) 只列为人工处理。退出码: 0 完成, 1 有失败或被拒绝',
    en: 'refused while the run is still running (cancel it first), and for a run that succeeded unless --force. Nothing that existed before the run is ever removed; what no API can undo (a deployed cluster needs its hosts reinstalled) is listed as manual work. Exit codes: 0 done, 1 something failed or was refused',
  },
  examples: [
    'hci-bringup cleanup bringup-CN-BJ-SMTX-Prod-Cls01 --dry-run',
    'hci-bringup cleanup bringup-CN-BJ-SMTX-Prod-Cls01 --lang en',
  ],
};

export const cleanupCommand: Command = { spec, run: runCleanupCommand };

/** The cleanup workflow of a run (a dry run has its own id, so it never joins a real one). */
export const cleanupWorkflowId = (runId: string, dryRun: boolean) =>
  `cleanup${dryRun ? '-dry-run' : ''}-${runId}`;

const STATE_WORDS: Record<CleanupItem['state'], { zh: string; en: string }> = {
  planned: { zh: '待删除', en: 'planned' },
  removing: { zh: '删除中', en: 'removing' },
  removed: { zh: '已删除', en: 'removed' },
  'already-gone': { zh: '已不存在', en: 'already gone' },
  failed: { zh: '失败', en: 'failed' },
};

// Names and notes may be catalogue messages (coded): shown in the operator's language.
const line = (e: LedgerEntry, lang: Lang) =>
  `${localizeText(e.name, lang)} [${e.id}] @ ${e.where}${e.note ? ` — ${localizeText(e.note, lang)}` : ''}`;

export function renderPlan(p: CleanupProgress, lang: Lang): string {
  const out: string[] = [];
  const section = (title: { zh: string; en: string }, rows: string[]) => {
    out.push(say(lang, title));
    out.push(...(rows.length ? rows.map((r, i) => `  ${i + 1}. ${r}`) : [`  ${t(lang, 'cleanup.none')}`]));
  };
  section(
    {
      zh: `运行 ${p.runId} 创建的、将按逆序删除的资源:`,
      en: `created by run ${p.runId}, removed in this order:`,
    },
    p.remove.map((i) => line(i.entry, lang)),
  );
  if (p.withCloudTower.length)
    section(
      { zh: '随 CloudTower 虚拟机一起删除:', en: 'go with the CloudTower VM:' },
      p.withCloudTower.map((e) => line(e, lang)),
    );
  section(
    { zh: '需人工处理 (不会自动删除):', en: 'manual work (never attempted):' },
    p.manual.map((e) => line(e, lang)),
  );
  section(
    { zh: '运行之前已存在、保留不动:', en: 'existed before the run, kept:' },
    p.kept.map((e) => `${localizeText(e.name, lang)} [${e.id}] @ ${e.where}`),
  );
  return out.join('\n');
}

export function renderSummary(p: CleanupProgress, lang: Lang): string {
  const count = (s: CleanupItem['state']) => p.remove.filter((i) => i.state === s).length;
  return t(lang, 'cleanup.done', {
    removed: count('removed'),
    gone: count('already-gone'),
    failed: count('failed'),
    manual: p.manual.length,
  });
}

function runCleanupCommand(argv: string[]): Promise<number> {
  return withRunClient(spec, argv, async ({ client, runId, lang, values }) => {
    const dryRun = bool(values, 'dry-run');
    const json = bool(values, 'json');
    const { WorkflowFailedError, WorkflowIdConflictPolicy, WorkflowNotFoundError } =
      await import('@temporalio/client');
    const { cleanupProgressQuery } = await import('../../workflows/cleanup/messages.js');
    const { cleanupWorkflow } = await import('../../workflows/cleanup/cleanup-workflow.js');
    let description;
    try {
      description = await client.workflow.getHandle(runId).describe();
    } catch (err) {
      if (!(err instanceof WorkflowNotFoundError)) throw err;
      console.error(t(lang, 'cleanup.noRun', { id: runId }));
      return 1;
    }
    if (description.status.name === 'RUNNING') {
      console.error(t(lang, 'cleanup.cancelFirst', { id: runId, command: `${CLI} cancel ${runId}` }));
      return 1;
    }
    // A run that succeeded is a working installation: say so, and remove nothing of it without --force.
    const succeeded = description.status.name === 'COMPLETED';
    if (succeeded) {
      console.error(t(lang, 'cleanup.successfulRun', { id: runId }));
      if (!dryRun && !bool(values, 'force')) {
        console.error(t(lang, 'cleanup.needsForce', { command: `${CLI} cleanup ${runId} --dry-run` }));
        return 1;
      }
    }
    const handle = await client.workflow.start(cleanupWorkflow, {
      args: [{ runId, dryRun }],
      workflowId: cleanupWorkflowId(runId, dryRun),
      // The run's own task queue: the worker of its site reaches its cluster (docs/sites.md).
      taskQueue: description.taskQueue,
      workflowIdConflictPolicy: WorkflowIdConflictPolicy.USE_EXISTING,
    });
    // Progress while it runs: the plan once listed, then each item as its state changes.
    const seen = new Map<string, string>();
    let planShown = false;
    const show = (p: CleanupProgress) => {
      if (json) return;
      if (!planShown && p.phase !== 'reading-ledger') {
        console.log(renderPlan(p, lang));
        planShown = true;
      }
      for (const item of p.remove) {
        const key = `${item.entry.kind}|${item.entry.id}`;
        if (item.state === 'planned' || seen.get(key) === item.state) continue;
        seen.set(key, item.state);
        console.log(
          `  ${say(lang, STATE_WORDS[item.state])}: ${localizeText(item.entry.name, lang)}${item.detail ? ` (${item.detail})` : ''}`,
        );
      }
    };
    const result = handle.result();
    let done = false;
    void result.finally(() => (done = true)).catch(() => undefined);
    while (!done) {
      await new Promise((r) => setTimeout(r, 500));
      if (done) break;
      try {
        show(await handle.query(cleanupProgressQuery));
      } catch {
        // Not answering yet (no worker picked it up): the result still comes.
      }
    }
    let summary: CleanupProgress;
    try {
      summary = await result;
    } catch (err) {
      if (err instanceof WorkflowFailedError) {
        const inner =
          err.cause instanceof Error && err.cause.cause instanceof Error ? err.cause.cause : err.cause;
        const cause = inner instanceof Error ? inner.message : err.message;
        console.error(t(lang, 'cleanup.failed', { cause: localizeText(cause, lang) }));
        return 1;
      }
      throw err;
    }
    if (json) {
      console.log(JSON.stringify(summary, null, 2));
    } else {
      show(summary);
      if (dryRun && succeeded) console.log(t(lang, 'cleanup.dryRunNeedsForce'));
      else if (dryRun) console.log(t(lang, 'cleanup.dryRunNothingRemoved'));
      else console.log(renderSummary(summary, lang));
    }
    return summary.phase === 'done' ? 0 : 1;
  });
}
