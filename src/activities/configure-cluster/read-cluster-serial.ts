// Seed 003 §03 "部署后获取集群序列号": GET /api/v2/tools/license → data.serial.
import { Context } from '@temporalio/activity';
import type { RunContext } from '../../run/input.js';
import { remoteStep, remoteRejected } from '../support/failures.js';
import { fisheyeClient, type Fisheye } from '../support/fisheye.js';

export interface ReadClusterSerialRequest {
  run: RunContext;
  vip: string;
  fisheye: Fisheye;
}

/** The cluster serial (written back to 主机规划!E19 by the workflow). */
export async function readClusterSerial(req: ReadClusterSerialRequest): Promise<{ serial: string }> {
  const client = fisheyeClient(req.run, req.vip, req.fisheye);
  const license = await remoteStep(`read the cluster license on ${req.vip}`, () => client.getLicense());
  const serial = license.serial.trim();
  if (!serial) {
    throw remoteRejected(
      `read the cluster license on ${req.vip}: GET /api/v2/tools/license answered an empty serial. Fix: check the license in the SMTX OS console.`,
    );
  }
  Context.current().log.info('cluster serial', { vip: req.vip, serial });
  return { serial };
}
