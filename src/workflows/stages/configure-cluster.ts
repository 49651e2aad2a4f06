import { proxyActivities } from '@temporalio/workflow';
import type { ConfigureClusterActivities } from '../../activities/configure-cluster/index.js';
import type { WorkbookActivities } from '../../activities/workbook/index.js';
import { bulkUpload, lookup, remoteJob } from '../activity-options.js';
import { uploadHours } from '../../run/timing.js';
import type { StageContext } from './context.js';

/**
 * Stage 3: Fisheye root and login, VIP/DNS/NTP, IPMI, business networks, host passwords, VMTools,
 * CPU compatibility, serial. The sequential schedule runs the parts in this order; the overlapped
 * one runs the parts after the VIP side by side (docs/schedule.md).
 */
export async function configureClusterStage(ctx: StageContext): Promise<void> {
  await fisheyeRootPart(ctx);
  await clusterSettingsPart(ctx);
  await ipmiAccountsPart(ctx);
  await businessNetworksPart(ctx);
  await hostPasswordsPart(ctx);
  await vmToolsPart(ctx);
  await cpuCompatibilityPart(ctx);
  await clusterSerialPart(ctx);
}

/** Stage 3's activities: its folder's, and the serial's write-back into the workbook. */
type StageActivities = ConfigureClusterActivities & WorkbookActivities;

// Each part declares its own proxies: proxyActivities issues no command, and every activity keeps
// the options it always had.
// No loop inside: one IPMI account per host, each refusal reported as a warning.
const lookups = (ctx: StageContext) => proxyActivities<StageActivities>(lookup(ctx.input.run));
// Inside: Fisheye job waits ride out transient poll errors; a VDS job of an earlier attempt is
// awaited, not repeated; host passwords run 4 hosts at a time, a retry finds them already set.
const jobs = (ctx: StageContext) =>
  proxyActivities<StageActivities>(
    remoteJob(ctx.input.run, { waitSeconds: ctx.input.run.timing.jobTimeoutSeconds }),
  );
const hostUuid = (ctx: StageContext, ip: string) => ctx.facts.hostUuids[ip] ?? '';

export async function fisheyeRootPart(ctx: StageContext): Promise<void> {
  const { plan, run } = ctx.input;
  const { initializeFisheye } = lookups(ctx);
  const root = await ctx.step('fisheye-root', () =>
    initializeFisheye({ run, hostIp: plan.hosts[0].managementIp, fisheye: plan.fisheye }),
  );
  ctx.tracker.addNote('configure-cluster', `Fisheye root ${root.rootUser}`);
}

/** Sets the VIP: every later Fisheye call of the bring-up goes to it. */
export async function clusterSettingsPart(ctx: StageContext): Promise<void> {
  const { plan, run } = ctx.input;
  const { configureClusterSettings } = jobs(ctx);
  await ctx.step('vip-dns-ntp', () =>
    configureClusterSettings({
      run,
      hostIp: plan.hosts[0].managementIp,
      vip: plan.vip,
      dnsServers: plan.dnsServers,
      ntpServers: plan.ntpServers,
      fisheye: plan.fisheye,
    }),
  );
}

export async function ipmiAccountsPart(ctx: StageContext): Promise<void> {
  const { plan, run } = ctx.input;
  const { configureIpmiAccounts } = lookups(ctx);
  const ipmi = await ctx.step('ipmi-accounts', () =>
    configureIpmiAccounts({
      run,
      vip: plan.vip,
      fisheye: plan.fisheye,
      hosts: plan.hosts.map((h) => ({
        hostname: h.hostname,
        hostUuid: hostUuid(ctx, h.managementIp),
        bmc: h.bmc,
      })),
    }),
  );
  for (const f of ipmi.failed)
    ctx.tracker.warn(`IPMI account of ${f.hostname} (BMC ${f.bmcIp}) not accepted: ${f.reason}`);
}

export async function businessNetworksPart(ctx: StageContext): Promise<void> {
  const { plan, run } = ctx.input;
  const { configureBusinessNetworks } = jobs(ctx);
  if (plan.networkArchitecture === 'converged')
    throw new Error('三网融合 is not supported (the plan validator rejects it)');
  const networks = await ctx.step('business-networks', () =>
    configureBusinessNetworks({
      run,
      vip: plan.vip,
      fisheye: plan.fisheye,
      networkArchitecture: plan.networkArchitecture as 'three-separate' | 'storage-separate',
      managementVdsName: plan.networks.management.vdsName,
      businessVds: plan.networks.businessVds,
      business: plan.networks.business.map((n) => ({ networkName: n.networkName, vlanId: n.vlanId })),
      hosts: plan.hosts.map((h) => ({ hostUuid: hostUuid(ctx, h.managementIp), storageIp: h.storageIp })),
    }),
  );
  ctx.tracker.created['business VDS'] =
    `${networks.vdsName} (${networks.vdsCreated ? 'created' : 'existing'}, ${networks.vlansCount} VLANs)`;
}

/** Over SSH with the post-deploy default: needs the deployed cluster, not Fisheye. */
export async function hostPasswordsPart(ctx: StageContext): Promise<void> {
  const { plan, run } = ctx.input;
  const { setHostPasswords } = jobs(ctx);
  const passwords = await ctx.step('host-passwords', () =>
    setHostPasswords({
      run,
      hosts: plan.hosts.map((h) => ({
        hostname: h.hostname,
        managementIp: h.managementIp,
        sshUser: h.ssh.user,
        password: h.ssh.password,
      })),
      concurrency: 4,
    }),
  );
  ctx.tracker.addNote(
    'configure-cluster',
    `passwords changed on ${passwords.changed.length}, already set on ${passwords.alreadySet.length}`,
  );
}

export async function vmToolsPart(ctx: StageContext): Promise<void> {
  const { input, tracker } = ctx;
  const { plan, run } = input;
  // Inside: each chunk is tried 3 times, then the SVT volume is recreated once.
  const { uploadVmTools } = proxyActivities<StageActivities>(
    bulkUpload(run, { hours: uploadHours(run.timing).package }),
  );
  const tools = await ctx.step('vmtools-upload', () =>
    uploadVmTools({ run, vip: plan.vip, fisheye: plan.fisheye, packageDir: input.files.packageDir }),
  );
  if (tools.status === 'no-file')
    tracker.warn('VMTools (SVT) ISO not found in the package directory: not uploaded');
  else tracker.created['VMTools ISO'] = `${tools.file ?? ''} (${tools.status})`;
}

export async function cpuCompatibilityPart(ctx: StageContext): Promise<void> {
  const { plan, run } = ctx.input;
  const { configureCpuCompatibility } = lookups(ctx);
  const cpu = await ctx.step('cpu-compatibility', () =>
    configureCpuCompatibility({ run, vip: plan.vip, fisheye: plan.fisheye }),
  );
  ctx.tracker.created['CPU compatibility'] = cpu.cpuModel;
}

export async function clusterSerialPart(ctx: StageContext): Promise<void> {
  const { input, tracker } = ctx;
  const { plan, run } = input;
  const { readClusterSerial, writeSerialsToWorkbook } = lookups(ctx);
  const { serial } = await ctx.step('cluster-serial', () =>
    readClusterSerial({ run, vip: plan.vip, fisheye: plan.fisheye }),
  );
  tracker.serials['cluster'] = serial;
  await ctx.step('write-back-serial', () =>
    writeSerialsToWorkbook({ planFile: input.planFile, serials: { cluster: serial } }),
  );
}
