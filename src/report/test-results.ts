// The report's "test results" section (stage 10): fio's results table — IOPS, MB/s and completion
// latency p50/p99 per profile and test VM. Absent when stage 10 did not run.
import type { FioResultRow } from '../run/fio-profiles.js';
import type { Escape } from './html.js';
import type { Lang } from '../i18n/index.js';
import { bilingual } from '../i18n/index.js';

const HEAD = {
  zh: ['测试项', '测试虚拟机', 'IOPS', 'MB/s', 'p50 延迟 (µs)', 'p99 延迟 (µs)', '时长 (s)'],
  en: ['profile', 'test VM', 'IOPS', 'MB/s', 'p50 latency (µs)', 'p99 latency (µs)', 'runtime (s)'],
};
const TITLE = bilingual('report.testResults.title');

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
    `<h2>${e(TITLE[lang])}</h2>`,
    '<table>',
    `<thead><tr>${HEAD[lang].map((h) => `<th>${e(h)}</th>`).join('')}</tr></thead>`,
    `<tbody>${body}</tbody>`,
    '</table>',
    '</section>',
  ].join('\n');
}
