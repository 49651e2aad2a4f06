// The inspection center's jobs and report exports brought up to the simulated time: a job finishes
// with its items' results, an export renders its zip once its job has finished. Called by
// ../advance.ts before every answer.
import type { SimContext } from '../../core/contract.js';
import { inspectionItemAlert } from '../alerts.js';
import { connectedClusters } from '../clusters.js';
import { dataPath } from '../files.js';
import { inspectorState, type InspectorExportRecord, type InspectorJobRecord } from '../store.js';
import { endsAt, settle } from '../timing.js';
import { writeReportZip } from './report.js';

/** Clusters are named by their SMTX uuid (`local_id` in get-clusters), as in seed 003. */
export function clusterByUuid(ctx: SimContext, uuid: string) {
  return connectedClusters(ctx).find((c) => c.local_id === uuid || c.id === uuid);
}

/**
 * Every item passes on a healthy simulated cluster; a test makes one fail from now on with a fault
 * rule on point `inspector:item:<item name>` (any kind), e.g. after the test load. Items are checked
 * per cluster (the simulator keeps no per-host inspector state).
 */
function itemResults(ctx: SimContext, job: InspectorJobRecord): NonNullable<InspectorJobRecord['results']> {
  return job.cluster_uuids.flatMap((uuid) => {
    const cluster = clusterByUuid(ctx, uuid);
    const target = cluster?.name ?? uuid;
    return job.user_defined_items_names.map((item) => {
      const failing = ctx.faults.fire(`inspector:item:${item}`) !== undefined;
      // The fault behind a failing item is one CloudTower alerts on too (alerts.ts).
      if (cluster) inspectionItemAlert(ctx, cluster, item, failing);
      return { item, target, level: failing ? ('CRITICAL' as const) : ('PASS' as const) };
    });
  });
}

// Builds in progress: a concurrent advance waits for the same build instead of answering RUNNING.
const building = new WeakMap<InspectorExportRecord, Promise<void>>();

async function buildExport(
  ctx: SimContext,
  exp: InspectorExportRecord,
  job: InspectorJobRecord,
): Promise<void> {
  const file = await dataPath(ctx, 'inspector', exp.filename);
  const out = await writeReportZip(file, exp.filename, {
    jobId: job.id,
    version: job.version,
    graphMonths: exp.options[0]?.graph_duration_months ?? 6,
    generatedAt: new Date(endsAt(exp.sim)),
    clusters: exp.options.map((o) => {
      const clusterName = clusterByUuid(ctx, o.cluster_uuid)?.name ?? o.cluster_uuid;
      // The report shows the exported items the job ran, with the level the job found.
      const items = o.items_names.flatMap((name) => {
        const r = job.results?.find((x) => x.item === name && x.target === clusterName);
        return r ? [{ name, target: r.target, level: r.level }] : [];
      });
      return { uuid: o.cluster_uuid, name: clusterName, items };
    }),
  });
  Object.assign(exp, out);
  exp.status = 'EXPORT_SUCCEEDED';
}

export async function advanceInspector(ctx: SimContext): Promise<void> {
  const state = inspectorState(ctx);
  for (const job of state.jobs) {
    if (job.status === 'RUNNING' && settle(ctx, job.sim)) {
      job.status = job.sim.failed ? 'FAILED' : 'FINISHED';
      if (job.status === 'FINISHED') job.results = itemResults(ctx, job);
    }
  }
  for (const exp of state.exports) {
    if (exp.status !== 'EXPORT_RUNNING') continue;
    const pending = building.get(exp);
    if (pending) {
      await pending;
      continue;
    }
    if (!settle(ctx, exp.sim)) continue;
    const job = state.jobs.find((j) => j.id === exp.job_id);
    if (exp.sim.failed || job?.status !== 'FINISHED') {
      exp.status = 'EXPORT_FAILED';
      continue;
    }
    const build = buildExport(ctx, exp, job).finally(() => building.delete(exp));
    building.set(exp, build);
    await build;
  }
}
