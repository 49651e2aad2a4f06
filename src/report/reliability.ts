// The report's "reliability" section (stage 10): the inspection after the test load against the one
// before it (stage 7), and the items that failed only after the load; since stage10-alerts also the
// CloudTower alerts open after the load that were not open before it. Absent when it did not run.
import type { ReliabilityComparison } from '../run/inspection-items.js';
import type { Escape } from './html.js';
import { type Lang, t } from '../i18n/index.js';

/** A table header kept in the catalogue as one `a|b|c` entry. */
const heads = (text: string) => text.split('|');

const table = (head: string[], rows: string[][], e: Escape) =>
  `<table><thead><tr>${head.map((h) => `<th>${e(h)}</th>`).join('')}</tr></thead><tbody>${rows
    .map((r) => `<tr>${r.map((c) => `<td>${c}</td>`).join('')}</tr>`)
    .join('\n')}</tbody></table>`;

function inspectionPart(r: ReliabilityComparison, lang: Lang, e: Escape): string[] {
  if (!r.before || !r.after)
    return r.reportUnreadable
      ? [`<p>${e(t(lang, 'report.reliability.unreadable', { why: r.reportUnreadable }))}</p>`]
      : [];
  const counts = t(lang, 'report.reliability.counts', {
    before: `${r.before.failing}/${r.before.checked}`,
    after: `${r.after.failing}/${r.after.checked}`,
  });
  const rows = r.newFailures.map((i) => [`<code>${e(i.name)}</code>`, e(i.target), e(i.level)]);
  return [
    `<p>${e(counts)}</p>`,
    rows.length
      ? table(heads(t(lang, 'report.reliability.head')), rows, e)
      : `<p>${e(t(lang, 'report.reliability.none'))}</p>`,
  ];
}

function alertsPart(r: ReliabilityComparison, lang: Lang, e: Escape): string[] {
  if (!r.alerts || !r.newAlerts) return [];
  const rows = r.newAlerts.map((a) => [e(a.severity), e(a.object), e(a.message)]);
  return [
    `<p>${e(t(lang, 'report.reliability.alertCounts', { before: r.alerts.before, after: r.alerts.after }))}</p>`,
    rows.length
      ? table(heads(t(lang, 'report.reliability.alertHead')), rows, e)
      : `<p>${e(t(lang, 'report.reliability.alertsNone'))}</p>`,
  ];
}

export function reliabilitySection(r: ReliabilityComparison | undefined, lang: Lang, e: Escape): string {
  if (!r) return '';
  return [
    `<section id="reliability" class="keep">`,
    `<h2>${e(t(lang, 'report.reliability.title'))}</h2>`,
    ...inspectionPart(r, lang, e),
    ...alertsPart(r, lang, e),
    '</section>',
  ].join('\n');
}
