// CloudTower tasks (`/v2/api/get-tasks`): every asynchronous effect (cluster connect, VLAN create,
// package processing, application installs) is a task that runs EXECUTING -> SUCCESSED/FAILED over
// simulated time. The resource machines read their task's outcome, so a `job:<kind>` fault fails
// the task and the resource together.
import type { SimContext } from '../core/contract.js';
import { cuid, isoAt } from './ids.js';
import { scheduleWake, settle, startTiming, endsAt, progressOf } from './timing.js';
import { towerState, type TaskRecord } from './store.js';

interface NewTask {
  description: string;
  seconds: number;
  /** Fault point, e.g. `job:cloudtower.connect-cluster`. */
  faultPoint: string;
  resource_type?: string | null;
  resource_id?: string | null;
  args?: Record<string, unknown>;
  steps?: string[];
  userName?: string | null;
  cluster?: { id: string; name: string } | null;
  errorMessage?: string;
}

export function createTask(ctx: SimContext, spec: NewTask): TaskRecord {
  const timing = startTiming(ctx, spec.seconds, spec.faultPoint);
  const task: TaskRecord = {
    id: cuid(ctx),
    description: spec.description,
    status: 'EXECUTING',
    args: spec.args ?? {},
    resource_id: spec.resource_id ?? null,
    resource_type: spec.resource_type ?? null,
    steps: spec.steps ?? [],
    started_at: isoAt(timing.startedAt),
    finished_at: null,
    error_code: null,
    error_message: null,
    user_name: spec.userName ?? null,
    cluster: spec.cluster ?? null,
    sim: timing,
  };
  towerState(ctx).tasks.push(task);
  scheduleWake(ctx, spec.seconds);
  return task;
}

/** Settles every task whose time has come. */
export function advanceTasks(ctx: SimContext): void {
  for (const task of towerState(ctx).tasks) {
    if (task.status !== 'EXECUTING' || !settle(ctx, task.sim)) continue;
    task.finished_at = isoAt(endsAt(task.sim));
    if (task.sim.failed) {
      task.status = 'FAILED';
      task.error_code = 'SIMULATED_FAILURE';
      task.error_message = `${task.description} failed (simulated fault)`;
    } else {
      task.status = 'SUCCESSED';
    }
  }
}

/** Fails a task right away (e.g. the thing it waits on failed). */
export function failTask(ctx: SimContext, task: TaskRecord, message: string): void {
  task.sim.done = true;
  task.sim.failed = true;
  task.status = 'FAILED';
  task.finished_at = isoAt(ctx.clock.now());
  task.error_code = 'SIMULATED_FAILURE';
  task.error_message = message;
}

export function findTask(ctx: SimContext, id: string): TaskRecord | undefined {
  return towerState(ctx).tasks.find((t) => t.id === id);
}

/** The task as `/v2/api/get-tasks` shows it (field set and order of seed 003). */
export function taskView(ctx: SimContext, task: TaskRecord): Record<string, unknown> {
  const finished = task.status === 'SUCCESSED' || task.status === 'FAILED';
  return {
    args: task.args,
    cluster: task.cluster,
    description: task.description,
    error_code: task.error_code,
    error_message: task.error_message,
    finished_at: task.finished_at,
    id: task.id,
    internal: false,
    key: null,
    local_created_at: task.started_at,
    progress: finished ? 1 : Math.round(progressOf(ctx, task.sim) * 100) / 100,
    resource_id: task.resource_id,
    resource_mutation: null,
    resource_rollback_error: null,
    resource_rollback_retry_count: null,
    resource_rollbacked: null,
    resource_type: task.resource_type,
    snapshot: task.resource_type ? JSON.stringify({ typename: task.resource_type }) : '',
    started_at: task.started_at,
    status: task.status,
    steps: task.steps.map((key) => ({
      current: 0,
      finished: finished,
      key,
      per_second: 0,
      total: null,
      unit: null,
    })),
    type: null,
    user: task.user_name ? { id: 'system-service', name: task.user_name } : null,
  };
}
