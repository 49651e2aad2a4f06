import { patched, proxyActivities } from '@temporalio/workflow';
import type { DeployCloudTowerActivities } from '../../activities/deploy-cloudtower/index.js';
import type { WorkbookActivities } from '../../activities/workbook/index.js';
import { plannedVmNetwork } from '../../plan/vm-network.js';
import { netmaskOf } from '../netmask.js';
import { uploadHours } from '../../run/timing.js';
import { towerAccess } from '../../run/tower-access.js';
import { bulkUpload, lookup, remoteJob } from '../activity-options.js';
import type { StageContext } from './context.js';

/** Stage 4's activities: its folder's, and the serial's write-back into the workbook. */
type StageActivities = DeployCloudTowerActivities & WorkbookActivities;

/** The CloudTower VM's name; seed 003 creates it as `cloudtower`. */
export const CLOUDTOWER_VM_NAME = 'cloudtower';

/** Stage 4: ISO upload, VM, OS install, network, CloudTower installer, root/org/NTP/DNS, serial. */
export async function deployCloudTowerStage(ctx: StageContext): Promise<void> {
  // The VM network is checked (and a row-5 network created) before the hours-long ISO upload, so a
  // VLAN mismatch stops the run early. Histories recorded before this ran it after the upload.
  const placementFirst = patched('vm-placement-before-iso-upload');
  if (placementFirst) await cloudTowerPlacementPart(ctx);
  await cloudTowerIsoPart(ctx);
  if (!placementFirst) await cloudTowerPlacementPart(ctx);
  await cloudTowerVmPart(ctx);
}

const managementOf = (ctx: StageContext) =>
  ctx.input.plan.networks.extraManagement ?? ctx.input.plan.networks.management;

/** The VM network (a row-5 network created when missing) and the storage policy the VM goes on. */
export async function cloudTowerPlacementPart(ctx: StageContext): Promise<void> {
  const { plan, run } = ctx.input;
  // No loops inside; what a crashed attempt created (VLAN) is looked up once more.
  const { findCloudTowerVmPlacement } = proxyActivities<StageActivities>(lookup(run));
  ctx.facts.placement = await ctx.step('vm-placement', () =>
    findCloudTowerVmPlacement({
      run,
      vip: plan.vip,
      fisheye: plan.fisheye,
      managementVdsName: plan.networks.management.vdsName,
      managementNetworkName: managementOf(ctx).networkName,
      // The VLAN the plan wants the VM on; row 5 is created when missing (docs/decisions.md).
      vmNetwork: plannedVmNetwork(plan),
    }),
  );
}

/** Finds the CloudTower ISO in the package directory (the worker's files, no remote call). */
export async function cloudTowerIsoLocatePart(ctx: StageContext): Promise<void> {
  const { locateCloudTowerIso } = proxyActivities<StageActivities>(lookup(ctx.input.run));
  ctx.facts.iso = await ctx.step('locate-iso', () =>
    locateCloudTowerIso({ packageDir: ctx.input.files.packageDir }),
  );
}

/**
 * The ISO found, then uploaded: what every retry of the branch reruns (the sequential order, and
 * runs recorded before `locate-iso-beside-placement`).
 */
export async function cloudTowerIsoPart(ctx: StageContext): Promise<void> {
  await cloudTowerIsoLocatePart(ctx);
  await cloudTowerIsoUploadPart(ctx);
}

/** The ISO cloudTowerIsoLocatePart found, into the cluster's image store (hours over a slow site link). */
export async function cloudTowerIsoUploadPart(ctx: StageContext): Promise<void> {
  const { input, tracker, facts } = ctx;
  const { plan, run } = input;
  // Inside: each chunk is tried 3 times, then the upload volume is recreated once; a retry resumes
  // from the server's to_upload.
  const { uploadCloudTowerIso } = proxyActivities<StageActivities>(
    bulkUpload(run, { hours: uploadHours(run.timing).iso }),
  );
  const iso = facts.iso!;
  const image = await ctx.step('upload-iso', () =>
    uploadCloudTowerIso({ run, vip: plan.vip, fisheye: plan.fisheye, iso }),
  );
  facts.imagePath = image.imagePath;
  tracker.created['CloudTower ISO'] =
    `${iso.name} (${image.reused ? 'reused' : 'uploaded'}, image ${image.imageUuid})`;
  if (image.volumeRecreated)
    tracker.warn('CloudTower ISO upload: a chunk kept failing, the upload volume was recreated once');
}

/** The VM from the uploaded ISO and the placement, then the OS, the installer and the first settings. */
export async function cloudTowerVmPart(ctx: StageContext): Promise<void> {
  await cloudTowerInstallPart(ctx);
  await cloudTowerSettingsPart(ctx);
}

/**
 * The VM, its OS and network, the installer, then root user, organization and NTP: what attaching
 * the cluster needs (a CloudTower one can log in to, with the organization the datacenter goes in).
 */
export async function cloudTowerInstallPart(ctx: StageContext): Promise<void> {
  const { input, tracker, facts } = ctx;
  const { plan, run } = input;
  const timing = run.timing;
  // No loops inside; what a crashed attempt created (organization) is looked up once more.
  const { setupCloudTower } = proxyActivities<StageActivities>(lookup(run));
  // Inside: the VM and network jobs of an earlier attempt are awaited, not posted again; the
  // HTTPS check tries port 443 `httpsCheckTries` times, `httpsCheckPauseSeconds` apart.
  const { createCloudTowerVm, configureCloudTowerVmNetwork, waitForCloudTowerHttps } =
    proxyActivities<StageActivities>(remoteJob(run, { waitSeconds: timing.jobTimeoutSeconds }));
  // Inside: polls the guest agent until the OS install is done (transient errors ride along).
  const { waitForCloudTowerGuestAgent } = proxyActivities<StageActivities>(
    remoteJob(run, { waitSeconds: timing.guestAgentTimeoutSeconds }),
  );
  // Inside: a dead installer is restarted up to 2 times per attempt; SSH commands retried once.
  const { installCloudTower } = proxyActivities<StageActivities>(
    remoteJob(run, { waitSeconds: timing.installerTimeoutSeconds }),
  );
  const fisheye = plan.fisheye;
  const vip = plan.vip;
  const tower = towerAccess(input);
  const towerIp = tower.cloudtowerIp;
  const mgmt = managementOf(ctx);
  const placement = facts.placement!;
  const imagePath = facts.imagePath!;

  const vm = await ctx.step('create-vm', () =>
    createCloudTowerVm({ run, vip, fisheye, vmName: CLOUDTOWER_VM_NAME, imagePath, placement }),
  );
  facts.vmUuid = vm.vmUuid;
  tracker.created['CloudTower VM'] =
    `${CLOUDTOWER_VM_NAME} ${vm.vmUuid} (${vm.created ? 'created' : 'existing'})`;

  await ctx.step('wait-guest-agent', () =>
    waitForCloudTowerGuestAgent({ run, vip, fisheye, vmUuid: vm.vmUuid }),
  );
  await ctx.step('vm-network', () =>
    configureCloudTowerVmNetwork({
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
  const install = await ctx.step('install', () => installCloudTower({ run, cloudtowerIp: towerIp }));
  tracker.notes['deploy-cloudtower'] = `installer ${install.status}`;
  await ctx.step('check-https', () => waitForCloudTowerHttps({ run, cloudtowerIp: towerIp }));
  const setup = await ctx.step('root-org-ntp', () =>
    setupCloudTower({ ...tower, organization: plan.organization, ntpServers: plan.ntpServers }),
  );
  setup.warnings.forEach((w) => tracker.warn(w));
  tracker.created['organization'] =
    `${plan.organization} (${setup.organizationCreated ? 'created' : 'existing'})`;
}

/** CloudTower's DNS servers and its serial (read, and written into the workbook): nothing attach needs. */
export async function cloudTowerSettingsPart(ctx: StageContext): Promise<void> {
  const { input, tracker } = ctx;
  const { plan, run } = input;
  const { configureCloudTowerDns, readCloudTowerSerial, writeSerialsToWorkbook } =
    proxyActivities<StageActivities>(lookup(run));
  const tower = towerAccess(input);
  const towerIp = tower.cloudtowerIp;
  await ctx.step('dns', () =>
    configureCloudTowerDns({ run, cloudtowerIp: towerIp, dnsServers: plan.dnsServers }),
  );
  const { serial } = await ctx.step('serial', () => readCloudTowerSerial(tower));
  tracker.serials['CloudTower'] = serial;
  tracker.addresses['CloudTower'] = `https://${towerIp}`;
  await ctx.step('write-back-serial', () =>
    writeSerialsToWorkbook({ planFile: input.planFile, serials: { cloudtower: serial } }),
  );
}
