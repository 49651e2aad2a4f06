// Writes a run's report file: on demand (`report`) and when `start --wait` or `watch` see the run end.
import { existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Client } from '@temporalio/client';
import type { Lang } from '../i18n/index.js';
import { loadRunReport } from './load.js';
import { renderReport } from './render.js';
import { t } from '../i18n/index.js';

/** Where a run's report goes by default: next to its other artifacts. */
export function defaultReportPath(workflowId: string): string {
  return path.resolve('artifacts', workflowId.replace(/[^\w.-]+/g, '_'), 'report.html');
}

export async function writeRunReport(
  client: Client,
  workflowId: string,
  lang: Lang,
  out = defaultReportPath(workflowId),
): Promise<{ file: string; status: string }> {
  const { report, secrets } = await loadRunReport(client, workflowId);
  const file = path.resolve(out);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, renderReport(report, { lang, secrets }));
  return { file, status: report.status };
}

/**
 * The end-of-run report of `start --wait` and `watch`: written only when the run has closed, and
 * never turning a finished run into a failed command (a problem is printed, the exit code stays).
 */
export async function writeEndOfRunReport(
  client: Client,
  workflowId: string,
  lang: Lang,
  out?: string,
): Promise<void> {
  try {
    const desc = await client.workflow.getHandle(workflowId).describe();
    if (desc.status.name === 'RUNNING') return;
    const { file } = await writeRunReport(client, workflowId, lang, out);
    console.log(t(lang, 'report.written', { file }));
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    console.error(t(lang, 'report.writeFailed', { why: message }));
  }
}

/**
 * A report left by an earlier run with the same id must not outlive it (issue 23 point 5: a rerun
 * without --wait left the old 失败 report.html): rewrites the file, when there is one, with the run
 * as it stands now. `onlyIfOlderThanMs`: only when the file predates that time (the run's close), so
 * `status` rewrites a stale report once, not on every call. Never fails the command.
 */
export async function refreshExistingReport(
  client: Client,
  workflowId: string,
  lang: Lang,
  file: string = defaultReportPath(workflowId),
  onlyIfOlderThanMs?: number,
): Promise<void> {
  try {
    if (!existsSync(file)) return;
    if (onlyIfOlderThanMs !== undefined && statSync(file).mtimeMs >= onlyIfOlderThanMs) return;
    await writeRunReport(client, workflowId, lang, file);
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    console.error(t(lang, 'report.updateFailed', { why: message }));
  }
}
