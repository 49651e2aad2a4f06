import { proxyActivities } from '@temporalio/workflow';
import type * as activities from '../../activities/index.js';
import { pollingCallOptions, quickCallOptions, type StageContext } from './context.js';

/** Stage 3: Fisheye root and login, VIP/DNS/NTP, IPMI, business networks, host passwords, VMTools, CPU compatibility, serial. */
export async function configureClusterStage(ctx: StageContext): Promise<void> {
  const { input, tracker, facts } = ctx;
  const { plan, run } = input;
  const quick = proxyActivities<typeof activities>(quickCallOptions(run));
  const polling = proxyActivities<typeof activities>(pollingCallOptions(run, run.timing.jobTimeoutSeconds));
  const upload = proxyActivities<typeof activities>(pollingCallOptions(run, 3 * 3600));
  const fisheye = plan.fisheye;
  const firstHost = plan.hosts[0].managementIp;
  const vip = plan.vip;
  const hostUuid = (ip: string) => facts.hostUuids[ip] ?? '';

  const root = await ctx.step('configure-cluster', 'fisheye-root', () =>
    quick.initializeFisheye({ run, hostIp: firstHost, fisheye }),
  );
  tracker.notes['configure-cluster'] = `Fisheye root ${root.rootUser}`;

  await ctx.step('configure-cluster', 'vip-dns-ntp', () =>
    polling.configureClusterSettings({
      run,
      hostIp: firstHost,
      vip,
      dnsServers: plan.dnsServers,
      ntpServers: plan.ntpServers,
      fisheye,
    }),
  );

  const ipmi = await ctx.step('configure-cluster', 'ipmi-accounts', () =>
    quick.configureIpmiAccounts({
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
  const networks = await ctx.step('configure-cluster', 'business-networks', () =>
    polling.configureBusinessNetworks({
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

  const passwords = await ctx.step('configure-cluster', 'host-passwords', () =>
    polling.setHostPasswords({
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

  const tools = await ctx.step('configure-cluster', 'vmtools-upload', () =>
    upload.uploadVmTools({ run, vip, fisheye, packageDir: input.files.packageDir }),
  );
  if (tools.status === 'no-file')
    tracker.warn('VMTools (SVT) ISO not found in the package directory: not uploaded');
  else tracker.created['VMTools ISO'] = `${tools.file ?? ''} (${tools.status})`;

  const cpu = await ctx.step('configure-cluster', 'cpu-compatibility', () =>
    quick.configureCpuCompatibility({ run, vip, fisheye }),
  );
  tracker.created['CPU compatibility'] = cpu.cpuModel;

  const { serial } = await ctx.step('configure-cluster', 'cluster-serial', () =>
    quick.readClusterSerial({ run, vip, fisheye }),
  );
  tracker.serials['cluster'] = serial;
  await ctx.step('configure-cluster', 'write-back-serial', () =>
    quick.writeSerialsToWorkbook({ planFile: input.planFile, serials: { cluster: serial } }),
  );
}
