// Seed 003 §03 "部署后配置IPMI信息": POST /api/v2/ipmi/upsert_accounts for every host's BMC.
import { Context } from '@temporalio/activity';
import type { RunContext } from '../../run/input.js';
import type { PlanSecret } from '../../run/run-plan.js';
import { remoteStep } from '../support/failures.js';
import { secret } from '../support/remote.js';
import { fisheyeClient, type Fisheye } from '../support/fisheye.js';

interface IpmiHost {
  hostname: string;
  hostUuid: string;
  bmc: { ip: string; user: string; password: PlanSecret };
}

export interface ConfigureIpmiAccountsRequest {
  run: RunContext;
  vip: string;
  fisheye: Fisheye;
  hosts: IpmiHost[];
}

export interface IpmiResult {
  succeeded: string[];
  failed: { hostname: string; bmcIp: string; reason: string }[];
}

/**
 * Upserts the BMC account of every host (an upsert: safe to repeat). Nodes the cluster could not
 * validate are returned in `failed`, not thrown: the workflow reports them as warnings.
 */
export async function configureIpmiAccounts(req: ConfigureIpmiAccountsRequest): Promise<IpmiResult> {
  const log = Context.current().log;
  const result: IpmiResult = { succeeded: [], failed: [] };
  const known = req.hosts.filter((h) => h.hostUuid);
  for (const h of req.hosts.filter((x) => !x.hostUuid))
    result.failed.push({
      hostname: h.hostname,
      bmcIp: h.bmc.ip,
      reason: 'host UUID unknown (the host scan of the deploy stage did not report it): account not sent',
    });
  if (known.length === 0) return result;
  const client = fisheyeClient(req.run, req.vip, req.fisheye);
  const answer = await remoteStep(`upsert the IPMI (BMC) accounts via ${req.vip}`, () =>
    client.upsertIpmiAccounts(
      known.map((h) => ({
        node_uuid: h.hostUuid,
        node_name: h.hostname,
        host: h.bmc.ip,
        user: h.bmc.user,
        password: secret(h.bmc.password),
      })),
    ),
  );
  const ok = new Set(answer.success.filter((a) => a.is_valid !== false).map((a) => a.node_uuid));
  const invalid = new Map(
    [...answer.failure, ...answer.success.filter((a) => a.is_valid === false)].map((a) => [a.node_uuid, a]),
  );
  for (const h of known) {
    if (ok.has(h.hostUuid) && !invalid.has(h.hostUuid)) {
      result.succeeded.push(h.hostname);
      continue;
    }
    const entry = invalid.get(h.hostUuid);
    const reason = entry
      ? `the cluster could not validate BMC ${h.bmc.ip} as ${h.bmc.user} (port ${entry.port ?? 623}, is_valid=false): check the BMC address, user and password in 主机规划 and that the BMC is reachable from the hosts`
      : `upsert_accounts did not mention node ${h.hostUuid}: check the host UUID`;
    result.failed.push({ hostname: h.hostname, bmcIp: h.bmc.ip, reason });
  }
  if (result.failed.length > 0)
    log.warn('some IPMI accounts were not validated', {
      failed: result.failed.map((f) => `${f.hostname} (${f.bmcIp})`),
    });
  log.info('IPMI accounts upserted', { succeeded: result.succeeded, failed: result.failed.length });
  return result;
}
