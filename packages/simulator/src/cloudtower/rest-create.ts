// How the REST v2 creates of views, graphs, racks and bricks take effect: the record is stored at
// once (so a lost reply still leaves it, as on a real CloudTower), counted as an effect, and a
// task follows it with its own fault point.
import type { SimContext } from '../core/contract.js';
import { findCluster } from './clusters.js';
import { countEffect } from './store.js';
import { createTask } from './tasks.js';

/** The `{id, name}` reference of a cluster that CloudTower's answers carry. */
export function clusterRef(ctx: SimContext, id: string): { id: string; name: string } {
  return { id, name: findCluster(ctx, id)?.name ?? '' };
}

/**
 * Stores `record` in `list`, counts `rest:<op>` and starts its task (`Create <what>`, in the record's
 * cluster); returns the task id.
 */
export function storeWithTask<T extends { id: string; cluster_id: string }>(
  ctx: SimContext,
  list: T[],
  record: T,
  spec: { op: string; resourceType: string; what: string },
): string {
  list.push(record);
  countEffect(ctx, `rest:${spec.op}`);
  return createTask(ctx, {
    description: `Create ${spec.what}`,
    seconds: 1,
    faultPoint: `job:cloudtower.${spec.op}`,
    resource_type: spec.resourceType,
    resource_id: record.id,
    cluster: clusterRef(ctx, record.cluster_id),
  }).id;
}
