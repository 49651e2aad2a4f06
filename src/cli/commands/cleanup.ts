// `hci-bringup cleanup <run id> [--dry-run]`: starts the cleanup workflow of a run on the run's own
// task queue (its site's worker reaches its cluster), prints the plan it lists (newest first), then
// each removal as it happens and a summary. A second `cleanup` while one is running follows that one.
import { bilingual, type Bilingual, CLI, type Lang, localizeText, t } from '../../i18n/index.js';
import type { LedgerEntry } from '../../run/ledger.js';
import type { CleanupItem, CleanupProgress } from '../../workflows/cleanup/types.js';
import { bool, WORKFLOW_ID_ARG, type Command, type CommandSpec } from '../command-spec.js';
import { withRunClient } from '../with-run-client.js';

const spec: CommandSpec = {
  name: 'cleanup',
  summary: bilingual('cli.cleanup.summary'),
  args: WORKFLOW_ID_ARG,
  options: {
    'dry-run': {
      type: 'boolean',
      default: false,
      help: bilingual('cli.cleanup.opt.dryRun'),
    },
    json: {
      type: 'boolean',
      default: false,
      help: bilingual('cli.cleanup.opt.json'),
    },
    force: {
      type: 'boolean',
      default: false,
      help: bilingual('cleanup.forceHelp'),
    },
  },
  notes: bilingual('cli.cleanup.notes'),
  examples: [
    'hci-bringup cleanup bringup-CN-BJ-SMTX-Prod-Cls01 --dry-run',
    'hci-bringup cleanup bringup-CN-BJ-SMTX-Prod-Cls01 --lang en',
  ],
};

export const cleanupCommand: Command = { spec, run: runCleanupCommand };

/** The cleanup workflow of a run (a dry run has its own id, so it never joins a real one). */
export const cleanupWorkflowId = (runId: string, dryRun: boolean) =>
  `cleanup${dryRun ? '-dry-run' : ''}-${runId}`;

const STATE_WORDS: Record<CleanupItem['state'], Bilingual> = {
  planned: bilingual('cli.cleanup.stateWords.planned'),
  removing: bilingual('cli.cleanup.stateWords.removing'),
  removed: bilingual('cli.cleanup.stateWords.removed'),
  'already-gone': bilingual('cli.cleanup.stateWords.alreadyGone'),
  failed: bilingual('word.failed'),
};

// Names and notes may be catalogue messages (coded): shown in the operator's language.
const line = (e: LedgerEntry, lang: Lang) =>
  `${localizeText(e.name, lang)} [${e.id}] @ ${e.where}${e.note ? ` — ${localizeText(e.note, lang)}` : ''}`;

export function renderPlan(p: CleanupProgress, lang: Lang): string {
  const out: string[] = [];
  const section = (title: Bilingual, rows: string[]) => {
    out.push(title[lang]);
    out.push(...(rows.length ? rows.map((r, i) => `  ${i + 1}. ${r}`) : [`  ${t(lang, 'cleanup.none')}`]));
  };
  section(
    bilingual('cli.cleanup.removeHeading', { id: p.runId }),
    p.remove.map((i) => line(i.entry, lang)),
  );
  if (p.withCloudTower.length)
    section(
      bilingual('cli.cleanup.withTowerVmHeading'),
      p.withCloudTower.map((e) => line(e, lang)),
    );
  section(
    bilingual('cli.cleanup.manualHeading'),
    p.manual.map((e) => line(e, lang)),
  );
  section(
    bilingual('cli.cleanup.keptHeading'),
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
          `  ${STATE_WORDS[item.state][lang]}: ${localizeText(item.entry.name, lang)}${item.detail ? ` (${item.detail})` : ''}`,
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
