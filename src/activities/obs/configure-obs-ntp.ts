import { invalidInput, remoteRejected } from '../support/failures.js';
import { towerClients } from '../support/tower-clients.js';
import type { TowerAccess } from '../../run/tower-access.js';
import { remoteStep } from '../support/failures.js';
import { runningInstance } from './obs-instance.js';

/** updateObservabilityNtpUrl with the plan's NTP servers; the answer (`;`-joined) is checked. */
export async function configureObsNtp(
  req: TowerAccess & { ntpServers: string[]; obsIp?: string },
): Promise<{ changed: boolean }> {
  const step = 'configure Observability NTP';
  const servers = (req.ntpServers ?? []).map((s) => s.trim()).filter(Boolean);
  if (servers.length === 0) throw invalidInput('ntpServers is empty: fill 集群管理信息!E22–E24');
  return remoteStep(step, async () => {
    const { gql } = towerClients(req);
    const inst = await runningInstance(gql, step, req.obsIp);
    const answer = await gql.updateObservabilityNtpUrl(inst.id, servers);
    const got = answer
      .split(/[;,]/)
      .map((s) => s.trim())
      .filter(Boolean);
    if (got.join(';') !== servers.join(';')) {
      throw remoteRejected(
        `${step}: CloudTower answered ntp_service_url "${answer}", expected ${servers.join(';')}`,
      );
    }
    // No read of the current value exists (seed 003), so the set is always sent; it is idempotent.
    return { changed: true };
  });
}
