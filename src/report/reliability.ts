// The report's "reliability" section (stage 10): the inspection after the test load against the one
// before it (stage 7), and the items that failed only after the load. Absent when it did not run.
import type { ReliabilityComparison } from '../run/inspection-items.js';
import type { Escape } from './html.js';
import type { Lang } from '../cli/lang.js';

const TEXT = {
  zh: {
    title: '可靠性（负载前后巡检对比）',
    counts: (b: string, a: string) => `负载前失败项 ${b}，负载后失败项 ${a}`,
    none: '无新增失败项',
    head: ['巡检项', '对象', '级别'],
  },
  en: {
    title: 'Reliability (inspection before and after the load)',
    counts: (b: string, a: string) => `failing items before the load: ${b}, after: ${a}`,
    none: 'no new failing items',
    head: ['item', 'target', 'level'],
  },
};

export function reliabilitySection(r: ReliabilityComparison | undefined, lang: Lang, e: Escape): string {
  if (!r) return '';
  const t = TEXT[lang];
  const counts = t.counts(`${r.before.failing}/${r.before.checked}`, `${r.after.failing}/${r.after.checked}`);
  const rows = r.newFailures
    .map((i) => `<tr><td><code>${e(i.name)}</code></td><td>${e(i.target)}</td><td>${e(i.level)}</td></tr>`)
    .join('\n');
  return [
    `<section id="reliability" class="keep">`,
    `<h2>${e(t.title)}</h2>`,
    `<p>${e(counts)}</p>`,
    r.newFailures.length
      ? `<table><thead><tr>${t.head.map((h) => `<th>${e(h)}</th>`).join('')}</tr></thead><tbody>${rows}</tbody></table>`
      : `<p>${e(t.none)}</p>`,
    '</section>',
  ].join('\n');
}
