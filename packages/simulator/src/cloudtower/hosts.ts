// Hosts as CloudTower manages them (HostApi of the official SDKs): `get-hosts` and maintenance mode.
// A host's `host_state` (NestedMaintenanceHostState: `state` of MaintenanceModeEnum, `maintenance_job_id`,
// `enter_maintenance_time`) goes IN_USE → ENTERING_MAINTENANCE_MODE → MAINTENANCE_MODE through an
// enter task and back to IN_USE through an exit task, both on the simulated clock. The precheck is a
// task of its own; its result is read with `enter-maintance-mode-precheck-result`. Guesses are listed
// in docs/simulator-cloudtower.md ("Host maintenance mode").
import type { SimContext } from '../core/contract.js';
import { connectedClusters, hostViews } from './clusters.js';
import { isoAt } from './ids.js';
import { clusterRef } from './rest-create.js';
import { countEffect, towerState } from './store.js';
import { createTask, findTask } from './tasks.js';

/** Simulated seconds: the precheck, live-migrating the host's VMs away, and bringing it back. */
export const MAINTENANCE_PRECHECK_SECONDS = 5;
export const MAINTENANCE_ENTER_SECONDS = 60;
export const MAINTENANCE_EXIT_SECONDS = 30;

export type MaintenanceState = 'IN_USE' | 'ENTERING_MAINTENANCE_MODE' | 'MAINTENANCE_MODE';

interface HostMaintenanceRecord {
  state: MaintenanceState;
  enter_maintenance_time: string | null;
  maintenance_job_id: string | null;
  /** The enter or exit task in flight, if any. */
  enter_task_id?: string | null;
  exit_task_id?: string | null;
}

interface PrecheckRecord {
  task_id: string;
  host_id: string;
}

interface HostState {
  hostMaintenance: Record<string, HostMaintenanceRecord>;
  maintenancePrechecks: PrecheckRecord[];
}

export class HostError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

function hostState(ctx: SimContext): HostState {
  const s = towerState(ctx) as unknown as Record<string, unknown>;
  s.hostMaintenance ??= {};
  s.maintenancePrechecks ??= [];
  return s as unknown as HostState;
}

function maintenanceOf(ctx: SimContext, hostId: string): HostMaintenanceRecord {
  const all = hostState(ctx).hostMaintenance;
  all[hostId] ??= { state: 'IN_USE', enter_maintenance_time: null, maintenance_job_id: null };
  return all[hostId];
}

/** The hosts CloudTower manages: those of a connected cluster (none before connect-cluster). */
function managedHosts(ctx: SimContext) {
  const cluster = connectedClusters(ctx)[0];
  return cluster ? hostViews(ctx).map((h) => ({ ...h, cluster_id: cluster.id })) : [];
}

export function findHost(ctx: SimContext, id: string) {
  return managedHosts(ctx).find((h) => h.id === id);
}

/** The Host object of get-hosts (the fields the SDK's Host model names that matter here). */
export function hostViewsWithState(ctx: SimContext): Record<string, unknown>[] {
  return managedHosts(ctx).map((h) => {
    const m = maintenanceOf(ctx, h.id);
    return {
      id: h.id,
      local_id: h.id,
      name: h.name,
      management_ip: h.management_ip,
      data_ip: null,
      status: 'CONNECTED_HEALTHY',
      cluster: clusterRef(ctx, h.cluster_id),
      host_state: {
        state: m.state,
        maintenance_job_id: m.maintenance_job_id ?? '',
        enter_maintenance_time: m.enter_maintenance_time ?? '',
      },
      entityAsyncStatus: m.enter_task_id || m.exit_task_id ? 'UPDATING' : null,
    };
  });
}

function requireHost(ctx: SimContext, hostId: string) {
  const host = findHost(ctx, hostId);
  if (!host) throw new HostError(404, 'HostNotFound', `host ${hostId} not found`);
  return host;
}

/**
 * What refuses maintenance for `hostId` (the real precheck checks much more: replicas, HA
 * reservations, VMs pinned to the host); undefined when nothing does.
 */
function blocker(ctx: SimContext, hostId: string): string | undefined {
  const hosts = managedHosts(ctx);
  if (hosts.length < 3)
    return `the cluster has ${hosts.length} hosts; maintenance mode needs at least 3 (the others must keep quorum and replicas)`;
  const other = hosts.find((h) => h.id !== hostId && maintenanceOf(ctx, h.id).state !== 'IN_USE');
  if (other)
    return `host ${other.name} is already in (or entering) maintenance mode; only one host at a time`;
  const own = maintenanceOf(ctx, hostId).state;
  if (own !== 'IN_USE') return `host is already ${own}`;
  return undefined;
}

/** The host, when nothing refuses its maintenance; else the `code` error naming what does. */
function unblockedHost(ctx: SimContext, hostId: string, code: string) {
  const host = requireHost(ctx, hostId);
  const why = blocker(ctx, hostId);
  if (why) throw new HostError(400, code, `${host.name}: ${why}`);
  return host;
}

/**
 * A task `<what> <host name>` on the host, in its cluster, that runs `seconds` of simulated time
 * (fault point: `job:cloudtower.<op>`).
 */
function hostTask(
  ctx: SimContext,
  host: ReturnType<typeof requireHost>,
  what: string,
  seconds: number,
  op: string,
) {
  return createTask(ctx, {
    description: `${what} ${host.name}`,
    seconds,
    faultPoint: `job:cloudtower.${op}`,
    resource_type: 'Host',
    resource_id: host.id,
    cluster: clusterRef(ctx, host.cluster_id),
  });
}

/** enter-maintenance-mode-precheck: refuses at once when something blocks, else starts the check task. */
export function startPrecheck(ctx: SimContext, hostId: string): string {
  const host = unblockedHost(ctx, hostId, 'EnterMaintenanceModePrecheckFailed');
  const task = hostTask(
    ctx,
    host,
    'Maintenance mode precheck',
    MAINTENANCE_PRECHECK_SECONDS,
    'enter-maintenance-mode-precheck',
  );
  hostState(ctx).maintenancePrechecks.push({ task_id: task.id, host_id: host.id });
  return task.id;
}

/** enter-maintance-mode-precheck-result: `done` once the check task finished; no VM must be shut down. */
export function precheckResult(
  ctx: SimContext,
  taskId: string,
): { shutdownVms: { vm_uuid: string }[]; done: boolean } {
  const check = hostState(ctx).maintenancePrechecks.find((p) => p.task_id === taskId);
  const task = check && findTask(ctx, check.task_id);
  if (!check || !task) throw new HostError(404, 'TaskNotFound', `precheck task ${taskId} not found`);
  if (task.status === 'FAILED')
    throw new HostError(400, 'EnterMaintenanceModePrecheckFailed', task.error_message ?? 'precheck failed');
  return { shutdownVms: [], done: task.status === 'SUCCESSED' };
}

export function enterMaintenance(ctx: SimContext, hostId: string): string {
  const host = unblockedHost(ctx, hostId, 'EnterMaintenanceModeFailed');
  const m = maintenanceOf(ctx, hostId);
  const task = hostTask(
    ctx,
    host,
    'Enter maintenance mode',
    MAINTENANCE_ENTER_SECONDS,
    'enter-maintance-mode',
  );
  m.state = 'ENTERING_MAINTENANCE_MODE';
  m.enter_task_id = task.id;
  m.maintenance_job_id = task.id;
  countEffect(ctx, 'rest:enter-maintance-mode');
  ctx.log('cloudtower.host-entering-maintenance', { host: host.name });
  return task.id;
}

export function exitMaintenance(ctx: SimContext, hostId: string): string {
  const host = requireHost(ctx, hostId);
  const m = maintenanceOf(ctx, hostId);
  if (m.state !== 'MAINTENANCE_MODE')
    throw new HostError(
      400,
      'ExitMaintenanceModeFailed',
      `${host.name}: host is ${m.state}, not in maintenance mode`,
    );
  if (m.exit_task_id)
    throw new HostError(
      400,
      'ExitMaintenanceModeFailed',
      `${host.name}: host is already exiting maintenance mode`,
    );
  const task = hostTask(ctx, host, 'Exit maintenance mode', MAINTENANCE_EXIT_SECONDS, 'exit-maintance-mode');
  m.exit_task_id = task.id;
  countEffect(ctx, 'rest:exit-maintance-mode');
  return task.id;
}

/** Follows the enter and exit tasks: a failed enter leaves the host IN_USE, a failed exit in maintenance. */
export function advanceHosts(ctx: SimContext): void {
  for (const [hostId, m] of Object.entries(hostState(ctx).hostMaintenance)) {
    if (m.enter_task_id) {
      const task = findTask(ctx, m.enter_task_id);
      if (task?.status === 'SUCCESSED') {
        m.state = 'MAINTENANCE_MODE';
        m.enter_maintenance_time = isoAt(ctx.clock.now());
        m.enter_task_id = null;
        ctx.log('cloudtower.host-in-maintenance', { host: hostId });
      } else if (task?.status === 'FAILED') {
        m.state = 'IN_USE';
        m.enter_task_id = null;
        m.maintenance_job_id = null;
      }
    }
    if (m.exit_task_id) {
      const task = findTask(ctx, m.exit_task_id);
      if (task?.status === 'SUCCESSED') {
        m.state = 'IN_USE';
        m.exit_task_id = null;
        m.enter_maintenance_time = null;
        m.maintenance_job_id = null;
        ctx.log('cloudtower.host-back-in-use', { host: hostId });
      } else if (task?.status === 'FAILED') m.exit_task_id = null;
    }
  }
}
