import { Context } from '@temporalio/activity';
import { precheckFailed, remoteRejected } from '../support/failures.js';
import { clusterByVip } from '../support/tower-cluster.js';
import { towerClients } from '../support/tower-clients.js';
import type { TowerAccess } from '../../run/tower-access.js';
import { remoteStep } from '../support/failures.js';

/** updateBackupService backup_clusters.set: adds the cluster, keeping clusters already bound. */
export async function bindBackupToCluster(
  req: TowerAccess & { clusterVip: string; serviceId: string },
): Promise<{ alreadyBound: boolean }> {
  const step = 'bind the backup service to the cluster';
  return remoteStep(step, async () => {
    const { rest, gql } = towerClients(req);
    const cluster = await clusterByVip(rest, req.clusterVip);
    const service = (await gql.getBackupServices()).find((s) => s.id === req.serviceId);
    if (!service) {
      throw precheckFailed(
        `${step}: no backup service ${req.serviceId} in CloudTower. Fix: deploy it first (deployBackupService).`,
      );
    }
    const bound = (service.backup_clusters ?? []).map((c) => c.id);
    if (bound.includes(cluster.id)) return { alreadyBound: true };
    // `set` replaces the list: the clusters already bound stay in it.
    await gql.updateBackupService(service.id, [...bound, cluster.id]);
    const after = (await gql.getBackupServices()).find((s) => s.id === req.serviceId);
    if (!(after?.backup_clusters ?? []).some((c) => c.id === cluster.id)) {
      throw remoteRejected(
        `${step}: getBackupServices does not list cluster ${cluster.name} after updateBackupService`,
      );
    }
    Context.current().log.info('backup service bound', { cluster: cluster.name });
    return { alreadyBound: false };
  });
}
