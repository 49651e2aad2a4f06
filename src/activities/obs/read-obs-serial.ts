import { towerClients } from '../support/tower-clients.js';
import type { TowerAccess } from '../../run/tower-access.js';
import { remoteStep } from '../support/failures.js';
import { findObsInstance } from './obs-instance.js';

/** The OBS serial, if the instance exposes one (the seed's query shows none; then undefined). */
export async function readObsSerial(req: TowerAccess & { obsIp?: string }): Promise<{ serial?: string }> {
  return remoteStep('read Observability serial', async () => {
    const { gql } = towerClients(req);
    const inst = findObsInstance(await gql.observabilityInstanceAndApps(), req.obsIp) as
      Record<string, unknown> | undefined;
    for (const key of ['serial', 'license_serial', 'sn', 'serial_number']) {
      const v = inst?.[key];
      if (typeof v === 'string' && v) return { serial: v };
    }
    return {};
  });
}
