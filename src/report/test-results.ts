// The report's "test results" section (stage 10): fio's results table — IOPS, MB/s and completion
// latency p50/p99 per profile and test VM. Absent when stage 10 did not run.
import type { FioResultRow } from '../run/fio-profiles.js';
import type { Escape } from './html.js';
import { type Lang, t } from '../i18n/index.js';

export function testResultsSection(rows: readonly FioResultRow[] | undefined, lang: Lang, e: Escape): string {
  if (!rows?.length) return '';
  const num = (v: number) => `<td class="num">${e(v)}</td>`;
  const body = rows
    .map(
      (r) =>
        `<tr><td><code>${e(r.profile)}</code></td><td>${e(r.vm)}</td>${num(r.iops)}${num(r.mbps)}${num(r.p50us)}${num(r.p99us)}${num(r.runtimeSeconds)}</tr>`,
    )
    .join('\n');
  return [
    `<section id="test-results" class="keep">`,
    `<h2>${e(t(lang, 'report.testResults.title'))}</h2>`,
    '<table>',
    `<thead><tr>${t(lang, 'report.testResults.head')
      .split('|')
      .map((h) => `<th>${e(h)}</th>`)
      .join('')}</tr></thead>`,
    `<tbody>${body}</tbody>`,
    '</table>',
    '</section>',
  ].join('\n');
}
