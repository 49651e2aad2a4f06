import { patched, proxyActivities } from '@temporalio/workflow';
import type * as activities from '../../activities/index.js';
import { plannedVmNetwork } from '../../plan/vm-network.js';
import { netmaskOf } from '../netmask.js';
import { pollingCallOptions, quickCallOptions, type StageContext } from './context.js';

/** The CloudTower VM's name; seed 003 creates it as `cloudtower`. */
export const CLOUDTOWER_VM_NAME = 'cloudtower';

/** Stage 4: ISO upload, VM, OS install, network, CloudTower installer, root/org/NTP/DNS, serial. */
export async function deployCloudTowerStage(ctx: StageContext): Promise<void> {
  const { input, tracker, facts } = ctx;
  const { plan, run } = input;
  const timing = run.timing;
  const quick = proxyActivities<typeof activities>(quickCallOptions(run));
  const jobs = proxyActivities<typeof activities>(pollingCallOptions(run, timing.jobTimeoutSeconds));
  // An 8 GB upload over a site link can take hours; progress is heartbeated per chunk and a
  // retry resumes from the server's to_upload, so attempts are cheap and only time bounds them.
  const upload = proxyActivities<typeof activities>(pollingCallOptions(run, 4 * 3600));
  const guest = proxyActivities<typeof activities>(pollingCallOptions(run, timing.guestAgentTimeoutSeconds));
  const installer = proxyActivities<typeof activities>(
    pollingCallOptions(run, timing.installerTimeoutSeconds),
  );
  const fisheye = plan.fisheye;
  const vip = plan.vip;
  const towerIp = plan.cloudtower.ip;
  const mgmt = plan.networks.extraManagement ?? plan.networks.management;

  const findPlacement = () =>
    ctx.step('deploy-cloudtower', 'vm-placement', () =>
      quick.findCloudTowerVmPlacement({
        run,
        vip,
        fisheye,
        managementVdsName: plan.networks.management.vdsName,
        managementNetworkName: mgmt.networkName,
        // The VLAN the plan wants the VM on; row 5 is created when missing (docs/decisions.md).
        vmNetwork: plannedVmNetwork(plan),
      }),
    );
  // The VM network is checked (and a row-5 network created) before the hours-long ISO upload, so a
  // VLAN mismatch stops the run early. Histories recorded before this ran it after the upload.
  const placementFirst = patched('vm-placement-before-iso-upload');
  let placement = placementFirst ? await findPlacement() : undefined;

  const iso = await ctx.step('deploy-cloudtower', 'locate-iso', () =>
    quick.locateCloudTowerIso({ packageDir: input.files.packageDir }),
  );
  const image = await ctx.step('deploy-cloudtower', 'upload-iso', () =>
    upload.uploadCloudTowerIso({ run, vip, fisheye, iso }),
  );
  facts.imagePath = image.imagePath;
  tracker.created['CloudTower ISO'] =
    `${iso.name} (${image.reused ? 'reused' : 'uploaded'}, image ${image.imageUuid})`;
  if (image.volumeRecreated)
    tracker.warn('CloudTower ISO upload: a chunk kept failing, the upload volume was recreated once');

  placement ??= await findPlacement();
  facts.placement = placement;
  const vm = await ctx.step('deploy-cloudtower', 'create-vm', () =>
    jobs.createCloudTowerVm({
      run,
      vip,
      fisheye,
      vmName: CLOUDTOWER_VM_NAME,
      imagePath: image.imagePath,
      placement,
    }),
  );
  facts.vmUuid = vm.vmUuid;
  tracker.created['CloudTower VM'] =
    `${CLOUDTOWER_VM_NAME} ${vm.vmUuid} (${vm.created ? 'created' : 'existing'})`;

  await ctx.step('deploy-cloudtower', 'wait-guest-agent', () =>
    guest.waitForCloudTowerGuestAgent({ run, vip, fisheye, vmUuid: vm.vmUuid }),
  );
  await ctx.step('deploy-cloudtower', 'vm-network', () =>
    jobs.configureCloudTowerVmNetwork({
      run,
      vip,
      fisheye,
      vmUuid: vm.vmUuid,
      placement,
      ip: towerIp,
      subnetMask: netmaskOf(mgmt.subnet),
      gateway: mgmt.gateway,
    }),
  );
  const install = await ctx.step('deploy-cloudtower', 'install', () =>
    installer.installCloudTower({ run, cloudtowerIp: towerIp }),
  );
  tracker.notes['deploy-cloudtower'] = `installer ${install.status}`;
  await ctx.step('deploy-cloudtower', 'check-https', () =>
    jobs.waitForCloudTowerHttps({ run, cloudtowerIp: towerIp }),
  );
  const setup = await ctx.step('deploy-cloudtower', 'root-org-ntp', () =>
    quick.setupCloudTower({
      run,
      cloudtowerIp: towerIp,
      organization: plan.organization,
      ntpServers: plan.ntpServers,
      rootPassword: plan.cloudtower.rootPassword,
    }),
  );
  setup.warnings.forEach((w) => tracker.warn(w));
  tracker.created['organization'] =
    `${plan.organization} (${setup.organizationCreated ? 'created' : 'existing'})`;
  await ctx.step('deploy-cloudtower', 'dns', () =>
    quick.configureCloudTowerDns({ run, cloudtowerIp: towerIp, dnsServers: plan.dnsServers }),
  );
  const { serial } = await ctx.step('deploy-cloudtower', 'serial', () =>
    quick.readCloudTowerSerial({ run, cloudtowerIp: towerIp, rootPassword: plan.cloudtower.rootPassword }),
  );
  tracker.serials['CloudTower'] = serial;
  tracker.addresses['CloudTower'] = `https://${towerIp}`;
  await ctx.step('deploy-cloudtower', 'write-back-serial', () =>
    quick.writeSerialsToWorkbook({ planFile: input.planFile, serials: { cloudtower: serial } }),
  );
}
