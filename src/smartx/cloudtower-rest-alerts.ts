// CloudTower REST v2 alerts, as SmartX's SDKs document them: AlertApi `POST /v2/api/get-alerts` with
// GetAlertsRequestBody `{where, first, skip, orderBy}` (AlertWhereInput) answering `Alert[]`. The
// fields read here are those of the SDKs' `Alert` model: `id`, `severity` (a string), `ended`
// (false while the alert is open), `message`, `cause`, `local_start_time`, `labels`, and the
// relations `cluster`, `host`, `vms` (`{id, name}` each). Stage 10 uses it as the documented
// source of "what is wrong now" (docs/decisions.md "Reliability from alerts").
import { z } from 'zod';
import type { CloudTowerRestClient } from './cloudtower-rest.js';

const nested = z.looseObject({ id: z.string(), name: z.string().nullish() });

const alertSchema = z.looseObject({
  id: z.string().min(1),
  severity: z.string().min(1),
  ended: z.boolean(),
  message: z.string(),
  cause: z.string(),
  local_start_time: z.string().nullish(),
  labels: z.record(z.string(), z.unknown()).nullish(),
  cluster: nested.nullish(),
  host: nested.nullish(),
  vms: z.array(nested).nullish(),
});

export type TowerAlert = z.infer<typeof alertSchema>;

/** The alert operations, on a logged-in REST client (same token, same re-login on 401). */
export class CloudTowerAlertApi {
  constructor(private readonly rest: CloudTowerRestClient) {}

  /** POST /v2/api/get-alerts {where} → Alert[] */
  getAlerts(where: Record<string, unknown>): Promise<TowerAlert[]> {
    return this.rest.http.call({
      method: 'POST',
      path: '/v2/api/get-alerts',
      json: { where },
      parse: 'json',
      schema: z.array(alertSchema),
    });
  }

  /** The cluster's open alerts: `ended: false` (an alert that ended is resolved or recovered). */
  openAlerts(clusterId: string): Promise<TowerAlert[]> {
    return this.getAlerts({ ended: false, cluster: { id: clusterId } });
  }
}
