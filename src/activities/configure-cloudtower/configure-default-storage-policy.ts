// Stage 6 — cluster settings through CloudTower (seed 003 §06): the default storage policy and the
// cluster storage-capacity alert.
import { Context } from '@temporalio/activity';
import { remoteRejected } from '../support/failures.js';
import { clusterByVip } from '../support/tower-cluster.js';
import { towerClients } from '../support/tower-clients.js';
import type { TowerAccess } from '../../run/tower-access.js';
import { remoteStep } from '../support/failures.js';
import { mismatch } from './setting-mismatch.js';

/** FACTS.md: the default storage policy is replica 2, thin provisioned. */
const DEFAULT_STORAGE_POLICY = {
  default_storage_policy: 'REPLICA_2_THIN_PROVISION',
  default_storage_policy_replica_num: 2,
  default_storage_policy_ec_k: null,
  default_storage_policy_ec_m: null,
  default_storage_policy_thin_provision: true,
} as const;

/**
 * updateClusterSettings → REPLICA_2_THIN_PROVISION, replica 2, thin; the answer is checked field by
 * field. The API offers no read of these settings (seed 003), so the update — a plain set, harmless to
 * repeat — is always sent; `changed` reports that it was applied.
 */
export async function configureDefaultStoragePolicy(
  req: TowerAccess & { clusterVip: string },
): Promise<{ policy: string; changed: boolean }> {
  const step = 'configure default storage policy';
  return remoteStep(step, async () => {
    const { rest, gql } = towerClients(req);
    const cluster = await clusterByVip(rest, req.clusterVip);
    const settingsId = cluster.settings?.id;
    if (!settingsId) {
      throw remoteRejected(
        `${step}: get-clusters shows no settings.id for cluster ${cluster.name}; cannot address its settings`,
      );
    }
    const out = await gql.updateClusterSettings(settingsId, { ...DEFAULT_STORAGE_POLICY });
    const checks: [string, unknown, unknown][] = [
      ['default_storage_policy', DEFAULT_STORAGE_POLICY.default_storage_policy, out.default_storage_policy],
      [
        'default_storage_policy_replica_num',
        DEFAULT_STORAGE_POLICY.default_storage_policy_replica_num,
        out.default_storage_policy_replica_num,
      ],
      [
        'default_storage_policy_thin_provision',
        DEFAULT_STORAGE_POLICY.default_storage_policy_thin_provision,
        out.default_storage_policy_thin_provision,
      ],
    ];
    for (const [field, wanted, got] of checks) if (wanted !== got) throw mismatch(step, field, wanted, got);
    Context.current().log.info('default storage policy set', {
      cluster: cluster.name,
      policy: out.default_storage_policy,
    });
    return { policy: DEFAULT_STORAGE_POLICY.default_storage_policy, changed: true };
  });
}
