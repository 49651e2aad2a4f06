import { Context } from '@temporalio/activity';
import { remoteRejected } from '../support/failures.js';
import { targetCluster } from '../support/tower-cluster.js';
import { towerClients } from '../support/tower-clients.js';
import type { TowerAccess } from '../../run/tower-access.js';
import { remoteStep } from '../support/failures.js';
import { runningInstance } from './obs-instance.js';

/** updateBundleApplicationInstanceConnectClusters: adds the cluster, keeping clusters already connected. */
export async function connectObsToCluster(
  req: TowerAccess & { clusterVip: string; obsIp?: string },
): Promise<{ alreadyConnected: boolean }> {
  const step = 'connect Observability to the cluster';
  return remoteStep(step, async () => {
    const { rest, gql } = towerClients(req);
    const cluster = await targetCluster(rest, req.clusterVip);
    const inst = await runningInstance(gql, step, req.obsIp);
    const current = (inst.connected_clusters ?? [])
      .map((c) => c.cluster?.id)
      .filter((id): id is string => !!id);
    if (current.includes(cluster.id)) return { alreadyConnected: true };
    // `id_in` is the whole set: the clusters already connected stay in it.
    const out = await gql.updateBundleApplicationInstanceConnectClusters(inst.id, [...current, cluster.id]);
    if (!(out.connected_clusters ?? []).some((c) => c.cluster?.id === cluster.id)) {
      throw remoteRejected(
        `${step}: the answer does not list cluster ${cluster.name} among the connected clusters`,
      );
    }
    Context.current().log.info('Observability connected to cluster', { cluster: cluster.name });
    return { alreadyConnected: false };
  });
}
