import { proxyActivities } from '@temporalio/workflow';
import type { TestLoadActivities } from '../../activities/test-load/index.js';
import { coded } from '../../i18n/coded.js';
import { MANAGEMENT_SHEET, SHEETS } from '../../plan/layout.js';
import { TEST_VM_ROLES, type TestVmRole } from '../../plan/test-vm-roles.js';
import { netmaskOf } from '../netmask.js';
import { uploadHours } from '../../run/timing.js';
import { pickTowerAccess } from '../../run/tower-access.js';
import { bulkUpload, remoteJob } from '../activity-options.js';
import { withStageAttribute, type ComponentInput } from './component-steps.js';
import type { ComponentResult } from './result.js';

/** The network the test VMs go on: the planned network whose subnet holds the test range. */
export interface TestNetwork {
  name: string;
  vlanId: number;
  subnetMask: string;
  gateway?: string;
}

export interface TestLoadInput extends ComponentInput {
  clusterName: string;
  testNetwork: TestNetwork;
  /** One free address of the test range per role (plan/test-range.ts), in TEST_VM_ROLES order. */
  addresses: Partial<Record<TestVmRole, string>>;
}

/** A test VM that is up and answers SSH. */
export interface TestVm {
  role: TestVmRole;
  vmName: string;
  vmId: string;
  ip: string;
  hostname: string;
}

export interface TestLoadResult extends ComponentResult {
  testVms: TestVm[];
  /** What was left out and why (missing image, no address), for the stage's note. */
  notes: string[];
}

/**
 * Stage 09 as a child workflow, like OBS and Backup: the PAT and FIO test VMs, each imported from
 * its OVF/OVA image, attached to the test network with its address from the test range, started
 * and reached over SSH. A missing image leaves its VM out with a note; the cluster is never touched
 * beyond creating these VMs. Stage 10 runs in the parent on the VMs this returns.
 */
export async function testLoadWorkflow(input: TestLoadInput): Promise<TestLoadResult> {
  return withStageAttribute('test-load', input, () => testLoadSteps(input));
}

async function testLoadSteps(input: TestLoadInput): Promise<TestLoadResult> {
  const { run } = input;
  const { locateTestVmPackages } = proxyActivities<TestLoadActivities>(
    remoteJob(run, { waitSeconds: run.timing.jobTimeoutSeconds }),
  );
  // Chunks resume from what CloudTower already has (get-upload-tasks).
  const { uploadTestVmImage } = proxyActivities<TestLoadActivities>(
    bulkUpload(run, { hours: uploadHours(run.timing).package }),
  );
  // Each polls a CloudTower task, the power state, or the guest's SSH up to a job's wait.
  const { createTestVm, startTestVm, waitForTestVmSsh } = proxyActivities<TestLoadActivities>(
    remoteJob(run, { waitSeconds: run.timing.jobTimeoutSeconds }),
  );
  const tower = pickTowerAccess(input);
  const created: Record<string, string> = {};
  const warnings: string[] = [];
  const testVms: TestVm[] = [];

  const found = await locateTestVmPackages({ packageDir: input.packageDir });
  const notes = [...found.notes];
  for (const pkg of found.packages) {
    const ip = input.addresses[pkg.role];
    const label = pkg.role.toUpperCase();
    if (!ip) {
      notes.push(
        coded('note.testVmNoFreeIp', {
          label,
          cells: `${SHEETS.management}!${MANAGEMENT_SHEET.testRangeStart}–${MANAGEMENT_SHEET.testRangeEnd}`,
        }),
      );
      continue;
    }
    const image = await uploadTestVmImage({ ...tower, clusterVip: input.clusterVip, pkg });
    const vmName = `${input.clusterName}-${pkg.role}-test`;
    const vm = await createTestVm({
      ...tower,
      clusterVip: input.clusterVip,
      vmName,
      pkg,
      uploadTaskId: image.uploadTaskId,
      network: input.testNetwork,
      ip,
    });
    await startTestVm({ ...tower, vmId: vm.vmId, vmName });
    const { hostname } = await waitForTestVmSsh({ run, vmName, ip });
    created[`${label} test VM`] =
      `${vmName} at ${ip} (${vm.created ? 'created' : 'existing'}, image ${image.status})`;
    testVms.push({ role: pkg.role, vmName, vmId: vm.vmId, ip, hostname });
  }
  notes.forEach((n) => warnings.push(`test load: ${n}`));
  return { created, warnings, address: testVms.map((v) => v.ip).join(', '), testVms, notes };
}

/** The child's input from the components' common input and the plan's test range (checked by componentAddress). */
export function testLoadInputOf(
  common: ComponentInput,
  plan: {
    clusterName: string;
    testIpRange?: {
      network?: { networkName: string; vlanId: number; subnet: string; gateway?: string };
      addresses?: string[];
    };
  },
): TestLoadInput {
  const range = plan.testIpRange!;
  const net = range.network!;
  const addresses: Partial<Record<TestVmRole, string>> = {};
  TEST_VM_ROLES.forEach((role, i) => {
    const ip = range.addresses?.[i];
    if (ip) addresses[role] = ip;
  });
  return {
    ...common,
    clusterName: plan.clusterName,
    testNetwork: {
      name: net.networkName,
      vlanId: net.vlanId,
      subnetMask: netmaskOf(net.subnet),
      gateway: net.gateway,
    },
    addresses,
  };
}
