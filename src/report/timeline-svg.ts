// The run's timeline as inline SVG: one row per stage, the stage's own spans (running, waiting for
// approval, waiting for a retry), its steps as thin bars, automatic retries as dots, and the
// operator's signals as dashed lines. Pure string building; every text goes through `e`.
import { localizeText, type Lang } from '../i18n/index.js';
import { STAGES, type StageId } from '../run/stages.js';
import type { Escape } from './html.js';
import type { RunReport } from './model.js';
import { stageName, T, tr, word } from './texts.js';
import { stepName } from './step-names.js';

const W = 1000;
const LABEL = 200;
const ROW = 28;
const TOP = 34;
const PLOT = W - LABEL - 16;

const COMPONENT_STAGE: Record<string, StageId> = {
  obs: 'observability',
  backup: 'backup',
  testload: 'test-load',
};

/** `m:ss` (or `h:mm:ss`) of an elapsed time. */
export function clock(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  const two = (n: number) => String(n).padStart(2, '0');
  const h = Math.floor(s / 3600);
  return h > 0
    ? `${h}:${two(Math.floor(s / 60) % 60)}:${two(s % 60)}`
    : `${Math.floor(s / 60)}:${two(s % 60)}`;
}

function niceStep(spanMs: number): number {
  const steps = [1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 14400].map((s) => s * 1000);
  return steps.find((s) => spanMs / s <= 10) ?? 28800 * 1000;
}

/** Where a phase is drawn: its row and its kind, or nothing for `pending`/`done`. */
function placePhase(phase: string): { stage: StageId; kind: 'run' | 'approval' | 'failed' } | undefined {
  if ((STAGES as readonly string[]).includes(phase)) return { stage: phase as StageId, kind: 'run' };
  const [head, rest] = [phase.slice(0, phase.indexOf(':')), phase.slice(phase.indexOf(':') + 1)];
  if (head === 'awaiting-approval' && COMPONENT_STAGE[rest])
    return { stage: COMPONENT_STAGE[rest], kind: 'approval' };
  if (head === 'failed' && (STAGES as readonly string[]).includes(rest))
    return { stage: rest as StageId, kind: 'failed' };
  return undefined;
}

export function timelineSvg(r: RunReport, lang: Lang, e: Escape): string {
  const t0 = r.startedMs ?? r.steps[0]?.scheduledMs ?? r.generatedAtMs;
  const t1 = Math.max(r.endedMs ?? r.generatedAtMs, t0 + 1000);
  const x = (t: number) => LABEL + ((Math.min(Math.max(t, t0), t1) - t0) / (t1 - t0)) * PLOT;
  const width = (a: number, b: number) => Math.max(1.5, x(b) - x(a));
  const rowY = (id: StageId | undefined) => TOP + STAGES.indexOf(id ?? 'prepare') * ROW;
  const height = TOP + STAGES.length * ROW + 8;
  const out: string[] = [];
  const f = (n: number) => n.toFixed(1);

  out.push(
    `<svg xmlns="http://www.w3.org/2000/svg" class="timeline" viewBox="0 0 ${W} ${height}" width="100%" role="img" aria-label="${e(tr(T.timeline, lang))}">`,
  );
  STAGES.forEach((id, i) => {
    const y = TOP + i * ROW;
    if (i % 2 === 0) out.push(`<rect x="0" y="${y}" width="${W}" height="${ROW}" class="band"/>`);
    out.push(`<text x="6" y="${y + ROW / 2 + 4}" class="lane">${e(stageName(id, lang))}</text>`);
  });
  const step = niceStep(t1 - t0);
  for (let t = 0; t <= t1 - t0; t += step) {
    const tx = x(t0 + t);
    out.push(`<line x1="${f(tx)}" y1="${TOP - 6}" x2="${f(tx)}" y2="${height - 8}" class="tick"/>`);
    out.push(`<text x="${f(tx)}" y="${TOP - 10}" class="axis">${e(clock(t))}</text>`);
  }
  for (const p of r.phases) {
    const place = placePhase(p.phase);
    if (!place) continue;
    const y = rowY(place.stage) + 3;
    const title = `${stageName(place.stage, lang)} · ${word(place.kind === 'run' ? 'running' : place.kind === 'approval' ? 'awaiting-approval' : 'failed', lang)} · ${clock(p.fromMs - t0)}–${clock(p.toMs - t0)}`;
    out.push(
      `<rect x="${f(x(p.fromMs))}" y="${y}" width="${f(width(p.fromMs, p.toMs))}" height="${ROW - 14}" rx="2" class="phase ${place.kind}"><title>${e(title)}</title></rect>`,
    );
  }
  for (const s of r.steps) {
    const from = s.startedMs && s.attempts <= 1 ? s.startedMs : s.scheduledMs;
    const to = s.endedMs ?? t1;
    const y = rowY(s.stage) + ROW - 10;
    const title = `${stepName(s.activity, lang)} (${s.activity}) · ${word(s.outcome, lang)} · ${clock(from - t0)}–${clock(to - t0)}${s.attempts > 1 ? ` · ×${s.attempts}` : ''}${s.failure ? ` · ${localizeText(s.failure, lang)}` : ''}`;
    out.push(
      `<rect x="${f(x(from))}" y="${y}" width="${f(width(from, to))}" height="6" class="step ${e(s.outcome)}"><title>${e(title)}</title></rect>`,
    );
    if (s.attempts > 1)
      out.push(
        `<circle cx="${f(x(from))}" cy="${y + 3}" r="4" class="retry"><title>${e(title)}</title></circle>`,
      );
  }
  for (const sig of r.signals) {
    const sx = x(sig.atMs);
    const label = `${word(sig.name.replace(/Signal$/, ''), lang)}${sig.arg ? ` ${sig.arg}` : ''}`;
    out.push(`<line x1="${f(sx)}" y1="${TOP - 4}" x2="${f(sx)}" y2="${height - 8}" class="signal"/>`);
    out.push(`<text x="${f(sx + 3)}" y="${height - 10}" class="signal-label">${e(label)}</text>`);
  }
  out.push('</svg>');
  return out.join('\n');
}
