// The report's failures section: each failed stage or component with its error in the report's
// language, the run's own error, and what to do next (`retry` while the run is open, a new start
// with the same workbook once it has ended). Absent when nothing failed.
import { type Lang, CLI, localizeError, t } from '../i18n/index.js';
import type { Escape } from './html.js';
import type { RunReport } from './model.js';
import { stageName } from './texts.js';

export function failuresSection(r: RunReport, lang: Lang, e: Escape): string | undefined {
  const failed = r.stages.filter((s) => s.status === 'failed');
  const items = failed.map(
    (s) =>
      `<li><strong>${e(stageName(s.id, lang))}</strong>: ${e(s.error ? localizeError(s.error, lang, { inStage: true }) : '')}</li>`,
  );
  // The run's own error when no failed stage already says it (a failed run, a fail-fast stop).
  if (r.error && !failed.some((s) => s.error && r.error!.endsWith(s.error)))
    items.push(`<li>${e(localizeError(r.error, lang))}</li>`);
  if (items.length === 0) return undefined;
  const open = r.status === 'RUNNING';
  const todo = open
    ? t(lang, 'report.whatToDoOpen', { command: `${CLI} retry ${r.workflowId}` })
    : t(lang, 'report.whatToDoClosed', { command: `${CLI} start --plan <workbook>` });
  return [
    `<section id="failures" class="keep">`,
    `<h2>${e(t(lang, 'report.failures'))}</h2>`,
    `<div class="error"><ul class="failures">${items.join('\n')}</ul></div>`,
    `<p class="todo"><strong>${e(t(lang, 'report.whatToDo'))}:</strong> ${e(todo)}</p>`,
    '</section>',
  ].join('\n');
}
