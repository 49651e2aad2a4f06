// Seed 003 §03 "部署后配置集群VIP", "部署后配置dns", "部署后配置ntp". Each setting is PUT with the
// planned value every time (a PUT of the same value is harmless), never skipped on the answer of a
// GET the seed does not show; each is confirmed as the seed shows it: the VIP by its EOK answer and a
// login through the VIP, DNS and NTP by their job reaching `done`.
import { Context } from '@temporalio/activity';
import { SmartxHttpError, type FisheyeClient } from '../../smartx/index.js';
import type { RunContext } from '../../run/input.js';
import { remoteStep } from '../support/failures.js';
import { fisheyeClient, waitForFisheyeJob, type Fisheye } from '../support/fisheye.js';

export interface ConfigureClusterSettingsRequest {
  run: RunContext;
  /** Management IP of the first host: the VIP is set through it. */
  hostIp: string;
  vip: string;
  dnsServers: string[];
  ntpServers: string[];
  fisheye: Fisheye;
}

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

/** VIP, then DNS and NTP together (each a Fisheye job, awaited). Empty server lists are skipped with a warning. */
export async function configureClusterSettings(
  req: ConfigureClusterSettingsRequest,
): Promise<{ vip: string; dns: string[]; ntp: string[] }> {
  const log = Context.current().log;
  const host = fisheyeClient(req.run, req.hostIp, req.fisheye);

  await remoteStep(`set the cluster VIP ${req.vip} via ${req.hostIp}`, async () => {
    // An EOK envelope is the seed's whole answer; a refusal is an error envelope (thrown).
    await host.setVip(req.vip);
    log.info('cluster VIP set', { vip: req.vip });
  });

  const client = await remoteStep(`log in to Fisheye after setting the VIP ${req.vip}`, () =>
    clientAfterVip(req, host),
  );
  const at = client.http.address;

  // DNS and NTP are separate jobs on separate settings: both are set and awaited at once (the
  // bring-up already runs other Fisheye jobs side by side). Both are awaited before a failure is
  // reported, so no job wait outlives the attempt.
  const settings: Promise<void>[] = [];
  if (req.dnsServers.length === 0) log.warn('no DNS servers in the plan: DNS left as it is');
  else
    settings.push(
      remoteStep(`set the cluster DNS servers via ${at}`, async () => {
        const { job_id } = await client.setDns(req.dnsServers);
        await waitForFisheyeJob(client, req.run, job_id, 'set the cluster DNS servers');
        log.info('DNS servers set', { dns: req.dnsServers, jobId: job_id });
      }),
    );
  if (req.ntpServers.length === 0) log.warn('no NTP servers in the plan: NTP left as it is');
  else
    settings.push(
      remoteStep(`set the cluster NTP servers via ${at}`, async () => {
        const { job_id } = await client.setNtp(req.ntpServers);
        await waitForFisheyeJob(client, req.run, job_id, 'set the cluster NTP servers');
        log.info('NTP servers set', { ntp: req.ntpServers, jobId: job_id });
      }),
    );
  const failed = (await Promise.allSettled(settings)).find((r) => r.status === 'rejected');
  if (failed) throw failed.reason;

  return { vip: req.vip, dns: req.dnsServers, ntp: req.ntpServers };
}
