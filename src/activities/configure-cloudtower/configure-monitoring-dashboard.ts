import { Context } from '@temporalio/activity';
import { z } from 'zod';
import type { CloudTowerRestClient, GraphCreation, TowerCluster, TowerView } from '../../smartx/index.js';
import { precheckFailed, remoteRejected, remoteStep, transient } from '../support/failures.js';
import { clusterByVip } from '../support/tower-cluster.js';
import { towerClients } from '../support/tower-clients.js';
import type { TowerAccess } from '../../run/tower-access.js';
import { DASHBOARD_GRAPHS, dashboardName } from './monitoring-graphs.js';

const clusterHosts = z.array(z.looseObject({ id: z.string(), name: z.string().nullish() }));

/** The hosts get-clusters lists for the cluster (Cluster.hosts, NestedHost in the SDKs). */
function hostIdsOf(cluster: TowerCluster): string[] {
  const parsed = clusterHosts.safeParse((cluster as Record<string, unknown>).hosts ?? []);
  return parsed.success ? parsed.data.map((h) => h.id) : [];
}

async function findView(
  rest: CloudTowerRestClient,
  clusterId: string,
  name: string,
): Promise<TowerView | undefined> {
  const views = await rest.getViews({ name, cluster: { id: clusterId } });
  // Exact match: a `where` CloudTower did not apply must not hand us someone else's view.
  return views.find((v) => v.name === name && (!v.cluster || v.cluster.id === clusterId));
}

/**
 * The handover dashboard: one CloudTower view named `<cluster> 交付监控` with the graphs of
 * DASHBOARD_GRAPHS (cluster CPU/memory, storage capacity and usage, IOPS, bandwidth, latency,
 * per-host CPU). Find-then-create at both levels, so a re-run or a retry after a lost reply
 * creates nothing twice: the view is looked up by name in its cluster, the graphs by title in the
 * view, and only the missing ones are created (in one call). Graphs already there are left as
 * they are (an engineer may have tuned them).
 */
export async function configureMonitoringDashboard(
  req: TowerAccess & { clusterVip: string },
): Promise<{ view: string; viewId: string; graphs: number; createdView: boolean; createdGraphs: string[] }> {
  const step = 'configure monitoring dashboard';
  return remoteStep(step, async () => {
    const { rest } = towerClients(req);
    const cluster = await clusterByVip(rest, req.clusterVip);
    const name = dashboardName(cluster.name);

    let view = await findView(rest, cluster.id, name);
    const createdView = !view;
    if (!view) {
      const [made] = await rest.createView([
        { cluster_id: cluster.id, name, time_span: 1, time_unit: 'HOUR' },
      ]);
      if (!made) throw remoteRejected(`${step}: create-view answered no view for ${name}`);
      view = made.data;
    }

    const hostIds = hostIdsOf(cluster);
    if (hostIds.length === 0) {
      // Retryable: CloudTower fills the cluster's hosts shortly after it connects.
      throw transient(`${step}: get-clusters lists no hosts of cluster ${cluster.name} yet`, {
        key: 'failure.noHostsYet',
        params: { cluster: cluster.name },
      });
    }
    const existing = new Set((await rest.getGraphs({ view: { id: view.id } })).map((g) => g.title));
    const missing: GraphCreation[] = DASHBOARD_GRAPHS.filter((g) => !existing.has(g.title)).map((g) => ({
      view_id: view.id,
      cluster_id: cluster.id,
      title: g.title,
      type: 'AREA',
      resource_type: g.resource,
      metric_name: g.metric,
      connect_id: g.resource === 'cluster' ? [cluster.id] : hostIds,
      metric_type: 'NORMAL',
    }));
    if (missing.length > 0) {
      const made = await rest.createGraph(missing);
      if (made.length !== missing.length)
        throw remoteRejected(
          `${step}: create-graph answered ${made.length} graphs for ${missing.length} asked`,
        );
    }
    const graphs = await rest.getGraphs({ view: { id: view.id } });
    const absent = DASHBOARD_GRAPHS.filter((g) => !graphs.some((x) => x.title === g.title));
    if (absent.length > 0)
      throw precheckFailed(
        `${step}: view ${name} lacks ${absent.map((g) => g.title).join(', ')} after creating them. Fix: add the graphs in CloudTower, then skip this step.`,
      );
    Context.current().log.info('monitoring dashboard ready', {
      cluster: cluster.name,
      view: name,
      createdView,
      createdGraphs: missing.length,
    });
    return {
      view: name,
      viewId: view.id,
      graphs: graphs.length,
      createdView,
      createdGraphs: missing.map((g) => g.title),
    };
  });
}
