// What the worker prints on its console. The SDK logs every failed activity attempt with the whole
// error object (stack, cause, failure proto); an operator watching the worker needs one line: which
// step, which attempt, and why, in their language (the catalogue's). The full failure stays in the
// run's history, where `watch`, the report and the Web UI read it.
import { inspect } from 'node:util';
import { ApplicationFailure } from '@temporalio/common';
import { DefaultLogger, type LogEntry, type LogLevel } from '@temporalio/worker';
import { localizeText, stepLabel, t, type Lang } from './i18n/index.js';

/** The worker's language: HCI_LANG, else Chinese (as the command line). */
export const workerLang = (): Lang => (process.env.HCI_LANG === 'en' ? 'en' : 'zh');

const stamp = (nanos: bigint) => new Date(Number(nanos / 1000000n)).toISOString();

/** One line for one log entry (an activity failure said by the catalogue; other errors by message). */
export function consoleLine(entry: LogEntry, lang: Lang): string {
  const { level, message, meta, timestampNanos } = entry;
  const head = `${stamp(timestampNanos)} [${level}]`;
  const m = meta ?? {};
  const error = m.error;
  if (message === 'Activity failed' && error instanceof Error) {
    const code = String(m.activityType ?? '');
    const reason = localizeText(error.message, lang).replace(/\s*\n\s*/g, ' ');
    const final = error instanceof ApplicationFailure && error.nonRetryable;
    return `${head} ${t(lang, final ? 'worker.activityFailedFinal' : 'worker.activityFailed', {
      step: stepLabel(code, lang),
      code,
      attempt: String(m.attempt ?? '?'),
      run: String(m.workflowId ?? '-'),
      reason,
    })}`;
  }
  // Anything else: its fields on the same line, an error by its message only (no stack).
  const rest: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(m)) rest[k] = v instanceof Error ? v.message : v;
  const fields = Object.keys(rest).length ? ` ${inspect(rest, { breakLength: Infinity, depth: 2 })}` : '';
  return `${head} ${message}${fields}`;
}

/** The Runtime logger of the worker program: one line per entry on stderr. */
export function workerConsoleLogger(level: LogLevel = 'INFO', lang: Lang = workerLang()): DefaultLogger {
  return new DefaultLogger(level, (entry) => process.stderr.write(`${consoleLine(entry, lang)}\n`));
}
