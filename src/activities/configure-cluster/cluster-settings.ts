// Seed 003 §03 "部署后配置集群VIP", "部署后配置dns", "部署后配置ntp".
import { Context } from '@temporalio/activity';
import { z } from 'zod';
import { SmartxHttpError, type FisheyeClient } from '../../smartx/index.js';
import type { RunContext } from '../../run/input.js';
import { remoteStep } from '../support/failures.js';
import { fisheyeClient, isMissingEndpoint, waitForJob, type Fisheye } from './fisheye.js';

export interface ConfigureClusterSettingsRequest {
  run: RunContext;
  /** Management IP of the first host: the VIP is set through it. */
  hostIp: string;
  vip: string;
  dnsServers: string[];
  ntpServers: string[];
  fisheye: Fisheye;
}

const vipSchema = z.looseObject({ management_vip: z.string().nullish() });
const dnsSchema = z.looseObject({ dns_servers: z.array(z.string()).nullish() });
const ntpSchema = z.looseObject({
  ntp_mode: z.string().nullish(),
  ntp_servers: z.array(z.string()).nullish(),
});

/** An optional GET (not in seed 003): undefined when this SMTX OS version does not have it. */
async function optionalGet<S extends z.ZodType>(
  client: FisheyeClient,
  path: string,
  schema: S,
): Promise<z.infer<S> | undefined> {
  try {
    return await client.http.call({ method: 'GET', path, parse: 'envelope', schema });
  } catch (err) {
    if (isMissingEndpoint(err)) return undefined;
    throw err;
  }
}

const sameList = (a: readonly string[] | null | undefined, b: readonly string[]) =>
  !!a && a.length === b.length && a.every((v, i) => v === b[i]);

/**
 * The client for the calls after the VIP: the VIP itself when it answers (seed 003 uses it), else the
 * host that set it (a VIP can take a moment to come up; the host answers for the cluster all the same).
 */
async function clientAfterVip(
  req: ConfigureClusterSettingsRequest,
  host: FisheyeClient,
): Promise<FisheyeClient> {
  const viaVip = fisheyeClient(req.run, req.vip, req.fisheye, { timeoutMs: 10_000 });
  try {
    await viaVip.login();
    return viaVip;
  } catch (err) {
    if (err instanceof SmartxHttpError && err.retryable) {
      Context.current().log.warn('VIP does not answer yet, using the host', {
        vip: req.vip,
        host: req.hostIp,
        error: err.message,
      });
      return host;
    }
    throw err;
  }
}

/** VIP, then DNS and NTP (each a Fisheye job, awaited). Empty server lists are skipped with a warning. */
export async function configureClusterSettings(
  req: ConfigureClusterSettingsRequest,
): Promise<{ vip: string; dns: string[]; ntp: string[] }> {
  const log = Context.current().log;
  const host = fisheyeClient(req.run, req.hostIp, req.fisheye);

  await remoteStep(`set the cluster VIP ${req.vip} via ${req.hostIp}`, async () => {
    const current = await optionalGet(host, '/api/v2/settings/vip', vipSchema);
    if (current?.management_vip === req.vip) {
      log.info('cluster VIP already set', { vip: req.vip });
      return;
    }
    await host.setVip(req.vip);
    log.info('cluster VIP set', { vip: req.vip, previous: current?.management_vip ?? null });
  });

  const client = await remoteStep(`log in to Fisheye after setting the VIP ${req.vip}`, () =>
    clientAfterVip(req, host),
  );
  const at = client.http.address;

  if (req.dnsServers.length === 0) log.warn('no DNS servers in the plan: DNS left as it is');
  else
    await remoteStep(`set the cluster DNS servers via ${at}`, async () => {
      const current = await optionalGet(client, '/api/v2/settings/dns', dnsSchema);
      if (sameList(current?.dns_servers, req.dnsServers)) {
        log.info('DNS servers already set', { dns: req.dnsServers });
        return;
      }
      const { job_id } = await client.setDns(req.dnsServers);
      await waitForJob(client, req.run, job_id, 'set the cluster DNS servers');
      log.info('DNS servers set', { dns: req.dnsServers });
    });

  if (req.ntpServers.length === 0) log.warn('no NTP servers in the plan: NTP left as it is');
  else
    await remoteStep(`set the cluster NTP servers via ${at}`, async () => {
      const current = await optionalGet(client, '/api/v2/settings/ntp', ntpSchema);
      if (current?.ntp_mode === 'external' && sameList(current.ntp_servers, req.ntpServers)) {
        log.info('NTP servers already set', { ntp: req.ntpServers });
        return;
      }
      const { job_id } = await client.setNtp(req.ntpServers);
      await waitForJob(client, req.run, job_id, 'set the cluster NTP servers');
      log.info('NTP servers set', { ntp: req.ntpServers });
    });

  return { vip: req.vip, dns: req.dnsServers, ntp: req.ntpServers };
}
