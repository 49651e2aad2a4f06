// Shared by the stage 10 maintenance activities: reading a host's maintenance state through
// CloudTower and waiting for it, and the request they all take. Not an activity itself.
import { CloudTowerHostApi, maintenanceState, SmartxHttpError, type TowerHost } from '../../smartx/index.js';
import { precheckFailed, remoteStep } from '../support/failures.js';
import { pollUntil } from '../support/poll.js';
import { towerRest } from '../support/tower-clients.js';
import type { TowerAccess } from '../../run/tower-access.js';
import type { CloudTowerRestClient } from '../../smartx/index.js';

/** The host a maintenance activity acts on: CloudTower's id and the plan's host name. */
export interface MaintenanceHostRequest extends TowerAccess {
  hostId: string;
  hostName: string;
}

export interface MaintenanceApi {
  rest: CloudTowerRestClient;
  api: CloudTowerHostApi;
}

export function maintenanceApi(req: TowerAccess): MaintenanceApi {
  const rest = towerRest(req.run, req.cloudtowerIp, req.rootPassword);
  return { rest, api: new CloudTowerHostApi(rest) };
}

/** The host as CloudTower lists it now; gone from CloudTower is the operator's to look at. */
export async function readHost(m: MaintenanceApi, req: MaintenanceHostRequest): Promise<TowerHost> {
  const [host] = await remoteStep(`read the state of host ${req.hostName}`, () =>
    m.api.getHosts({ id: req.hostId }),
  );
  if (!host)
    throw precheckFailed(
      `host ${req.hostName} (${req.hostId}) is not listed by CloudTower ${req.cloudtowerIp}. Fix: check the host in CloudTower.`,
    );
  return host;
}

/** Polls until the host's maintenance state is `want` (heartbeating `details`). */
export async function waitForState(
  m: MaintenanceApi,
  req: MaintenanceHostRequest,
  want: string,
  details: () => unknown,
): Promise<void> {
  await pollUntil(
    {
      intervalSeconds: req.run.timing.jobPollSeconds,
      timeoutSeconds: req.run.timing.jobTimeoutSeconds,
      what: `host ${req.hostName}: wait for ${want}`,
    },
    async () => (maintenanceState(await readHost(m, req)) === want ? true : undefined),
    details,
  );
}

/** An appliance refusal (400/409) of a maintenance call, as the message CloudTower gave. */
export function refusal(err: unknown): string | undefined {
  if (!(err instanceof SmartxHttpError) || !['bad-request', 'conflict'].includes(err.kind)) return undefined;
  return err.remoteMessage ?? err.message;
}
