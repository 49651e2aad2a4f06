import { Context } from '@temporalio/activity';
import { capacityAlertRuleUpdate, type GlobalAlertRule } from '../../smartx/index.js';
import { invalidInput, precheckFailed, remoteRejected, transient } from '../support/failures.js';
import { clusterByVip } from '../support/tower-cluster.js';
import { towerClients } from '../support/tower-clients.js';
import type { TowerAccess } from '../../run/tower-access.js';
import { remoteStep } from '../support/failures.js';
import { mismatch } from './setting-mismatch.js';
import { coded } from '../../i18n/index.js';

/** The global rule of the cluster storage-capacity alert (seed 003 §06). */
export const CAPACITY_RULE_NAME = 'zbs_cluster_data_space_use_rate';
const CAPACITY_CRITICAL = 90;

/**
 * NOTICE threshold of the storage-capacity alert for `hosts` nodes: floor(((n − 1)/n − 0.05) × 100),
 * computed in integers as floor((95n − 100)/n) so no float rounding can shift it (3 → 61, 4 → 70,
 * 16 → 88).
 */
export function capacityNoticeThreshold(hosts: number): number {
  if (!Number.isSafeInteger(hosts) || hosts < 2) {
    throw invalidInput(`hostCount must be an integer of at least 2 for the capacity alert (got ${hosts})`);
  }
  return Math.floor((95 * hosts - 100) / hosts);
}

function valueOf(thresholds: GlobalAlertRule['thresholds'], severity: string): number | undefined {
  return thresholds?.find((t) => t.severity === severity)?.value;
}

async function findCapacityRule(
  gql: ReturnType<typeof towerClients>['gql'],
): Promise<GlobalAlertRule | undefined> {
  const pageSize = 50;
  for (let skip = 0; ; skip += pageSize) {
    const { rules, count } = await gql.globalAlertRules(skip, pageSize);
    const hit = rules.find((r) => r.name === CAPACITY_RULE_NAME);
    if (hit) return hit;
    if (rules.length < pageSize || (count !== undefined && skip + pageSize >= count)) return undefined;
  }
}

/** The global values seed 003 sends with the update (CloudTower's defaults; the list does not read them). */
const SEED_GLOBAL_NOTICE = 80;

/**
 * globalAlertRules → the storage-capacity rule → one updateGlobalAlertRule, as seed 003 §06 does it:
 * the cluster's rule gets NOTICE = capacityNoticeThreshold and CRITICAL 90 (customized), the global
 * thresholds are sent as the seed sends them (80 / 90).
 *
 * The seed's list selects no cluster per `alert_rules` entry; on the CloudTower this tool installs, the
 * attached cluster is the only one, so its single entry is the cluster's (seed 003's example has one).
 * No extra write is made to find out (an earlier version "updated" the rule with its own `disabled`
 * first): the update's answer names the entry's cluster and is checked against the cluster of the VIP.
 * Several entries cannot be told apart with the seed's query: that is an error naming the fix rather
 * than a write to a rule that may belong to another cluster. When the entry already has the wanted
 * values nothing is written (`changed: false`).
 */
export async function configureCapacityAlert(
  req: TowerAccess & { clusterVip: string; hostCount: number },
): Promise<{ notice: number; critical: number; changed: boolean }> {
  const step = 'configure cluster storage-capacity alert';
  const notice = capacityNoticeThreshold(req.hostCount);
  const critical = CAPACITY_CRITICAL;
  return remoteStep(step, async () => {
    const { rest, gql } = towerClients(req);
    const cluster = await clusterByVip(rest, req.clusterVip);
    const rule = await findCapacityRule(gql);
    if (!rule) {
      throw remoteRejected(`${step}: CloudTower lists no global alert rule ${CAPACITY_RULE_NAME}`);
    }
    const entries = rule.alert_rules ?? [];
    if (entries.length === 0) {
      // Retryable: CloudTower creates the cluster's rule instances shortly after the cluster connects.
      throw transient(
        `${step}: rule ${CAPACITY_RULE_NAME} has no cluster entry yet (cluster ${cluster.name})`,
      );
    }
    if (entries.length > 1) {
      throw precheckFailed(
        coded('failure.capacityRuleAmbiguous', {
          step,
          rule: CAPACITY_RULE_NAME,
          count: entries.length,
          cluster: cluster.name,
          notice,
          critical,
        }),
      );
    }
    const current = entries[0];
    if (
      !rule.disabled &&
      current.customized &&
      !current.disabled &&
      valueOf(current.thresholds, 'NOTICE') === notice &&
      valueOf(current.thresholds, 'CRITICAL') === critical
    ) {
      Context.current().log.info('capacity alert already set', { cluster: cluster.name, notice, critical });
      return { notice, critical, changed: false };
    }
    const updated = await gql.updateGlobalAlertRule(
      rule.id,
      capacityAlertRuleUpdate({
        globalNotice: SEED_GLOBAL_NOTICE,
        globalCritical: CAPACITY_CRITICAL,
        clusterRuleIds: [current.id],
        notice,
        critical,
      }),
    );
    const mine = (updated.alert_rules ?? []).find((r) => r.id === current.id);
    if (mine?.cluster?.id !== undefined && mine.cluster.id !== cluster.id)
      throw remoteRejected(
        `${step}: the rule entry ${current.id} belongs to cluster ${mine.cluster.name ?? mine.cluster.id}, not ${cluster.name}. Fix: check the storage-capacity alert of both clusters in CloudTower.`,
      );
    const gotNotice = valueOf(mine?.thresholds, 'NOTICE');
    const gotCritical = valueOf(mine?.thresholds, 'CRITICAL');
    if (gotNotice !== notice) throw mismatch(step, `NOTICE of ${cluster.name}`, notice, gotNotice);
    if (gotCritical !== critical) throw mismatch(step, `CRITICAL of ${cluster.name}`, critical, gotCritical);
    Context.current().log.info('capacity alert set', { cluster: cluster.name, notice, critical });
    return { notice, critical, changed: true };
  });
}
