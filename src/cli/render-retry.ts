// The one line of a step that keeps failing and is retried (issue 23 point 3): its attempt, its last
// error (cut at a whole character, never mid-glyph) and when it gives up. On a terminal the line
// updates in place (attempt, time left); in a log it holds only what changes when the error does
// (no attempt counter, the give-up time as a clock time), so 26 attempts print one line, not 26.
import stringWidth from 'string-width';
import type { ActivityView } from '../report/run-view.js';
import { localizeText, t, type Lang } from '../i18n/index.js';
import { formatDuration } from '../run/stage-time.js';

/** The widest an error may be on the line (display columns), the rest shown as `…`. */
export const RETRY_ERROR_COLUMNS = 120;

/** `text` cut to `columns` display columns at a character boundary, `…` marking the cut. */
export function clipToWidth(text: string, columns: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (stringWidth(flat) <= columns) return flat;
  let out = '';
  for (const ch of flat) {
    if (stringWidth(out + ch) > columns - 1) break;
    out += ch;
  }
  return `${out}…`;
}

const clock = (ms: number) =>
  new Date(ms)
    .toISOString()
    .replace(/^.*T/, '')
    .replace(/\.\d+Z$/, 'Z');

/** The attempt part of the step's head (`attempt 7`), only where the line updates in place. */
export function attemptLabel(a: ActivityView, lang: Lang, live: boolean): string {
  return live && a.attempt > 1 ? t(lang, 'watch.attempt', { n: a.attempt }) : '';
}

/** The step's last failure and when it gives up, or '' when no attempt failed yet. */
export function retryPart(a: ActivityView, lang: Lang, opts: { live: boolean; nowMs: number }): string {
  if (!a.lastFailure) return '';
  const error = clipToWidth(localizeText(a.lastFailure, lang), RETRY_ERROR_COLUMNS);
  const until =
    a.expiresAtMs === undefined
      ? t(lang, 'failure.retrying')
      : opts.live
        ? t(lang, 'watch.retryingFor', { left: formatDuration((a.expiresAtMs - opts.nowMs) / 1000) })
        : t(lang, 'watch.retryingUntil', { at: clock(a.expiresAtMs) });
  return `${t(lang, 'watch.lastFailure', { detail: error })}  (${until})`;
}
