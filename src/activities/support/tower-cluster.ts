import { CloudTowerRestClient, type TowerCluster } from '../../smartx/index.js';
import { invalidInput, precheckFailed, transient } from './failures.js';

function managementVip(c: TowerCluster): unknown {
  return (c as Record<string, unknown>).management_vip;
}

/**
 * The cluster CloudTower manages at `clusterVip` (get-clusters: `ip` is the address it was connected
 * with, `management_vip` the cluster's VIP). Not there → non-retryable (stage 5 connects it);
 * there but not CONNECTED yet → retryable.
 */
export async function clusterByVip(rest: CloudTowerRestClient, clusterVip: string): Promise<TowerCluster> {
  if (!clusterVip) throw invalidInput('clusterVip is empty: fill 主机规划!I19 (cluster VIP)');
  const clusters = await rest.getClusters();
  const found = clusters.find((c) => c.ip === clusterVip || managementVip(c) === clusterVip);
  if (!found) {
    throw precheckFailed(
      `no cluster with VIP ${clusterVip} in CloudTower ${rest.http.address} (get-clusters lists ${clusters.length}: ${
        clusters.map((c) => `${c.name}@${c.ip ?? '?'}`).join(', ') || 'none'
      }). Fix: connect the cluster to CloudTower first (stage 5), or correct 主机规划!I19.`,
    );
  }
  if (found.connect_state && found.connect_state !== 'CONNECTED') {
    throw transient(
      `cluster ${found.name} (${clusterVip}) is ${found.connect_state} in CloudTower, not CONNECTED yet`,
    );
  }
  return found;
}

/** The only connected cluster, or the one at `clusterVip` when given. */
export async function targetCluster(rest: CloudTowerRestClient, clusterVip?: string): Promise<TowerCluster> {
  if (clusterVip) return clusterByVip(rest, clusterVip);
  const clusters = (await rest.getClusters()).filter(
    (c) => !c.connect_state || c.connect_state === 'CONNECTED',
  );
  if (clusters.length === 1) return clusters[0];
  throw invalidInput(
    `CloudTower ${rest.http.address} manages ${clusters.length} connected clusters; pass clusterVip to choose one`,
  );
}
