// A stage's time as every view shows it (watch, status, the summary, the report): the seconds it
// worked, its runs added up, without the time it waited for the operator's approval or `retry`.
// One function and one format, so no two views can disagree (issue 23 point 5).
import type { StageId, StageProgress } from './stages.js';

/**
 * Seconds the stage worked by `nowMs` (its current run counted up to then), or undefined when it
 * never ran. Progress recorded before `workedSeconds` existed falls back to first start → last end.
 */
export function stageSeconds(stage: StageProgress, nowMs: number): number | undefined {
  if (stage.workedSeconds !== undefined || stage.runStartedAt !== undefined) {
    const current = stage.runStartedAt ? Math.max(0, (nowMs - Date.parse(stage.runStartedAt)) / 1000) : 0;
    return (stage.workedSeconds ?? 0) + current;
  }
  if (stage.startedAt && stage.finishedAt)
    return Math.max(0, (Date.parse(stage.finishedAt) - Date.parse(stage.startedAt)) / 1000);
  return undefined;
}

/** 12.3 s, 3m05s, 2h04m: short enough for a table cell, the same in every view. */
export function formatDuration(seconds: number): string {
  const s = Math.max(0, seconds);
  if (s < 60) return `${s.toFixed(1)} s`;
  const whole = Math.floor(s);
  if (whole < 3600) return `${Math.floor(whole / 60)}m${String(whole % 60).padStart(2, '0')}s`;
  return `${Math.floor(whole / 3600)}h${String(Math.floor((whole % 3600) / 60)).padStart(2, '0')}m`;
}

/** One stage's row of the run's summary (BringUpSummary.stages). */
export interface SummaryStage {
  id: StageId;
  status: string;
  seconds?: number;
  note?: string;
}

/** The summary's stage rows: each stage's time as watch and the report show it, to a tenth of a second. */
export function summaryStages(
  stages: StageProgress[],
  notes: Partial<Record<StageId, string>>,
  nowMs: number,
): SummaryStage[] {
  return stages.map((s) => {
    const seconds = stageSeconds(s, nowMs);
    return {
      id: s.id,
      status: s.status,
      seconds: seconds === undefined ? undefined : Math.round(seconds * 10) / 10,
      note: notes[s.id],
    };
  });
}
