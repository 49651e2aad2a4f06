// Issue 23 point 5: watch (and status) and the run's summary show one numbering of the stages and one
// time per stage: the summary is made from the same progress watch reads (src/run/stage-time.ts).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { renderRunView, renderSummary } from '../../src/cli/render.js';
import type { RunView } from '../../src/report/run-view.js';
import { numberedStageName, STAGE_NUMBERS } from '../../src/run/stage-names.js';
import { summaryStages } from '../../src/run/stage-time.js';
import { initialProgress, STAGES, type StageId } from '../../src/run/stages.js';
import type { BringUpSummary } from '../../src/workflows/run-tracker.js';
import { statusWord, type Lang } from '../../src/i18n/index.js';

const t0 = Date.parse('2026-12-01T08:00:00Z');
const at = (s: number) => new Date(t0 + s * 1000).toISOString();

/** A run at its end: prepare 10 s; configure-cluster failed after 20 s, waited 5 min, then 15 s; OBS 145 s after a 97 s approval wait. */
function finishedProgress() {
  const p = initialProgress('CN-01');
  const set = (id: StageId, v: Partial<(typeof p.stages)[number]>) =>
    Object.assign(
      p.stages.find((s) => s.id === id)!,
      v,
    );
  set('prepare', { status: 'done', startedAt: at(0), finishedAt: at(10), workedSeconds: 10 });
  set('configure-cluster', { status: 'done', startedAt: at(10), finishedAt: at(345), workedSeconds: 35 });
  set('inspection', { status: 'done', startedAt: at(345), finishedAt: at(400), workedSeconds: 55 });
  // Its first start was before the approval; only the 145 s it ran count.
  set('observability', { status: 'done', startedAt: at(442), finishedAt: at(587), workedSeconds: 145 });
  set('backup', { status: 'skipped', finishedAt: at(400) });
  set('cleanup', { status: 'done', startedAt: at(587), finishedAt: at(590), workedSeconds: 3.25 });
  p.phase = 'done';
  return p;
}

/** Each stage's line: its number, name and status, then the time (`10.0 s`, `2m25s`) or nothing. */
function timesIn(text: string, ids: readonly StageId[], lang: Lang): Map<StageId, string> {
  const out = new Map<StageId, string>();
  for (const id of ids) {
    const line = text.split('\n').find((l) =>
      l
        .trimStart()
        .replace(/^[✔✖?>-] /, '')
        .startsWith(`${numberedStageName(id, lang)} `),
    );
    assert.ok(line, `a line for ${numberedStageName(id, lang)} in:\n${text}`);
    const time = /(\d+\.\d s|\d+m\d\ds|\d+h\d\dm|…)/.exec(line)?.[1] ?? '';
    out.set(id, time);
  }
  return out;
}

describe('watch and the summary agree', () => {
  for (const lang of ['zh', 'en'] as const) {
    it(`on each stage's number and time (${lang})`, () => {
      const progress = finishedProgress();
      const view: RunView = { workflowId: 'bringup-CN-01', status: 'RUNNING', progress, activities: [] };
      const watch = renderRunView(view, lang, { live: false, nowMs: t0 + 600_000 });
      const summary: BringUpSummary = {
        clusterName: 'CN-01',
        outcome: 'succeeded',
        created: {},
        serials: {},
        addresses: {},
        warnings: [],
        stages: summaryStages(progress.stages, {}, t0 + 600_000),
        totalSeconds: 590,
      };
      const text = renderSummary(summary, lang);
      const fromWatch = timesIn(watch, STAGES, lang);
      const fromSummary = timesIn(text, STAGES, lang);
      assert.deepEqual(fromSummary, fromWatch);
      assert.equal(fromWatch.get('observability'), '2m25s');
      assert.equal(fromWatch.get('configure-cluster'), '35.0 s', 'the retry wait is not the stage time');
      assert.equal(fromWatch.get('cleanup'), '3.3 s');
      assert.equal(fromWatch.get('backup'), '');
      // One numbering (seed 003's sections), listed in its order in both views.
      for (const t of [watch, text]) {
        const order = STAGES.map((id) => [id, t.indexOf(`${numberedStageName(id, lang)} `)] as const).sort(
          (a, b) => a[1] - b[1],
        );
        assert.deepEqual(
          order.map(([id]) => STAGE_NUMBERS[id]),
          ['1', '2', '3', '4', '5', '6', '6b', '6c', '7', '7b', '8', '9', '10', '11'],
        );
      }
      assert.match(
        text,
        new RegExp(
          `7 ${lang === 'zh' ? '可观测性' : 'Observability'} \\(OBS\\) +${statusWord('done', lang)} +2m25s`,
        ),
      );
    });
  }

  it('a running stage counts up on a terminal and shows … in a log until it ends', () => {
    const progress = finishedProgress();
    const obs = progress.stages.find((s) => s.id === 'observability')!;
    Object.assign(obs, {
      status: 'running',
      finishedAt: undefined,
      workedSeconds: 100,
      runStartedAt: at(500),
    });
    const view: RunView = { workflowId: 'bringup-CN-01', status: 'RUNNING', progress, activities: [] };
    const live = renderRunView(view, 'en', { live: true, nowMs: t0 + 545_000 });
    assert.match(live, /7 Observability \(OBS\) +running +2m25s/);
    const log = renderRunView(view, 'en', { live: false, nowMs: t0 + 545_000 });
    assert.match(log, /7 Observability \(OBS\) +running +…/);
  });
});
