// What the worker prints on its console. The SDK logs every failed activity attempt with the whole
// error object (stack, cause, failure proto); an operator watching the worker needs one line: which
// step, which attempt, and why, in their language (the catalogue's). The full failure stays in the
// run's history, where `watch`, the report and the Web UI read it.
import { inspect } from 'node:util';
import { ApplicationFailure } from '@temporalio/common';
import { DefaultLogger, type LogEntry, type LogLevel } from '@temporalio/worker';
import { localizeText, logLine, stepLabel, t, type Lang } from './i18n/index.js';

/** The worker's language: HCI_LANG, else Chinese (as the command line). */
export const workerLang = (): Lang => (process.env.HCI_LANG === 'en' ? 'en' : 'zh');

/** A log field as text (the SDK's fields are strings and numbers). */
const text = (v: unknown, absent: string): string =>
  typeof v === 'string' || typeof v === 'number' ? String(v) : absent;

const stamp = (nanos: bigint) => new Date(Number(nanos / 1000000n)).toISOString();

/** One line for one log entry (an activity failure said by the catalogue; other errors by message). */
export function consoleLine(entry: LogEntry, lang: Lang): string {
  const { level, message, meta, timestampNanos } = entry;
  const head = `${stamp(timestampNanos)} [${level}]`;
  const m: Record<string, unknown> = meta ?? {};
  const error = m.error;
  if (message === 'Activity failed' && error instanceof Error) {
    const code = text(m.activityType, '');
    const reason = localizeText(error.message, lang).replace(/\s*\n\s*/g, ' ');
    const final = error instanceof ApplicationFailure && error.nonRetryable;
    return `${head} ${t(lang, final ? 'worker.activityFailedFinal' : 'worker.activityFailed', {
      step: stepLabel(code, lang),
      code,
      attempt: text(m.attempt, '?'),
      run: text(m.workflowId, '-'),
      reason,
    })}`;
  }
  if (message === 'Workflow failed' && m.workflowId !== undefined) {
    return `${head} ${t(lang, 'worker.workflowFailed', {
      type: text(m.workflowType, ''),
      run: text(m.workflowId, '-'),
      reason: localizeText(deepestMessage(error), lang).replace(/\s*\n\s*/g, ' '),
    })}`;
  }
  // Anything else (an activity's own log line may carry a catalogue marker): the message in the
  // operator's language, then its own fields on the same line, an error by its message only.
  const rest: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(m)) {
    if (SDK_CONTEXT.has(k)) continue;
    // Status words among the values (`already-initialized`) are said too; ids and addresses stay.
    rest[k] =
      v instanceof Error || typeof v === 'string'
        ? localizeText(v instanceof Error ? v.message : v, lang)
        : v;
  }
  const fields = Object.keys(rest).length ? ` ${inspect(rest, { breakLength: Infinity, depth: 2 })}` : '';
  return `${head} ${logLine(localizeText(message, lang), lang)}${fields}`;
}

/** Fields the SDK adds to every entry: who logged it, not what happened (the history has them). */
const SDK_CONTEXT = new Set([
  'sdkComponent',
  'taskQueue',
  'namespace',
  'taskToken',
  'isLocal',
  'activityId',
  'workflowRunId',
  'runId',
  'workflowType',
]);

/** A failure's innermost cause says what went wrong (an activity's own message, not "Activity task failed"). */
function deepestMessage(error: unknown): string {
  let e: unknown = error;
  while (e instanceof Error && e.cause instanceof Error) e = e.cause;
  return e instanceof Error ? e.message : typeof e === 'string' ? e : '';
}

/** The Runtime logger of the worker program: one line per entry on stderr. */
export function workerConsoleLogger(level: LogLevel = 'INFO', lang: Lang = workerLang()): DefaultLogger {
  return new DefaultLogger(level, (entry) => process.stderr.write(`${consoleLine(entry, lang)}\n`));
}
