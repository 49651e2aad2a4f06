// The manual follow-up steps (src/run/manual-steps.ts) as the summary and the report say them: the
// component, where the workbook plans it, what it plans, and what to do. Words from the catalogue.
import { clauseSeparator, t, type Lang, type MessageKey } from '../i18n/index.js';
import type { ManualStep, PlannedValue } from '../run/manual-steps.js';
import type { Escape } from './html.js';

const PLANNED_KEYS = {
  vip: 'manual.vip',
  controllers: 'manual.controllers',
  ip: 'manual.ip',
  version: 'manual.version',
  size: 'manual.size',
  serial: 'manual.serial',
} as const satisfies Record<PlannedValue['what'], MessageKey>;

/** What the workbook plans for the step, in the operator's words (`VIP 地址 10.0.20.5；控制器 …`). */
export function plannedText(step: ManualStep, lang: Lang): string {
  if (step.planned.length === 0) return t(lang, 'manual.nothingPlanned');
  return step.planned
    .map((p) => t(lang, PLANNED_KEYS[p.what], { value: p.value }))
    .join(clauseSeparator(lang));
}

/** The summary's lines: a title, then one line per step. */
export function manualStepLines(steps: readonly ManualStep[] | undefined, lang: Lang): string[] {
  if (!steps || steps.length === 0) return [];
  return [
    t(lang, 'manual.title'),
    ...steps.map(
      (s) =>
        `  ☐ ${t(lang, 'manual.where', { name: s.name, row: s.row })}: ${plannedText(s, lang)} — ${t(lang, 'manual.how')}`,
    ),
  ];
}

/** The report's section, or '' when the workbook plans nothing of the kind. */
export function manualStepsSection(steps: readonly ManualStep[] | undefined, lang: Lang, e: Escape): string {
  if (!steps || steps.length === 0) return '';
  const rows = steps
    .map(
      (s) =>
        `<tr><td>${e(t(lang, 'manual.where', { name: s.name, row: s.row }))}</td><td>${e(plannedText(s, lang))}</td><td>${e(t(lang, 'manual.how'))}</td></tr>`,
    )
    .join('\n');
  return [
    `<section id="manual">\n<h2>${e(t(lang, 'manual.heading'))}</h2>`,
    `<p class="sub">${e(t(lang, 'manual.title'))}</p>`,
    '<table>',
    `<thead><tr><th>${e(t(lang, 'manual.component'))}</th><th>${e(t(lang, 'manual.planned'))}</th><th>${e(t(lang, 'manual.todo'))}</th></tr></thead>`,
    `<tbody>${rows}</tbody>`,
    '</table>\n</section>',
  ].join('\n');
}
