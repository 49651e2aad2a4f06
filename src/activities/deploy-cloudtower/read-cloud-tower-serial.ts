// Seed 003 §04 "导出cloudtower 序列号写入规划表": GraphQL deployedLicense → license_serial
// (written back to 集群管理信息!M3 by the workflow).
import { Context } from '@temporalio/activity';
import type { TowerAccess } from '../../run/tower-access.js';
import { remoteStep, remoteRejected } from '../support/failures.js';
import { towerGraphql } from '../support/tower-clients.js';

/** CloudTower as root with the workbook's password, which the setup step before this one made root's. */
export type ReadCloudTowerSerialRequest = TowerAccess;

export async function readCloudTowerSerial(req: ReadCloudTowerSerialRequest): Promise<{ serial: string }> {
  const gql = towerGraphql(req.run, req.cloudtowerIp, req.rootPassword);
  const license = await remoteStep(`read the CloudTower license on ${req.cloudtowerIp}`, () =>
    gql.deployedLicense(),
  );
  const serial = license.license_serial.trim();
  if (!serial) {
    throw remoteRejected(
      `read the CloudTower license on ${req.cloudtowerIp}: deployedLicense answered an empty license_serial. Fix: check the license in the CloudTower web UI.`,
    );
  }
  Context.current().log.info('CloudTower serial', { ip: req.cloudtowerIp, serial });
  return { serial };
}
