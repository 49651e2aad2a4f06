import { towerClients } from '../support/tower-clients.js';
import type { TowerAccess } from '../../run/tower-access.js';
import { remoteStep } from '../support/failures.js';
import { BACKUP_SERVICE_NAME } from './backup-names.js';
import { findBackupService } from './find-backup-service.js';

/** The backup serial, if the service exposes one (the seed's query shows none; then undefined). */
export async function readBackupSerial(req: TowerAccess): Promise<{ serial?: string }> {
  return remoteStep('read Backup serial', async () => {
    const { gql } = towerClients(req);
    const service = findBackupService(await gql.getBackupServices(), BACKUP_SERVICE_NAME) as
      Record<string, unknown> | undefined;
    for (const key of ['serial', 'license_serial', 'sn', 'serial_number']) {
      const v = service?.[key];
      if (typeof v === 'string' && v) return { serial: v };
    }
    return {};
  });
}
