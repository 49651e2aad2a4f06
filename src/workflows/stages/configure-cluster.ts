import { proxyActivities } from '@temporalio/workflow';
import type * as activities from '../../activities/index.js';
import { bulkUpload, lookup, remoteJob } from '../activity-options.js';
import { uploadHours } from '../../run/timing.js';
import type { StageContext } from './context.js';

/** Stage 3: Fisheye root and login, VIP/DNS/NTP, IPMI, business networks, host passwords, VMTools, CPU compatibility, serial. */
export async function configureClusterStage(ctx: StageContext): Promise<void> {
  const { input, tracker, facts } = ctx;
  const { plan, run } = input;
  // No loop inside: one IPMI account per host, each refusal reported as a warning.
  const {
    initializeFisheye,
    configureIpmiAccounts,
    configureCpuCompatibility,
    readClusterSerial,
    writeSerialsToWorkbook,
  } = proxyActivities<typeof activities>(lookup(run));
  // Inside: Fisheye job waits ride out transient poll errors; a VDS job of an earlier attempt is
  // awaited, not repeated; host passwords run 4 hosts at a time, a retry finds them already set.
  const { configureClusterSettings, configureBusinessNetworks, setHostPasswords } = proxyActivities<
    typeof activities
  >(remoteJob(run, { waitSeconds: run.timing.jobTimeoutSeconds }));
  // Inside: each chunk is tried 3 times, then the SVT volume is recreated once.
  const { uploadVmTools } = proxyActivities<typeof activities>(
    bulkUpload(run, { hours: uploadHours(run.timing).package }),
  );
  const fisheye = plan.fisheye;
  const firstHost = plan.hosts[0].managementIp;
  const vip = plan.vip;
  const hostUuid = (ip: string) => facts.hostUuids[ip] ?? '';

  const root = await ctx.step('fisheye-root', () => initializeFisheye({ run, hostIp: firstHost, fisheye }));
  tracker.notes['configure-cluster'] = `Fisheye root ${root.rootUser}`;

  await ctx.step('vip-dns-ntp', () =>
    configureClusterSettings({
      run,
      hostIp: firstHost,
      vip,
      dnsServers: plan.dnsServers,
      ntpServers: plan.ntpServers,
      fisheye,
    }),
  );

  const ipmi = await ctx.step('ipmi-accounts', () =>
    configureIpmiAccounts({
      run,
      vip,
      fisheye,
      hosts: plan.hosts.map((h) => ({
        hostname: h.hostname,
        hostUuid: hostUuid(h.managementIp),
        bmc: h.bmc,
      })),
    }),
  );
  for (const f of ipmi.failed)
    tracker.warn(`IPMI account of ${f.hostname} (BMC ${f.bmcIp}) not accepted: ${f.reason}`);

  if (plan.networkArchitecture === 'converged')
    throw new Error('三网融合 is not supported (the plan validator rejects it)');
  const networks = await ctx.step('business-networks', () =>
    configureBusinessNetworks({
      run,
      vip,
      fisheye,
      networkArchitecture: plan.networkArchitecture as 'three-separate' | 'storage-separate',
      managementVdsName: plan.networks.management.vdsName,
      businessVds: plan.networks.businessVds,
      business: plan.networks.business.map((n) => ({ networkName: n.networkName, vlanId: n.vlanId })),
      hosts: plan.hosts.map((h) => ({ hostUuid: hostUuid(h.managementIp), storageIp: h.storageIp })),
    }),
  );
  tracker.created['business VDS'] =
    `${networks.vdsName} (${networks.vdsCreated ? 'created' : 'existing'}, ${networks.vlansCount} VLANs)`;

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
  tracker.notes['configure-cluster'] +=
    `; passwords changed on ${passwords.changed.length}, already set on ${passwords.alreadySet.length}`;

  const tools = await ctx.step('vmtools-upload', () =>
    uploadVmTools({ run, vip, fisheye, packageDir: input.files.packageDir }),
  );
  if (tools.status === 'no-file')
    tracker.warn('VMTools (SVT) ISO not found in the package directory: not uploaded');
  else tracker.created['VMTools ISO'] = `${tools.file ?? ''} (${tools.status})`;

  const cpu = await ctx.step('cpu-compatibility', () => configureCpuCompatibility({ run, vip, fisheye }));
  tracker.created['CPU compatibility'] = cpu.cpuModel;

  const { serial } = await ctx.step('cluster-serial', () => readClusterSerial({ run, vip, fisheye }));
  tracker.serials['cluster'] = serial;
  await ctx.step('write-back-serial', () =>
    writeSerialsToWorkbook({ planFile: input.planFile, serials: { cluster: serial } }),
  );
}
