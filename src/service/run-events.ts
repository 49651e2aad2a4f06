// The run's own log: stage starts and ends (from its progress), step starts and ends, signals,
// warnings and failures (from its history). Activity arguments and results are never read: they
// are the encrypted payloads; only names, times and failure messages (which carry no secret) are.
import type { LogEntry } from './api-types.js';
import { eventTime, type HistoryEvent, type RunRecord } from './run-record.js';
import { stagesOf } from './bringup-kind.js';
import { machineOfActivityId } from '../run/deploy-package.js';

const entry = (run: RunRecord, at: Date | string, container: string, message: string): LogEntry => ({
  timestamp: typeof at === 'string' ? at : at.toISOString(),
  pod_name: run.deploymentId,
  container,
  message,
});

function fromEvent(run: RunRecord, e: HistoryEvent, names: Map<string, string>): LogEntry | undefined {
  const at = eventTime(e);
  const id = e.eventId?.toString() ?? '';
  if (e.workflowExecutionStartedEventAttributes)
    return entry(run, at, 'workflow', `run started (${run.workflowType})`);
  if (e.activityTaskScheduledEventAttributes) {
    const a = e.activityTaskScheduledEventAttributes;
    const type = a.activityType?.name ?? 'activity';
    // A deploy target's step names its machine in its activity id (machineActivityId).
    const machine = machineOfActivityId(a.activityId);
    const name = machine ? `${type} on ${machine}` : type;
    names.set(id, name);
    return entry(run, at, 'activity', `step scheduled: ${name}`);
  }
  const stepName = (scheduled: { toString(): string } | null | undefined) =>
    names.get(scheduled?.toString() ?? '') ?? 'activity';
  if (e.activityTaskCompletedEventAttributes)
    return entry(
      run,
      at,
      'activity',
      `step done: ${stepName(e.activityTaskCompletedEventAttributes.scheduledEventId)}`,
    );
  if (e.activityTaskFailedEventAttributes) {
    const a = e.activityTaskFailedEventAttributes;
    return entry(
      run,
      at,
      'activity',
      `step failed: ${stepName(a.scheduledEventId)}: ${a.failure?.message ?? ''}`,
    );
  }
  if (e.activityTaskTimedOutEventAttributes)
    return entry(
      run,
      at,
      'activity',
      `step timed out: ${stepName(e.activityTaskTimedOutEventAttributes.scheduledEventId)}`,
    );
  if (e.startChildWorkflowExecutionInitiatedEventAttributes) {
    const a = e.startChildWorkflowExecutionInitiatedEventAttributes;
    return entry(
      run,
      at,
      'workflow',
      `child run started: ${a.workflowId ?? ''} (${a.workflowType?.name ?? ''})`,
    );
  }
  if (e.childWorkflowExecutionCompletedEventAttributes)
    return entry(
      run,
      at,
      'workflow',
      `child run done: ${e.childWorkflowExecutionCompletedEventAttributes.workflowExecution?.workflowId ?? ''}`,
    );
  if (e.childWorkflowExecutionFailedEventAttributes) {
    const a = e.childWorkflowExecutionFailedEventAttributes;
    return entry(
      run,
      at,
      'workflow',
      `child run failed: ${a.workflowExecution?.workflowId ?? ''}: ${a.failure?.message ?? ''}`,
    );
  }
  if (e.workflowExecutionSignaledEventAttributes)
    return entry(
      run,
      at,
      'workflow',
      `signal: ${e.workflowExecutionSignaledEventAttributes.signalName ?? ''}`,
    );
  if (e.workflowExecutionCompletedEventAttributes) return entry(run, at, 'workflow', 'run ended: completed');
  if (e.workflowExecutionFailedEventAttributes)
    return entry(
      run,
      at,
      'workflow',
      `run ended: failed: ${e.workflowExecutionFailedEventAttributes.failure?.message ?? ''}`,
    );
  if (e.workflowExecutionTerminatedEventAttributes)
    return entry(run, at, 'workflow', 'run ended: terminated');
  if (e.workflowExecutionCanceledEventAttributes) return entry(run, at, 'workflow', 'run ended: cancelled');
  if (e.workflowExecutionTimedOutEventAttributes) return entry(run, at, 'workflow', 'run ended: timed out');
  return undefined;
}

/** Every event of the run, oldest first. */
export function runEvents(run: RunRecord): LogEntry[] {
  const names = new Map<string, string>();
  const out: LogEntry[] = [];
  for (const e of run.events) {
    const l = fromEvent(run, e, names);
    if (l) out.push(l);
  }
  for (const s of stagesOf(run)) {
    if (s.startedAt) out.push(entry(run, s.startedAt, 'stage', `stage ${s.id} started`));
    if (s.finishedAt) {
      const how = s.status === 'failed' ? `failed: ${s.error ?? ''}` : s.status;
      out.push(entry(run, s.finishedAt, 'stage', `stage ${s.id} ${how}`));
    }
  }
  const warnings =
    run.progress?.warnings ?? (run.result as { warnings?: string[] } | undefined)?.warnings ?? [];
  for (const w of warnings) out.push(entry(run, run.updatedAt, 'workflow', `warning: ${w}`));
  // Stable: events of one instant keep their history order.
  return out
    .map((l, i) => ({ l, i }))
    .sort((a, b) => a.l.timestamp.localeCompare(b.l.timestamp) || a.i - b.i)
    .map((x) => x.l);
}
