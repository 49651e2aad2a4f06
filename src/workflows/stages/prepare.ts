import { ApplicationFailure, proxyActivities } from '@temporalio/workflow';
import type { PrepareActivities } from '../../activities/prepare/index.js';
import { lookup } from '../activity-options.js';
import type { StageContext } from './context.js';

// No retry loop inside these: a host that does not answer fails the scan retryably as a whole.
const lookups = (ctx: StageContext) => proxyActivities<PrepareActivities>(lookup(ctx.input.run));

/** Stage 1: nothing is touched until every host answers, every new address is free and every host has what the plan needs. */
export async function prepareStage(ctx: StageContext): Promise<void> {
  await prepareChecksPart(ctx);
  await scanHostsPart(ctx);
}

/** An earlier deployment, then every host answering and every new address free. */
export async function prepareChecksPart(ctx: StageContext): Promise<void> {
  const { input, tracker } = ctx;
  const { plan, run } = input;
  const { precheckAddresses, findExistingDeployment } = lookups(ctx);

  const existing = await ctx.step('existing-deployment', () =>
    findExistingDeployment({ run, hostIps: plan.hosts.map((h) => h.managementIp) }),
  );
  if (existing.deployed) {
    tracker.warn(
      `the cluster is already deployed (deploy_verify on ${existing.askedHost ?? '?'}): continuing an earlier bring-up; VIP and component addresses are expected to answer`,
    );
  }

  const component = (label: string, address: string | undefined) =>
    address ? [{ address, ports: [443, 22], label }] : [];
  const pre = await ctx.step('precheck-addresses', () =>
    precheckAddresses({
      run,
      mustAnswer: plan.hosts.map((h) => ({
        address: h.managementIp,
        ports: [80, 443, 22],
        label: `host ${h.hostname}`,
      })),
      mustBeFree: existing.deployed
        ? []
        : [
            ...component('cluster VIP', plan.vip),
            ...component('CloudTower', plan.cloudtower.ip),
            ...component('Observability', plan.obs.ip),
            ...component('Backup', plan.backup.ip),
          ],
      warnIfSilent: plan.hosts.map((h) => ({
        address: h.bmc.ip,
        ports: [443],
        label: `BMC of ${h.hostname}`,
      })),
    }),
  );
  pre.warnings.forEach((w) => tracker.warn(w));
  if (pre.problems.length > 0) {
    throw ApplicationFailure.nonRetryable(
      `prepare/precheck-addresses: ${pre.problems.join('; ')}`,
      'PrecheckFailed',
    );
  }
}

/** Each host's NICs and disks against what the plan needs (read-only: beside the address checks). */
export async function scanHostsPart(ctx: StageContext): Promise<void> {
  const { input, tracker, facts } = ctx;
  const { plan, run } = input;
  const { scanHosts } = lookups(ctx);
  const net = plan.networks;
  const requiredNics = [
    ...net.management.nics,
    ...net.storage.nics,
    ...(plan.networkArchitecture === 'three-separate' && net.businessVds ? net.businessVds.nics : []),
  ];
  const scanned = await ctx.step('scan-hosts', () =>
    scanHosts({
      run,
      hosts: plan.hosts.map((h) => ({
        hostname: h.hostname,
        managementIp: h.managementIp,
        requiredNics,
        managementNics: net.management.nics,
      })),
      storageArchitecture: plan.storageArchitecture,
    }),
  );
  scanned.warnings?.forEach((w) => tracker.warn(w));
  facts.scans = scanned.hosts;
  for (const h of scanned.hosts) facts.hostUuids[h.managementIp] = h.scan.hostUuid;
}
