// Stage 10 reliability from CloudTower alerts (issue 12 item 4; docs/decisions.md "Reliability from
// alerts"): the cluster's open alerts before fio and after the second inspection; alerts open after
// the load that were not open before are listed like new failing inspection items. Behind
// `patched('stage10-alerts')`: runs recorded before the change schedule no get-alerts step.
// A failure of get-alerts never fails the stage by itself: the note says the alerts were not compared.
import { isCancellation, patched, proxyActivities } from '@temporalio/workflow';
import type { PerformanceTestActivities } from '../../activities/performance-test/index.js';
import type { BringUpInput } from '../../run/input.js';
import { towerAccess } from '../../run/tower-access.js';
import { describeAlert, newAlerts, type OpenAlert } from '../../run/inspection-items.js';
import { lookup } from '../activity-options.js';
import { afterRetriesEnded, describeError } from '../describe-error.js';
import type { RunTracker } from '../run-tracker.js';
import { coded } from '../../i18n/coded.js';

const STAGE = 'performance-test';

/** A get-alerts snapshot, or why there is none. */
export type AlertSnapshot = { count: number; alerts: OpenAlert[] } | { error: string };

/** What the alert comparison adds to stage 10: the note's part, and whether it worked. */
export interface AlertComparison {
  ok: boolean;
  note: string;
}

async function snapshot(input: BringUpInput): Promise<AlertSnapshot> {
  const { listOpenAlerts } = proxyActivities<PerformanceTestActivities>(lookup(input.run));
  try {
    return await listOpenAlerts({ ...towerAccess(input), clusterVip: input.plan.vip });
  } catch (err) {
    if (isCancellation(err)) throw err;
    return { error: afterRetriesEnded(describeError(err)) };
  }
}

/**
 * Before fio: the open alerts, or undefined for a run recorded before the patch (which then keeps
 * its old stage 10 exactly). Called at the start of stage 10, before the load.
 */
export async function alertsBeforeLoad(
  input: BringUpInput,
  tracker: RunTracker,
): Promise<AlertSnapshot | undefined> {
  if (!patched('stage10-alerts')) return undefined;
  tracker.step(STAGE, 'open alerts before the load');
  return snapshot(input);
}

/**
 * After the second inspection: the open alerts again, compared with `before`. New alerts become
 * warnings and `tracker.reliability.newAlerts` (a block with the alerts alone: the caller merges the
 * inspection comparison into it).
 */
export async function compareAlertsAfterLoad(
  input: BringUpInput,
  tracker: RunTracker,
  before: AlertSnapshot,
): Promise<AlertComparison> {
  tracker.reliability = undefined; // this attempt's comparison only, never a retried attempt's
  const notCompared = (why: string) => ({ ok: false, note: coded('note.alertsNotCompared', { why }) });
  // Without the snapshot before the load there is nothing to compare with: no second call.
  if ('error' in before) return notCompared(before.error);
  tracker.step(STAGE, 'open alerts after the load');
  const after = await snapshot(input);
  if ('error' in after) return notCompared(after.error);
  const fresh = newAlerts(before.alerts, after.alerts);
  tracker.reliability = {
    newFailures: [],
    alerts: { before: before.count, after: after.count },
    newAlerts: fresh,
  };
  if (!fresh.length) {
    return {
      ok: true,
      note: coded('note.alertsNoNew', { count: before.count }),
    };
  }
  const listed = fresh.map(describeAlert);
  for (const a of listed) tracker.warn(coded('warn.newAlert', { alert: a }));
  return {
    ok: true,
    note: coded('note.alertsNew', { count: listed.length, alerts: listed.join(', ') }),
  };
}
