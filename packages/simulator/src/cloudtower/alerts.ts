// CloudTower alerts (AlertApi `get-alerts`, model `Alert` of the official SDKs), kept in
// `state.cloudtower.alerts`. The simulator raises them where its own fault points already say
// something is wrong (docs/simulator-cloudtower.md "Alerts"):
//   - an inspection item that fails (`inspector:item:<name>`) opens an alert on the cluster, and the
//     same item passing in a later inspection ends it;
//   - the point `alert:raise`, asked at each get-alerts call, opens one new CRITICAL alert before the
//     answer: with `nth: 2` the snapshot stage 10 takes after the load sees an alert the one before
//     fio did not, as if the load had raised it.
import type { SimContext } from '../core/contract.js';
import { connectedClusters, findCluster } from './clusters.js';
import { cuid, uuid } from './ids.js';
import { towerState, type ConnectedClusterRecord } from './store.js';

export type AlertSeverity = 'INFO' | 'NOTICE' | 'CRITICAL';

export interface AlertRecord {
  id: string;
  local_id: string;
  cluster_id: string;
  severity: AlertSeverity;
  message: string;
  cause: string;
  impact: string;
  solution: string;
  labels: Record<string, string>;
  threshold: number;
  value: number;
  ended: boolean;
  /** Simulated ms. */
  startedAt: number;
  endedAt?: number;
  /** What raised it (`inspector:item:<name>`, `alert:raise`): one open alert per source and cluster. */
  source: string;
}

interface AlertState {
  alerts: AlertRecord[];
}

export function alertState(ctx: SimContext): AlertState {
  const s = towerState(ctx) as unknown as Record<string, unknown>;
  s.alerts ??= [];
  return s as unknown as AlertState;
}

/** Opens an alert, unless one from the same source is open on that cluster (then that one). */
export function raiseAlert(
  ctx: SimContext,
  cluster: ConnectedClusterRecord,
  spec: Pick<AlertRecord, 'severity' | 'message' | 'cause' | 'impact' | 'solution' | 'labels' | 'source'>,
): AlertRecord {
  const state = alertState(ctx);
  const open = state.alerts.find((a) => !a.ended && a.source === spec.source && a.cluster_id === cluster.id);
  if (open) return open;
  const alert: AlertRecord = {
    id: cuid(ctx),
    local_id: uuid(ctx),
    cluster_id: cluster.id,
    threshold: 0,
    value: 1,
    ended: false,
    startedAt: ctx.clock.now(),
    ...spec,
  };
  state.alerts.push(alert);
  return alert;
}

/** Ends the open alert of `source` on the cluster (the condition is gone). */
export function endAlert(ctx: SimContext, clusterId: string, source: string): void {
  for (const a of alertState(ctx).alerts)
    if (!a.ended && a.source === source && a.cluster_id === clusterId) {
      a.ended = true;
      a.endedAt = ctx.clock.now();
    }
}

/** An inspection item's result on a cluster: a failing item opens its alert, a passing one ends it. */
export function inspectionItemAlert(
  ctx: SimContext,
  cluster: ConnectedClusterRecord,
  item: string,
  failing: boolean,
): void {
  const source = `inspector:item:${item}`;
  if (!failing) return endAlert(ctx, cluster.id, source);
  raiseAlert(ctx, cluster, {
    source,
    severity: 'CRITICAL',
    message: `Cluster ${cluster.name}: the check ${item} found a fault.`,
    cause: `The condition checked by ${item} is not met.`,
    impact: 'The cluster may not run or be managed properly.',
    solution: 'Check the cluster status, or contact technical support.',
    labels: { alertname: item, cluster: cluster.name },
  });
}

/** The `alert:raise` knob: one new alert on the first connected cluster, each time it fires. */
export function raiseFaultAlert(ctx: SimContext): void {
  const cluster = connectedClusters(ctx)[0];
  if (!cluster) return;
  const n = alertState(ctx).alerts.filter((a) => a.source.startsWith('alert:raise')).length + 1;
  raiseAlert(ctx, cluster, {
    source: `alert:raise:${n}`,
    severity: 'CRITICAL',
    message: `Cluster ${cluster.name}: simulated alert ${n} raised under load.`,
    cause: 'Raised by the simulator fault point alert:raise.',
    impact: 'None: a simulated alert.',
    solution: 'None needed.',
    labels: { alertname: 'simulated_alert', cluster: cluster.name },
  });
}

const iso = (ms: number | undefined) => (ms === undefined ? '' : new Date(ms).toISOString());

/** The SDKs' `Alert` (every documented field; relations as nested `{id, name}`). */
export function alertView(ctx: SimContext, a: AlertRecord): Record<string, unknown> {
  const cluster = findCluster(ctx, a.cluster_id);
  const start = iso(a.startedAt);
  return {
    alert_rule: null,
    cause: a.cause,
    cluster: { id: a.cluster_id, name: cluster?.name ?? '' },
    create_time: start,
    disk: null,
    ended: a.ended,
    host: null,
    id: a.id,
    impact: a.impact,
    labels: a.labels,
    local_create_time: start,
    local_end_time: iso(a.endedAt),
    local_id: a.local_id,
    local_start_time: start,
    local_update_time: iso(a.endedAt ?? a.startedAt),
    message: a.message,
    severity: a.severity,
    solution: a.solution,
    threshold: a.threshold,
    value: a.value,
    vms: [],
  };
}
