// One run's report as a single self-contained HTML page: inline CSS and SVG, no script, no font,
// no image, no link to anything outside the file. Every value is escaped (html.ts).
import {
  type Lang,
  type MessageKey,
  localizeError,
  localizeText,
  localizeValue,
  summaryKey,
  t as say,
} from '../i18n/index.js';
import { escaper, type Escape } from './html.js';
import { testResultsSection } from './test-results.js';
import { reliabilitySection } from './reliability.js';
import type { RunReport } from './model.js';
import { STYLE } from './style.js';
import { formatDuration } from '../run/stage-time.js';
import { stepName } from './step-names.js';
import { clock, timelineSvg } from './timeline-svg.js';
import { stageName, T, tr, word } from './texts.js';
import { failuresSection } from './failures.js';
import { manualStepsSection } from './manual-steps.js';

const utc = (ms: number | undefined) =>
  ms === undefined
    ? '—'
    : new Date(ms)
        .toISOString()
        .replace('T', ' ')
        .replace(/\.\d+Z$/, ' UTC');

type Cell = string | { html: string; cls?: string };

function table(e: Escape, head: string[], rows: Cell[][]): string {
  const cell = (c: Cell) =>
    typeof c === 'string' ? `<td>${e(c)}</td>` : `<td${c.cls ? ` class="${c.cls}"` : ''}>${c.html}</td>`;
  return [
    '<table>',
    `<thead><tr>${head.map((h) => `<th>${e(h)}</th>`).join('')}</tr></thead>`,
    `<tbody>${rows.map((r) => `<tr>${r.map(cell).join('')}</tr>`).join('\n')}</tbody>`,
    '</table>',
  ].join('\n');
}

function section(id: string, title: string, body: string, keep = false): string {
  return `<section id="${id}"${keep ? ' class="keep"' : ''}>\n<h2>${title}</h2>\n${body}\n</section>`;
}

export interface RenderOptions {
  lang: Lang;
  /** The run's secrets: blanked should any text quote one (see html.ts). */
  secrets?: readonly string[];
}

export function renderReport(r: RunReport, opts: RenderOptions): string {
  const { lang } = opts;
  const e = escaper(opts.secrets);
  const t = (k: keyof typeof T) => e(tr(T[k], lang));
  const none = `<p class="sub">${t('none')}</p>`;
  /** Column headings from the report's labels (table() escapes them). */
  const heads = (...keys: (keyof typeof T)[]) => keys.map((k) => tr(T[k], lang));
  /** A table of the items, one row each, or "none" when there are none. */
  const tableOrNone = <I>(head: string[], items: readonly I[], row: (item: I) => Cell[]) =>
    items.length ? table(e, head, items.map(row)) : none;
  const num = (v: number | undefined) => ({ html: v === undefined ? '' : e(v), cls: 'num' });
  const status = (s: string) => ({ html: e(word(s, lang)), cls: `status-${e(s)}` });
  const t0 = r.startedMs ?? r.generatedAtMs;
  const outcome = r.outcome ?? r.status;
  const parts: string[] = [];

  parts.push(
    `<header>\n<h1>${t('title')} · ${e(r.clusterName)}</h1>`,
    `<p class="sub"><span class="badge ${e(outcome)}">${e(word(outcome, lang))}</span> ` +
      `${t('run')} <code>${e(r.workflowId)}</code>${r.runId ? ` <code>${e(r.runId)}</code>` : ''}</p>`,
    table(e, heads('status', 'started', 'ended', 'duration'), [
      [
        word(r.status, lang),
        utc(r.startedMs),
        utc(r.endedMs),
        r.startedMs ? clock((r.endedMs ?? r.generatedAtMs) - r.startedMs) : '—',
      ],
    ]),
    '</header>',
  );
  // What failed and what to do, first: the reader of a handed-over report looks for it.
  const failures = failuresSection(r, lang, e);
  if (failures) parts.push(failures);

  const addresses = tableOrNone(heads('item', 'value'), r.addresses, ([k, v]) => [
    summaryKey(k, lang),
    { html: `<code>${e(v)}</code>` },
  ]);
  const networks = r.networks.length
    ? `<h3>${t('networks')}</h3>` +
      table(
        e,
        [tr(T.role, lang), tr(T.name, lang), 'VLAN', tr(T.subnet, lang), tr(T.gateway, lang)],
        r.networks.map((n) => [
          networkRole(n.role, lang),
          n.name,
          num(n.vlan),
          n.subnet ?? '',
          n.gateway ?? '',
        ]),
      )
    : '';
  parts.push(section('cluster', t('cluster'), addresses + networks, true));

  parts.push(
    section(
      'timeline',
      t('timeline'),
      `<p class="legend">${t('timelineNote')}</p>\n${timelineSvg(r, lang, e)}`,
      true,
    ),
  );
  parts.push(
    section(
      'stages',
      t('stages'),
      table(
        e,
        [tr(T.stage, lang), tr(T.status, lang), tr(T.duration, lang), tr(T.note, lang)],
        r.stages.map((s) => [
          stageName(s.id, lang),
          status(s.status),
          { html: s.seconds === undefined ? '' : e(formatDuration(s.seconds)), cls: 'num' },
          [s.note && localizeText(s.note, lang), s.error && localizeError(s.error, lang, { inStage: true })]
            .filter(Boolean)
            .join(' — '),
        ]),
      ),
    ),
  );
  parts.push(
    section(
      'steps',
      t('steps'),
      tableOrNone(heads('at', 'stage', 'step', 'duration', 'attempts', 'result'), r.steps, (s) => [
        { html: e(clock(s.scheduledMs - t0)), cls: 'num' },
        s.stage ? stageName(s.stage, lang) : '',
        { html: `${e(stepName(s.activity, lang))}<br><code class="code-name">${e(s.activity)}</code>` },
        { html: s.endedMs ? e(clock(s.endedMs - (s.startedMs ?? s.scheduledMs))) : '', cls: 'num' },
        { html: e(s.attempts), cls: s.attempts > 1 ? 'num warn' : 'num' },
        {
          html:
            e(word(s.outcome, lang)) +
            (s.failure ? `<br><span class="mono">${e(localizeText(s.failure, lang))}</span>` : ''),
          cls: `status-${e(s.outcome)}`,
        },
      ]),
    ),
  );
  if (r.signals.length)
    parts.push(
      section(
        'signals',
        t('signals'),
        table(
          e,
          heads('at', 'time', 'name'),
          r.signals.map((s) => [
            { html: e(clock(s.atMs - t0)), cls: 'num' },
            utc(s.atMs),
            `${word(s.name, lang)}${s.arg ? ` ${s.arg}` : ''}`,
          ]),
        ),
        true,
      ),
    );

  const pw = (p: string | undefined) =>
    p === 'changed'
      ? { html: t('pwChanged'), cls: 'ok' }
      : p === 'already-set'
        ? { html: t('pwAlready'), cls: 'ok' }
        : { html: t('pwUnknown'), cls: 'status-pending' };
  parts.push(
    section(
      'hosts',
      t('hosts'),
      tableOrNone(
        heads(
          'hostname',
          'mgmtIp',
          'storageIp',
          'bmcIp',
          'rack',
          'hostUuid',
          'cpu',
          'memory',
          'disks',
          'nics',
          'password',
        ),
        r.hosts,
        (h) => [
          h.hostname,
          { html: `<code>${e(h.managementIp)}</code>` },
          { html: `<code>${e(h.storageIp ?? '')}</code>` },
          { html: `<code>${e(h.bmcIp ?? '')}</code>` },
          [h.rack, h.unit].filter(Boolean).join(' / '),
          { html: `<code>${e(h.hostUuid ?? '')}</code>` },
          h.cpu ?? '',
          num(h.memoryGiB),
          num(h.disks),
          num(h.nics),
          pw(h.password),
        ],
      ),
    ),
  );
  parts.push(
    section(
      'created',
      t('created'),
      tableOrNone(heads('item', 'value'), r.created, ([k, v]) => [
        summaryKey(k, lang),
        localizeValue(v, lang),
      ]),
    ),
  );
  const writeBacks = r.writeBacks.length
    ? `<h3>${t('writeBack')}</h3>` +
      table(
        e,
        heads('time', 'serials', 'file', 'result'),
        r.writeBacks.map((w) => [
          utc(w.atMs),
          Object.entries(w.serials)
            .map(([k, v]) => `${summaryKey(k, lang)}: ${v}`)
            .join(', '),
          { html: `<code>${e(w.file ?? '')}</code>` },
          w.written.length
            ? `${tr(T.written, lang)}: ${w.written.join(', ')}`
            : `${tr(T.skipped, lang)} ${w.skipped ?? ''}`,
        ]),
      )
    : '';
  parts.push(
    section(
      'serials',
      t('serials'),
      tableOrNone(heads('item', 'value'), r.serials, ([k, v]) => [
        summaryKey(k, lang),
        { html: `<code>${e(v)}</code>` },
      ]) + writeBacks,
    ),
  );
  parts.push(
    section(
      'warnings',
      t('warnings'),
      r.warnings.length
        ? `<ul class="warnings">${r.warnings.map((w) => `<li>${e(localizeText(w, lang))}</li>`).join('\n')}</ul>`
        : none,
    ),
  );
  parts.push(
    section(
      'inspection',
      t('inspection'),
      r.inspection
        ? table(
            e,
            [tr(T.file, lang), 'SHA-256', tr(T.bytes, lang)],
            [
              [
                { html: `<code>${e(r.inspection.path)}</code>` },
                { html: `<code>${e(r.inspection.sha256)}</code>` },
                num(r.inspection.bytes),
              ],
            ],
          )
        : none,
      true,
    ),
  );
  const manual = manualStepsSection(r.manualSteps, lang, e);
  if (manual) parts.push(manual);
  parts.push(testResultsSection(r.testResults, lang, e)); // stage 10 (TESTLOAD)
  parts.push(reliabilitySection(r.reliability, lang, e)); // stage 10 (RELIABILITY)
  parts.push(
    section(
      'checks',
      t('checks'),
      tableOrNone(heads('item', 'result', 'note'), r.checks, (c) => [
        { html: `<code>${e(c.name)}</code>` },
        { html: c.ok ? t('ok') : t('notOk'), cls: c.ok ? 'ok' : 'bad' },
        [...c.problems, ...c.warnings].join('; '),
      ]),
    ),
  );

  const title = `${tr(T.title, lang)} · ${r.clusterName}`;
  return [
    '<!DOCTYPE html>',
    `<html lang="${lang === 'zh' ? 'zh-CN' : 'en'}">`,
    '<head>',
    '<meta charset="utf-8">',
    // No fetch of any kind: not even a favicon, so the page is whole offline and in an archive.
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">`,
    '<link rel="icon" href="data:,">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${e(title)}</title>`,
    `<style>${STYLE}</style>`,
    '</head>',
    '<body>',
    ...parts,
    `<footer>${t('generated')} ${e(utc(r.generatedAtMs))} · hci-bringup</footer>`,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

/** A network's 用途 (purpose) as the workbook names it, in words; an unknown one as it is. */
const NETWORK_ROLES: Record<string, MessageKey> = {
  management: 'network.role.management',
  'extra-management': 'network.role.extraManagement',
  storage: 'network.role.storage',
  backup: 'network.role.backup',
  business: 'network.role.business',
};

function networkRole(role: string, lang: Lang): string {
  const key = NETWORK_ROLES[role];
  return key ? say(lang, key as 'network.role.management') : role;
}
