// Stage 10 (reliability): the cluster's open CloudTower alerts (AlertApi get-alerts, `ended: false`),
// taken before fio and again after the second inspection; the workflow lists the alerts that are new.
// Only a compact form travels back (id, severity, message, object): the full Alert carries
// impact/solution texts and labels the comparison does not need in the history.
import { CloudTowerAlertApi, type TowerAlert } from '../../smartx/index.js';
import type { OpenAlert } from '../../run/inspection-items.js';
import { remoteStep } from '../support/failures.js';
import { clusterByVip } from '../support/tower-cluster.js';
import { towerClients } from '../support/tower-clients.js';
import type { TowerAccess } from '../../run/tower-access.js';

export interface ListOpenAlertsRequest extends TowerAccess {
  clusterVip: string;
}

/** At most this many alerts travel back (sorted by id); more are counted, not listed. */
export const OPEN_ALERTS_LISTED = 200;

function compact(a: TowerAlert): OpenAlert {
  const vms = (a.vms ?? []).map((v) => v.name ?? v.id).join(', ');
  const object = a.host?.name ?? a.host?.id ?? (vms || (a.cluster?.name ?? a.cluster?.id ?? '-'));
  // Messages can be long sentences: the list is for the operator's eye, 300 characters suffice.
  const message = (a.message || a.cause).slice(0, 300);
  return { id: a.id, severity: a.severity, message, object };
}

export async function listOpenAlerts(
  req: ListOpenAlertsRequest,
): Promise<{ count: number; alerts: OpenAlert[] }> {
  return remoteStep('list the open CloudTower alerts', async () => {
    const { rest } = towerClients(req);
    const cluster = await clusterByVip(rest, req.clusterVip);
    const open = (await new CloudTowerAlertApi(rest).openAlerts(cluster.id)).filter((a) => !a.ended);
    const alerts = open
      .map(compact)
      .sort((x, y) => (x.id < y.id ? -1 : x.id > y.id ? 1 : 0))
      .slice(0, OPEN_ALERTS_LISTED);
    return { count: open.length, alerts };
  });
}
