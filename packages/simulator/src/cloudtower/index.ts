// CloudTower and what runs behind it (OBS operator, backup, inspector), as service modules the
// simulator core mounts on the CloudTower machine's HTTPS 443 once its installer has finished.
// See docs/simulator-cloudtower.md for the operations covered and the assumptions made.
import type { SimRoute, SimServiceModule } from '../core/contract.js';
import { graphqlRoute } from './graphql/dispatch.js';
import { inspectorRoutes } from './inspector/routes.js';
import { obsUploadRoutes } from './obs/upload.js';
import { resolveOptions, type CloudTowerTimings } from './options.js';
import { clusterRestRoutes } from './rest/ops-cluster.js';
import { monitoringRestRoutes } from './rest/ops-monitoring.js';
import { topologyRestRoutes } from './rest/ops-topology.js';
import { towerRestRoutes } from './rest/ops-tower.js';
import { vmRestRoutes } from './rest/ops-vms.js';
import { alertRestRoutes } from './rest/ops-alerts.js';
import { hostRestRoutes } from './rest/ops-hosts.js';
import { ovfRoutes } from './ovf.js';
import { restFallbackRoutes } from './rest/route.js';

export type { CloudTowerSimOptions, CloudTowerTimings } from './options.js';
export { defaultOptions, defaultTimings } from './options.js';

/** Builds the modules with non-default token lifetime or timings (simulated seconds). */
export function createCloudTowerModules(options?: {
  tokenTtlSeconds?: number;
  timings?: Partial<CloudTowerTimings>;
}): SimServiceModule[] {
  const resolved = resolveOptions(options);
  const routes: SimRoute[] = [
    graphqlRoute(resolved),
    ...towerRestRoutes(resolved),
    ...clusterRestRoutes(resolved),
    ...monitoringRestRoutes(resolved),
    ...topologyRestRoutes(resolved),
    ...vmRestRoutes(resolved),
    ...alertRestRoutes(resolved),
    ...hostRestRoutes(resolved),
    ...ovfRoutes(resolved),
    ...obsUploadRoutes(resolved),
    ...inspectorRoutes(resolved),
    ...restFallbackRoutes(),
  ];
  // The OBS and backup VMs serve nothing over HTTP that the bring-up calls (OBS is reached over
  // SSH on 10022, which the core plays), so everything is on the CloudTower role.
  return [{ roles: ['cloudtower'], routes }];
}

export const cloudTowerModules: SimServiceModule[] = createCloudTowerModules();
