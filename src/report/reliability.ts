// The report's "reliability" section (stage 10): the inspection after the test load against the one
// before it (stage 7), and the items that failed only after the load; since stage10-alerts also the
// CloudTower alerts open after the load that were not open before it. Absent when it did not run.
import type { ReliabilityComparison } from '../run/inspection-items.js';
import type { Escape } from './html.js';
import type { Lang } from '../i18n/index.js';

const TEXT = {
  zh: {
    title: '可靠性（负载前后巡检与告警对比）',
    counts: (b: string, a: string) => `负载前失败项 ${b}，负载后失败项 ${a}`,
    none: '无新增失败项',
    head: ['巡检项', '对象', '级别'],
    unreadable: (why: string) => `巡检报告无法读取，改用告警对比：${why}`,
    alertCounts: (b: number, a: number) => `未结束告警：负载前 ${b} 条，负载后 ${a} 条`,
    alertsNone: '无新增告警',
    alertHead: ['告警级别', '对象', '告警内容'],
  },
  en: {
    title: 'Reliability (inspection and alerts before and after the load)',
    counts: (b: string, a: string) => `failing items before the load: ${b}, after: ${a}`,
    none: 'no new failing items',
    head: ['item', 'target', 'level'],
    unreadable: (why: string) =>
      `the inspection report could not be read; the alerts were compared instead: ${why}`,
    alertCounts: (b: number, a: number) => `open alerts before the load: ${b}, after: ${a}`,
    alertsNone: 'no new alerts',
    alertHead: ['severity', 'object', 'alert'],
  },
};

type Text = (typeof TEXT)[Lang];

const table = (head: string[], rows: string[][], e: Escape) =>
  `<table><thead><tr>${head.map((h) => `<th>${e(h)}</th>`).join('')}</tr></thead><tbody>${rows
    .map((r) => `<tr>${r.map((c) => `<td>${c}</td>`).join('')}</tr>`)
    .join('\n')}</tbody></table>`;

function inspectionPart(r: ReliabilityComparison, t: Text, e: Escape): string[] {
  if (!r.before || !r.after)
    return r.reportUnreadable ? [`<p>${e(t.unreadable(r.reportUnreadable))}</p>`] : [];
  const counts = t.counts(`${r.before.failing}/${r.before.checked}`, `${r.after.failing}/${r.after.checked}`);
  const rows = r.newFailures.map((i) => [`<code>${e(i.name)}</code>`, e(i.target), e(i.level)]);
  return [`<p>${e(counts)}</p>`, rows.length ? table(t.head, rows, e) : `<p>${e(t.none)}</p>`];
}

function alertsPart(r: ReliabilityComparison, t: Text, e: Escape): string[] {
  if (!r.alerts || !r.newAlerts) return [];
  const rows = r.newAlerts.map((a) => [e(a.severity), e(a.object), e(a.message)]);
  return [
    `<p>${e(t.alertCounts(r.alerts.before, r.alerts.after))}</p>`,
    rows.length ? table(t.alertHead, rows, e) : `<p>${e(t.alertsNone)}</p>`,
  ];
}

export function reliabilitySection(r: ReliabilityComparison | undefined, lang: Lang, e: Escape): string {
  if (!r) return '';
  const t = TEXT[lang];
  return [
    `<section id="reliability" class="keep">`,
    `<h2>${e(t.title)}</h2>`,
    ...inspectionPart(r, t, e),
    ...alertsPart(r, t, e),
    '</section>',
  ].join('\n');
}
