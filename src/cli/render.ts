import type { ActivityView, RunView } from '../report/run-view.js';
import type { BringUpSummary } from '../workflows/run-tracker.js';
import {
  DONE_WITH_FAILURES,
  type OptionalComponent,
  type StageId,
  type StageProgress,
  type StageStatus,
} from '../run/stages.js';
import stringWidth from 'string-width';
import { byStageNumber, numberedStageName, STAGE_NAMES, STAGE_NUMBERS } from '../run/stage-names.js';
import { formatDuration, stageSeconds } from '../run/stage-time.js';
import {
  bilingual,
  type Bilingual,
  joinList,
  type Lang,
  deployStageLabel,
  localizeError,
  localizeText,
  localizeValue,
  runState,
  stageLabel,
  statusWord,
  stepLabel,
  summaryKey,
  t,
  CLI,
} from '../i18n/index.js';
import { formatTable, padDisplay } from './columns.js';
import { attemptLabel, retryPart } from './render-retry.js';
import { manualStepLines } from '../report/manual-steps.js';
import { PER_HOST_STEPS, type HostStepState, type PerHostStep } from '../report/per-host-steps.js';

/** The mark of each status in the table (the words are the catalogue's). */
const STATUS_MARKS: Record<StageStatus, string> = {
  pending: ' ',
  running: '>',
  done: '✔',
  skipped: '-',
  failed: '✖',
  'awaiting-approval': '?',
};
const STATUSES = Object.keys(STATUS_MARKS) as StageStatus[];

function bar(fraction: number, width = 24): string {
  const filled = Math.max(0, Math.min(width, Math.round(fraction * width)));
  return `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${(fraction * 100).toFixed(1).padStart(5)}%`;
}

function bytes(n: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let v = n;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${v.toFixed(i === 0 ? 0 : 1)} ${units[i]}`;
}

const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);

/** One line per pending activity: a progress bar where the heartbeat says how far it is. */
export function renderActivity(
  a: ActivityView,
  lang: Lang,
  opts: { live?: boolean; nowMs?: number } = {},
): string {
  const live = opts.live ?? true;
  const d = a.details ?? {};
  // The step in words, then its code name (to find it in the Web UI).
  const named = stepLabel(a.activity, lang);
  const attempt = attemptLabel(a, lang, live);
  const parts = [
    `  · ${named === a.activity ? '' : `${named} — `}${a.activity}${attempt ? ` (${attempt})` : ''}`,
  ];
  const percent = num(d.percent);
  const sent = num(d.bytesSent);
  const total = num(d.bytesTotal);
  if (percent !== undefined || (sent !== undefined && total)) {
    const fraction = percent !== undefined ? percent / 100 : sent! / total!;
    parts.push(bar(fraction));
    if (sent !== undefined && total) parts.push(`${bytes(sent)} / ${bytes(total)}`);
    const rate = num(d.bytesPerSecond);
    if (rate) parts.push(`${bytes(rate)}/s`);
  }
  const offset = num(d.logOffset);
  if (offset !== undefined) parts.push(t(lang, 'cli.render.logOffset', { size: bytes(offset) }));
  if (typeof d.lastLine === 'string') parts.push(`“${d.lastLine.slice(0, 80)}”`);
  if (typeof d.stage_info === 'string') parts.push(deployStageLabel(d.stage_info, lang));
  if (typeof d.waitingFor === 'string') parts.push(waitingFor(d, lang));
  const retry = retryPart(a, lang, { live, nowMs: opts.nowMs ?? Date.now() });
  if (retry) parts.push(retry);
  return parts.join('  ');
}

/**
 * What a polling step waits for. Activities heartbeat it as free English (`set the cluster DNS
 * servers`); in Chinese the line says that it waits, with the appliance's job or task id and state.
 */
function waitingFor(d: Record<string, unknown>, lang: Lang): string {
  const what = String(d.waitingFor);
  const said = localizeText(what, lang);
  if (lang === 'en' || said !== what) return said;
  const id = typeof d.jobId === 'string' ? d.jobId : typeof d.taskId === 'string' ? d.taskId : undefined;
  const state = typeof d.jobState === 'string' ? ` ${d.jobState}` : '';
  return id ? t(lang, 'progress.waitingForJob', { id, state }) : t(lang, 'progress.waiting');
}

/** A stage's name as the operator reads it. */
/** A BringUpStage value (stage id, `failed:<stage>`, `awaiting-approval:<c>`, `done`, `pending`) in words. */
export function phaseLabel(phase: string, lang: Lang): string {
  const stage = (id: string) => stageLabel(id, lang);
  if (phase === 'pending') return t(lang, 'cli.phase.pending');
  if (phase === 'done') return t(lang, 'cli.phase.done');
  if (phase === DONE_WITH_FAILURES) return t(lang, 'cli.phase.doneWithFailures');
  const failed = /^failed:(.+)$/.exec(phase);
  if (failed) return t(lang, 'cli.phase.failed', { stage: stage(failed[1]) });
  const waiting = /^awaiting-approval:(.+)$/.exec(phase);
  if (waiting) return t(lang, 'cli.phase.awaitingApproval', { component: waiting[1] });
  return stage(phase);
}

/** Run states of Temporal, as the operator reads them (the catalogue's). */
export { RUN_STATES as STATE_NAMES } from '../i18n/index.js';

const HOST_STATES: Record<HostStepState, Bilingual> = {
  running: bilingual('cli.render.hostState.running'),
  scanned: bilingual('cli.render.hostState.scanned'),
  changed: bilingual('cli.render.hostState.changed'),
  'already-set': bilingual('cli.render.hostState.alreadySet'),
  failed: bilingual('word.failed'),
  'not-reached': bilingual('cli.render.hostState.notReached'),
};

const HOST_STEP_NAMES: Record<PerHostStep, Bilingual> = {
  'scan-hosts': bilingual('cli.render.hostStep.scanHosts'),
  'host-passwords': bilingual('cli.render.hostStep.hostPasswords'),
};

const widestOf = (texts: string[]) => texts.reduce((a, b) => (stringWidth(b) > stringWidth(a) ? b : a), '');

/** 12.3 s, 3m05s, 2h04m: the one format of a stage's time (src/run/stage-time.ts). */
export const duration = formatDuration;

const clock = (ms: number) =>
  new Date(ms)
    .toISOString()
    .replace('T', ' ')
    .replace(/\.\d+Z$/, 'Z');

/** What `skip` leaves out: the component's whole stage; the cluster and CloudTower stay as they are. */
export function skipWouldSkip(component: OptionalComponent, ip: string | undefined, lang: Lang): string {
  const at = ip ? ` (${ip})` : '';
  if (component === 'obs')
    return t(lang, 'cli.skipWouldSkip.obs', { stage: STAGE_NUMBERS.observability, at });
  return t(lang, 'cli.skipWouldSkip.backup', { stage: STAGE_NUMBERS.backup, at });
}

export interface RenderOptions {
  /** Counting values (the current stage's time, the approval countdown); off for logs, where only changes print. */
  live?: boolean;
  nowMs?: number;
}

/**
 * A stage's time and, apart, how long it waited for the operator's `retry`. The time is the one the
 * summary and the report show (stage-time.ts); in a log (not live) a running stage shows `…`, so
 * its line is printed once and again when it ends.
 */
function stageElapsed(
  view: RunView,
  s: StageProgress,
  live: boolean,
  nowMs: number,
): { work: string; wait: string } {
  const t = view.history?.stageTimes[s.id];
  const waited =
    t && t.retryWaitSeconds > 0 && (!t.current || live || s.status !== 'failed') ? t.retryWaitSeconds : 0;
  const wait = waited ? duration(waited) : '';
  const running = s.runStartedAt !== undefined || (s.status === 'running' && s.workedSeconds === undefined);
  if (running && !live) return { work: '…', wait };
  const seconds = stageSeconds(s, nowMs);
  if (seconds !== undefined) return { work: duration(seconds), wait };
  // Progress of a run in flight recorded before stage times existed: the phases in the history.
  if (t) return { work: t.workingSeconds > 0 || t.current ? duration(t.workingSeconds) : '', wait };
  if (s.startedAt && live) return { work: duration((nowMs - Date.parse(s.startedAt)) / 1000), wait };
  return { work: '', wait };
}

function hostRows(view: RunView, lang: Lang): string[] {
  const hosts = view.history?.hosts ?? [];
  if (hosts.length === 0) return [];
  const steps = (Object.keys(HOST_STEP_NAMES) as PerHostStep[]).filter((st) =>
    hosts.some((h) => h.steps[st]),
  );
  // Heartbeats of a running per-host step say how many hosts are through.
  const counts = new Map<PerHostStep, string>();
  for (const a of view.activities) {
    const step = PER_HOST_STEPS[a.activity as keyof typeof PER_HOST_STEPS];
    const d = a.details ?? {};
    const doneCount = num(d.hostsDone) ?? num(d.scanned);
    if (step && doneCount !== undefined && num(d.of)) counts.set(step, ` ${doneCount}/${num(d.of)}`);
  }
  const header = [`  ${t(lang, 'cli.render.host')}`, t(lang, 'cli.render.managementIp')].concat(
    steps.map((st) => HOST_STEP_NAMES[st][lang] + (counts.get(st) ?? '')),
  );
  const rows = hosts.map((h) =>
    [`  ${h.hostname}`, h.managementIp].concat(
      steps.map((st) => (h.steps[st] ? HOST_STATES[h.steps[st]][lang] : '')),
    ),
  );
  return formatTable([header, ...rows]).split('\n');
}

function approvalLines(view: RunView, lang: Lang, live: boolean, nowMs: number): string[] {
  const lines: string[] = [];
  const p = view.progress;
  const h = view.history;
  for (const w of h?.approvals ?? []) {
    if (w.toMs === undefined) continue;
    const how =
      w.outcome === 'approve'
        ? t(lang, 'cli.approval.approved')
        : w.outcome === 'skip'
          ? t(lang, 'cli.approval.skipped')
          : w.outcome === 'deadline'
            ? h!.onApprovalTimeout === 'skip'
              ? t(lang, 'cli.approval.deadlineSkipped')
              : t(lang, 'cli.approval.deadlineApproved')
            : t(lang, 'cli.approval.decided');
    lines.push(
      t(lang, 'cli.approval.waited', {
        component: w.component,
        time: duration((w.toMs - w.fromMs) / 1000),
        how,
      }),
    );
  }
  if (p?.awaitingApproval) {
    const c = p.awaitingApproval;
    lines.push(t(lang, 'cli.approval.awaiting', { component: c, cli: CLI, id: view.workflowId }));
    const open = h?.approvals.find((w) => w.component === c && w.toMs === undefined);
    // The history's timer when the wait shows in the phases; else the run's own word for it.
    const asked = p.approvalDeadlines?.[c];
    const deadlineMs = open?.deadlineMs ?? (asked ? Date.parse(asked) : undefined);
    if (deadlineMs !== undefined) {
      const fallback = h?.onApprovalTimeout ?? 'skip';
      const then =
        fallback === 'skip' ? t(lang, 'cli.approval.thenSkip') : t(lang, 'cli.approval.thenApprove');
      const left = live ? t(lang, 'cli.approval.left', { time: duration((deadlineMs - nowMs) / 1000) }) : '';
      lines.push(`  ${t(lang, 'cli.approval.deadline', { at: clock(deadlineMs), left, then })}`);
    }
    lines.push(`  ${skipWouldSkip(c, h?.componentIps[c], lang)}`);
  }
  return lines;
}

export function renderRunView(view: RunView, lang: Lang, opts: RenderOptions = {}): string {
  const live = opts.live ?? true;
  const nowMs = opts.nowMs ?? Date.now();
  const state = runState(view.status, lang);
  const lines = [t(lang, 'cli.render.runLine', { id: view.workflowId, state })];
  const p = view.progress;
  if (p) {
    lines.push(
      t(lang, 'cli.render.clusterLine', {
        cluster: p.clusterName,
        phase: phaseLabel(p.phase, lang),
        code: p.phase,
      }),
    );
    const stages = byStageNumber(p.stages);
    const rows = stages.map((s) => {
      const { work, wait } = stageElapsed(view, s, live, nowMs);
      return [
        numberedStageName(s.id, lang),
        statusWord(s.status, lang),
        work,
        wait ? t(lang, 'cli.render.retryWait', { time: wait }) : '',
        s.status === 'running' || s.status === 'failed' ? (s.step ? stepLabel(s.step, lang) : '') : '',
      ];
    });
    const header = t(lang, 'cli.render.stageHeader').split('|');
    // Widths from the widest possible cell, not from this frame: a log shows a line only when it
    // changed, so columns must not shift when a longer status appears.
    const widest = [
      widestOf((Object.keys(STAGE_NAMES) as StageId[]).map((id) => numberedStageName(id, lang))),
      widestOf(STATUSES.map((st) => statusWord(st, lang))),
      '59m59s',
      t(lang, 'cli.render.retryWait', { time: '59m59s' }),
      '',
    ];
    const table = formatTable([widest, header, ...rows])
      .split('\n')
      .slice(1);
    // The mark stays outside the table: terminals draw ✔ one column wide, string-width counts two.
    lines.push(`   ${table[0]}`);
    stages.forEach((s, i) => {
      lines.push(` ${STATUS_MARKS[s.status]} ${table[i + 1]}`);
      if (s.status === 'failed' && s.error)
        lines.push(`     ${localizeError(s.error, lang, { inStage: true })}`);
    });
    lines.push(...hostRows(view, lang));
    lines.push(...approvalLines(view, lang, live, nowMs));
    if (p.phase.startsWith('failed:')) {
      const comps = p.retryable?.kind === 'components' ? p.retryable.components : undefined;
      // `skip` with the failed component(s) spelled out: a placeholder would be typed as it is.
      const skips = (comps ?? [])
        .map((c) => `${CLI} skip ${view.workflowId} ${c}`)
        .join(t(lang, 'cli.render.or'));
      lines.push(
        comps
          ? t(lang, 'cli.render.retryOrSkip', {
              cli: CLI,
              id: view.workflowId,
              components: joinList(comps, lang),
              skips,
            })
          : t(lang, 'cli.render.retryHint', { cli: CLI, id: view.workflowId }),
      );
    }
    for (const w of p.warnings) lines.push(`  ! ${localizeText(w, lang)}`);
  } else if (view.history && view.history.hosts.length > 0) {
    lines.push(...hostRows(view, lang));
  }
  for (const a of view.activities) lines.push(renderActivity(a, lang, { live, nowMs }));
  if (view.failure && !view.summary)
    lines.push(t(lang, 'cli.render.failed', { error: localizeError(view.failure, lang) }));
  if (view.summary) {
    lines.push(...approvalLines({ ...view, progress: undefined }, lang, live, nowMs));
    lines.push('', renderSummary(view.summary, lang));
  }
  return lines.join('\n');
}

export function renderSummary(s: BringUpSummary, lang: Lang): string {
  const outcome = statusWord(s.outcome, lang);
  const lines = [
    t(lang, 'cli.summary.title', { cluster: s.clusterName, outcome, seconds: s.totalSeconds.toFixed(1) }),
  ];
  if (s.error) lines.push(t(lang, 'cli.summary.failedStep', { error: localizeError(s.error, lang) }));
  if (s.outcome === 'completed-with-failures') lines.push(...failureLines(s, lang));
  lines.push(t(lang, 'cli.summary.stages'));
  const stageWidth = Math.max(...s.stages.map((st) => stringWidth(numberedStageName(st.id, lang))), 0);
  const statusWidth = Math.max(...s.stages.map((st) => stringWidth(statusWord(st.status, lang))), 0);
  for (const st of byStageNumber(s.stages)) {
    lines.push(
      `  ${padDisplay(numberedStageName(st.id, lang), stageWidth)}  ${padDisplay(statusWord(st.status, lang), statusWidth)}  ${st.seconds !== undefined ? duration(st.seconds) : ''}${st.note ? `  ${localizeText(st.note, lang)}` : ''}`.trimEnd(),
    );
  }
  const section = (title: string, rec: Record<string, string>) => {
    const entries = Object.entries(rec);
    if (entries.length === 0) return;
    lines.push(title);
    for (const [k, v] of entries) lines.push(`  ${summaryKey(k, lang)}: ${localizeValue(v, lang)}`);
  };
  section(t(lang, 'cli.summary.created'), s.created);
  section(t(lang, 'cli.summary.addresses'), s.addresses);
  section(t(lang, 'cli.summary.serials'), s.serials);
  lines.push(...manualStepLines(s.manualSteps, lang));
  if (s.inspectionReport) {
    lines.push(
      t(lang, 'cli.summary.inspectionReport', {
        path: s.inspectionReport.path,
        size: bytes(s.inspectionReport.bytes),
        sha256: s.inspectionReport.sha256,
      }),
    );
  }
  if (s.warnings.length > 0) {
    lines.push(t(lang, 'cli.summary.warnings'));
    for (const w of s.warnings) lines.push(`  ! ${localizeText(w, lang)}`);
  }
  return lines.join('\n');
}

/**
 * What failed in a run that ended "completed with failures", and what to do: the run is closed, so
 * `retry` no longer reaches it; starting the bring-up again finds every finished step and reruns
 * only what is missing.
 */
function failureLines(s: BringUpSummary, lang: Lang): string[] {
  const lines = [t(lang, 'cli.summary.needsAttention')];
  for (const f of s.failures ?? [])
    lines.push(`  ✖ ${numberedStageName(f.stage, lang)}: ${localizeError(f.error, lang, { inStage: true })}`);
  const flags = (s.failures ?? [])
    .filter((f) => f.component)
    .map((f) => `--${f.component} auto`)
    .join(' ');
  lines.push(t(lang, 'cli.summary.startAgain', { cli: CLI, flags }));
  return lines;
}
