// CloudTower monitoring views and their graphs (ViewApi / GraphApi of the official SDKs). A view
// belongs to one connected cluster and its name is unique there (assumption, docs/simulator-
// cloudtower.md); a graph belongs to one view and names real objects of that cluster in
// `connect_id` (the cluster itself, or its hosts). Records live in the CloudTower state so
// `GET /__sim/state` shows them and tests can count them.
import type { SimContext } from '../core/contract.js';
import { findCluster, hostViews } from './clusters.js';
import { cuid } from './ids.js';
import { towerState } from './store.js';
import { clusterRef, storeWithTask } from './rest-create.js';

export interface ViewRecord {
  id: string;
  local_id: string;
  name: string;
  cluster_id: string;
  time_span: number;
  time_unit: string;
}

export interface GraphRecord {
  id: string;
  local_id: string;
  view_id: string;
  cluster_id: string;
  title: string;
  type: string;
  resource_type: string;
  metric_name: string;
  metric_type: string;
  metric_count: number;
  connect_id: string[];
}

export class MonitoringError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** The resource types a graph can chart in this simulator, and the metric prefixes each accepts. */
const RESOURCE_METRICS: Record<string, string[]> = {
  cluster: ['elf_cluster_', 'zbs_cluster_', 'cluster_'],
  host: ['elf_host_', 'host_', 'zbs_host_'],
};

export function monitoringState(ctx: SimContext): { views: ViewRecord[]; graphs: GraphRecord[] } {
  const s = towerState(ctx) as unknown as Record<string, unknown>;
  s.views ??= [];
  s.graphs ??= [];
  return s as unknown as { views: ViewRecord[]; graphs: GraphRecord[] };
}

export function viewView(ctx: SimContext, v: ViewRecord): Record<string, unknown> {
  return {
    cluster: clusterRef(ctx, v.cluster_id),
    entityAsyncStatus: null,
    graphs: monitoringState(ctx)
      .graphs.filter((g) => g.view_id === v.id)
      .map((g) => ({ id: g.id })),
    id: v.id,
    local_id: v.local_id,
    name: v.name,
    time_span: v.time_span,
    time_unit: v.time_unit,
  };
}

export function graphView(ctx: SimContext, g: GraphRecord): Record<string, unknown> {
  const hosts = hostViews(ctx).filter((h) => g.connect_id.includes(h.id));
  return {
    cluster: clusterRef(ctx, g.cluster_id),
    entityAsyncStatus: null,
    hosts: g.resource_type === 'host' ? hosts.map((h) => ({ id: h.id, name: h.name })) : [],
    id: g.id,
    instance_ids: [],
    local_id: g.local_id,
    metric_count: g.metric_count,
    metric_name: g.metric_name,
    metric_type: g.metric_type,
    resource_type: g.resource_type,
    title: g.title,
    type: g.type,
    view: { id: g.view_id },
  };
}

function connectedCluster(ctx: SimContext, id: string): void {
  const c = findCluster(ctx, id);
  if (!c || c.connect_state !== 'CONNECTED')
    throw new MonitoringError('ClusterNotFound', `cluster ${id} is not a connected cluster`);
}

export function validateView(ctx: SimContext, input: { cluster_id: string; name: string }): void {
  connectedCluster(ctx, input.cluster_id);
  const clash = monitoringState(ctx).views.find(
    (v) => v.cluster_id === input.cluster_id && v.name === input.name,
  );
  if (clash) throw new MonitoringError('ViewNameDuplicated', `view "${input.name}" already exists`);
}

export function createView(
  ctx: SimContext,
  input: { cluster_id: string; name: string; time_span: number; time_unit: string },
): { record: ViewRecord; task_id: string } {
  const record: ViewRecord = { id: cuid(ctx), local_id: cuid(ctx), ...input };
  const taskId = storeWithTask(ctx, monitoringState(ctx).views, record, {
    op: 'create-view',
    resourceType: 'View',
    what: `view ${input.name}`,
  });
  return { record, task_id: taskId };
}

export function validateGraph(
  ctx: SimContext,
  input: {
    view_id: string;
    cluster_id: string;
    title: string;
    resource_type: string;
    metric_name: string;
    connect_id: string[];
  },
): string[] {
  const view = monitoringState(ctx).views.find((v) => v.id === input.view_id);
  if (!view) throw new MonitoringError('ViewNotFound', `view ${input.view_id} does not exist`);
  if (view.cluster_id !== input.cluster_id)
    throw new MonitoringError('ClusterMismatch', `view ${view.name} belongs to another cluster`);
  const prefixes = RESOURCE_METRICS[input.resource_type];
  if (!prefixes)
    throw new MonitoringError(
      'InvalidResourceType',
      `resource_type "${input.resource_type}" is not chartable`,
    );
  // The SDKs list no metric names: one this simulator does not chart is served, marked lenient.
  const unlisted = !prefixes.some((p) => input.metric_name.startsWith(p));
  if (input.connect_id.length === 0)
    throw new MonitoringError('InvalidParams', 'connect_id must name at least one object');
  const known = input.resource_type === 'cluster' ? [input.cluster_id] : hostViews(ctx).map((h) => h.id);
  const unknown = input.connect_id.filter((id) => !known.includes(id));
  if (unknown.length > 0)
    throw new MonitoringError(
      'ResourceNotFound',
      `connect_id names no ${input.resource_type} of the cluster: ${unknown.join(', ')}`,
    );
  return unlisted ? [`metric-name:${input.metric_name}`] : [];
}

export function createGraph(
  ctx: SimContext,
  input: Omit<GraphRecord, 'id' | 'local_id' | 'metric_type' | 'metric_count'> & {
    metric_type?: string;
    metric_count?: number;
  },
): { record: GraphRecord; task_id: string } {
  const record: GraphRecord = {
    id: cuid(ctx),
    local_id: cuid(ctx),
    ...input,
    metric_type: input.metric_type ?? 'NORMAL',
    metric_count: input.metric_count ?? 10,
  };
  const taskId = storeWithTask(ctx, monitoringState(ctx).graphs, record, {
    op: 'create-graph',
    resourceType: 'Graph',
    what: `graph ${input.title}`,
  });
  return { record, task_id: taskId };
}
