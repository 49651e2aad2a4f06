// Where a run's site time went beside the bound (issue 24 point 5): every activity of the run and
// of its component children (scheduled, started, closed), and the simulator's own log of when each
// remote wait ended, on one site clock that starts with the run. The bench prints it with
// `--breakdown`; the gaps between the simulator's milestones and the activities around them are
// the run's own losses (polls, hand-offs between steps, worker latency).
import { optionalTsToMs } from '@temporalio/common/lib/time.js';
import type { Client } from '@temporalio/client';
import type { temporal } from '@temporalio/proto';

type HistoryEvent = temporal.api.history.v1.IHistoryEvent;

export interface SimEvent {
  wallMs: number;
  event: string;
}

export interface ActivitySpan {
  workflow: string;
  activity: string;
  scheduledMs: number;
  startedMs?: number;
  closedMs?: number;
  attempt?: number;
}

/** A simulator log entry as the breakdown shows it: the event, the machine and the command it ran. */
export function simEvent(event: string, detail?: Record<string, unknown>): SimEvent {
  const what = [detail?.machine, detail?.program, detail?.command]
    .filter((v) => typeof v === 'string')
    .join(' ')
    .slice(0, 90);
  return { wallMs: Date.now(), event: what ? `${event} ${what}` : event };
}

const ms = (e: HistoryEvent) => optionalTsToMs(e.eventTime) ?? 0;

/** The activities of one history, and the child workflows it started. */
function activitiesOf(
  events: HistoryEvent[],
  workflow: string,
): { spans: ActivitySpan[]; children: string[]; marks: { ms: number; what: string }[] } {
  const byScheduled = new Map<string, ActivitySpan>();
  const children: string[] = [];
  // The hand-offs that are not activities: the run's start and first workflow task, child starts.
  const marks: { ms: number; what: string }[] = [];
  let workflowTasks = 0;
  for (const e of events) {
    if (e.workflowExecutionStartedEventAttributes) marks.push({ ms: ms(e), what: `${workflow}: started` });
    if (e.workflowTaskStartedEventAttributes && workflowTasks === 0)
      marks.push({ ms: ms(e), what: `${workflow}: first workflow task started` });
    if (e.workflowTaskCompletedEventAttributes && workflowTasks++ === 0)
      marks.push({ ms: ms(e), what: `${workflow}: first workflow task completed` });
    if (e.startChildWorkflowExecutionInitiatedEventAttributes)
      marks.push({
        ms: ms(e),
        what: `${workflow}: child ${e.startChildWorkflowExecutionInitiatedEventAttributes.workflowId} initiated`,
      });
    if (e.childWorkflowExecutionStartedEventAttributes)
      marks.push({ ms: ms(e), what: `${workflow}: child started` });
    const scheduled = e.activityTaskScheduledEventAttributes;
    if (scheduled) {
      byScheduled.set(String(e.eventId), {
        workflow,
        activity: scheduled.activityType?.name ?? '?',
        scheduledMs: ms(e),
      });
      continue;
    }
    const started = e.activityTaskStartedEventAttributes;
    if (started) {
      const span = byScheduled.get(String(started.scheduledEventId));
      if (span) {
        span.startedMs = ms(e);
        span.attempt = started.attempt ?? undefined;
      }
      continue;
    }
    const closed =
      e.activityTaskCompletedEventAttributes ??
      e.activityTaskFailedEventAttributes ??
      e.activityTaskTimedOutEventAttributes ??
      e.activityTaskCanceledEventAttributes;
    if (closed) {
      const span = byScheduled.get(String(closed.scheduledEventId));
      if (span) span.closedMs = ms(e);
      continue;
    }
    const child = e.startChildWorkflowExecutionInitiatedEventAttributes;
    if (child?.workflowId) children.push(child.workflowId);
  }
  return { spans: [...byScheduled.values()], children, marks };
}

/** Every activity of the run and its children, in the order they were scheduled. */
export async function runActivities(
  client: Client,
  workflowId: string,
): Promise<{ activities: ActivitySpan[]; marks: { ms: number; what: string }[] }> {
  const all: ActivitySpan[] = [];
  const allMarks: { ms: number; what: string }[] = [];
  const queue: { id: string; name: string }[] = [{ id: workflowId, name: 'run' }];
  for (let next = queue.shift(); next; next = queue.shift()) {
    const history = await client.workflow.getHandle(next.id).fetchHistory();
    const { spans, children, marks } = activitiesOf(history.events ?? [], next.name);
    all.push(...spans);
    allMarks.push(...marks);
    for (const id of children) queue.push({ id, name: id.replace(`${workflowId}-`, '') });
  }
  return { activities: all.sort((a, b) => a.scheduledMs - b.scheduledMs), marks: allMarks };
}

/**
 * Lines of the breakdown: each activity with its times on the site clock (seconds since the run
 * started), the site seconds it waited for a worker, and the simulator's events between them.
 */
export function breakdownLines(
  { activities, marks }: { activities: ActivitySpan[]; marks: { ms: number; what: string }[] },
  simEvents: SimEvent[],
  startWallMs: number,
  speed: number,
): string[] {
  const site = (wallMs: number | undefined) =>
    wallMs === undefined ? '       –' : (((wallMs - startWallMs) * speed) / 1000).toFixed(1).padStart(8);
  const rows: { at: number; line: string }[] = [];
  for (const a of activities) {
    const queued = a.startedMs === undefined ? NaN : ((a.startedMs - a.scheduledMs) * speed) / 1000;
    const took =
      a.closedMs === undefined || a.startedMs === undefined
        ? NaN
        : ((a.closedMs - a.startedMs) * speed) / 1000;
    rows.push({
      at: a.scheduledMs,
      line:
        `  ${site(a.scheduledMs)} ${site(a.startedMs)} ${site(a.closedMs)}  queued ${queued.toFixed(1).padStart(6)}` +
        `  ran ${took.toFixed(1).padStart(7)}  ${a.workflow}/${a.activity}${(a.attempt ?? 1) > 1 ? ` (attempt ${a.attempt})` : ''}`,
    });
  }
  for (const m of marks) rows.push({ at: m.ms, line: `  ${site(m.ms)}   workflow: ${m.what}` });
  for (const e of simEvents)
    if (e.wallMs >= startWallMs)
      rows.push({ at: e.wallMs, line: `  ${site(e.wallMs)}   simulator: ${e.event}` });
  rows.sort((a, b) => a.at - b.at);
  return [
    '  breakdown (site seconds since the run started): scheduled, started, closed, activity',
    ...rows.map((r) => r.line),
  ];
}

/**
 * The run cut at the activities that bound each term of the chain (critical-path-bound.ts), with
 * the site seconds of each piece beside the term's; the pieces the bound has no term for (hand-offs,
 * lookups and settings between the waits) are the run's own. Assumes the OBS install is the chain's
 * last term, as it is with the simulator's default profile.
 */
export function termLines(
  activities: ActivitySpan[],
  simEvents: SimEvent[],
  startWallMs: number,
  endWallMs: number,
  speed: number,
  bound: { what: string; seconds: number }[],
): string[] {
  const find = (name: string) => activities.find((a) => a.activity === name);
  const sim = (event: string) => simEvents.find((e) => e.event === event)?.wallMs;
  const term = (prefix: string) => bound.find((t) => t.what.startsWith(prefix))?.seconds ?? 0;
  const cuts: { what: string; at: number | undefined; bound: number }[] = [
    {
      what: 'prepare (first workflow task, lookups)',
      at: find('deployClusterFromPlan')?.startedMs,
      bound: 0,
    },
    {
      what: 'cluster deploy (activity)',
      at: find('deployClusterFromPlan')?.closedMs,
      bound: term('cluster deploy'),
    },
    {
      what: 'Fisheye root, VIP, placement, locate ISO',
      at: find('uploadCloudTowerIso')?.startedMs,
      bound: 0,
    },
    {
      what: 'CloudTower ISO upload (activity)',
      at: find('uploadCloudTowerIso')?.closedMs,
      bound: term('CloudTower ISO'),
    },
    {
      what: 'CloudTower VM create (activity)',
      at: find('createCloudTowerVm')?.closedMs,
      bound: term('CloudTower VM'),
    },
    {
      what: 'guest OS install (activity)',
      at: find('waitForCloudTowerGuestAgent')?.closedMs,
      bound: term('guest OS'),
    },
    { what: 'VM network', at: find('installCloudTower')?.startedMs, bound: 0 },
    { what: 'installer: SSH, machine start, preinstall', at: sim('installer started'), bound: 0 },
    { what: 'installer (simulator)', at: sim('installer finished'), bound: term('CloudTower installer') },
    { what: 'installer: success seen', at: find('installCloudTower')?.closedMs, bound: 0 },
    {
      what: 'HTTPS check, root user, organization, NTP',
      at: find('attachClusterToCloudTower')?.startedMs,
      bound: 0,
    },
    {
      what: 'cluster attach (activity)',
      at: find('attachClusterToCloudTower')?.closedMs,
      bound: term('cluster attach'),
    },
    { what: 'OBS child start, locate package', at: find('uploadObsPackage')?.startedMs, bound: 0 },
    {
      what: 'OBS package, install, connections',
      at: find('readObsSerial')?.closedMs,
      bound: term('longest optional'),
    },
    { what: 'cleanup, summary', at: endWallMs, bound: 0 },
  ];
  const lines = ['  per term (site s): run, bound, run - bound'];
  let from = startWallMs;
  for (const cut of cuts) {
    if (cut.at === undefined) {
      lines.push(`  ${cut.what.padEnd(44)} (not seen)`);
      continue;
    }
    const seconds = ((cut.at - from) * speed) / 1000;
    lines.push(
      `  ${cut.what.padEnd(44)} ${seconds.toFixed(1).padStart(8)} ${cut.bound.toFixed(1).padStart(8)} ${(seconds - cut.bound).toFixed(1).padStart(8)}`,
    );
    from = cut.at;
  }
  return lines;
}
