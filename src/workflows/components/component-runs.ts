// The optional components (OBS, Backup, and whatever OPTIONAL_COMPONENTS adds later): each asked
// for or decided by policy, then run as a child workflow whose failure stays its own. A new
// component needs only its entry in COMPONENT_CHILDREN (its address and its child-workflow call).
import { executeChild, isCancellation, workflowInfo } from '@temporalio/workflow';
import type { BringUpInput } from '../../run/input.js';
import { plannedVmNetwork } from '../../plan/vm-network.js';
import { COMPONENT_STAGE, type OptionalComponent } from '../../run/stages.js';
import { towerAccess } from '../../run/tower-access.js';
import { afterRetriesEnded, describeError } from '../describe-error.js';
import { netmaskOf, sameHostIn } from '../netmask.js';
import type { RunTracker } from '../run-tracker.js';
import { bringUpStageKey, clusterNameKey } from '../search-attributes.js';
import type { Decisions } from './approval.js';
import { backupWorkflow } from './backup.js';
import type { ComponentInput } from './component-steps.js';
import { obsWorkflow } from './obs.js';
import type { ComponentResult } from './result.js';
import { testLoadInputOf, testLoadWorkflow, type TestLoadResult, type TestVm } from './test-load.js';

type ChildOptions = {
  workflowId: string;
  typedSearchAttributes: { key: typeof clusterNameKey; value: string }[];
};

interface ComponentChild {
  /** Where the component goes (absent: the workbook plans none, the stage is skipped). */
  address(input: BringUpInput): string | undefined;
  /** Its name in the summary's serials and addresses. */
  label: string;
  start(
    common: ComponentInput,
    address: string,
    input: BringUpInput,
    options: ChildOptions,
  ): Promise<ComponentResult | TestLoadResult>;
}

const COMPONENT_CHILDREN: Record<OptionalComponent, ComponentChild> = {
  obs: {
    address: (input) => input.plan.obs.ip,
    label: 'Observability',
    start: (common, address, input, options) =>
      executeChild(obsWorkflow, {
        ...options,
        args: [{ ...common, obsIp: address, ntpServers: input.plan.ntpServers }],
      }),
  },
  backup: {
    address: (input) => input.plan.backup.ip,
    label: 'Backup',
    start: (common, address, input, options) => {
      const mgmt = input.plan.networks.extraManagement ?? input.plan.networks.management;
      const storage = input.plan.networks.storage;
      return executeChild(backupWorkflow, {
        ...options,
        args: [
          {
            ...common,
            backupIp: address,
            storageIp: sameHostIn(address, mgmt.subnet, storage.subnet),
            storageSubnetMask: netmaskOf(storage.subnet),
            storageVdsName: storage.vdsName,
            storageNetwork: { name: `${storage.networkName}-backup`, vlanId: storage.vlanId },
          },
        ],
      });
    },
  },
  // Stage 09: needs the test range's network and free addresses (plan/test-range.ts).
  testload: {
    address: ({ plan }) =>
      plan.testIpRange?.network && plan.testIpRange.addresses?.length ? plan.testIpRange.start : undefined,
    label: 'Test VMs',
    start: (common, _address, input, options) =>
      executeChild(testLoadWorkflow, { ...options, args: [testLoadInputOf(common, input.plan)] }),
  },
};

export class ComponentRuns {
  /** The test VMs stage 09 brought up (stage 10 runs in them). */
  testVms: TestVm[] = [];

  constructor(
    private readonly input: BringUpInput,
    private readonly tracker: RunTracker,
    private readonly decisions: Decisions,
  ) {}

  async run(component: OptionalComponent): Promise<void> {
    const { input, tracker } = this;
    const stage = COMPONENT_STAGE[component];
    if (!COMPONENT_CHILDREN[component].address(input)) {
      tracker.finishStage(stage, 'skipped', 'no address for it in the workbook');
      tracker.refreshPhase();
      return;
    }
    const { decision, how } = await this.decisions.decide(component, stage, input, tracker);
    if (decision === 'skip') {
      tracker.finishStage(stage, 'skipped', `skipped (${how})`);
      tracker.refreshPhase();
      return;
    }
    await this.runChild(component, how);
  }

  /** One run of the component's child workflow (a retry starts a new run under the same id). */
  async runChild(component: OptionalComponent, how: string): Promise<void> {
    const { input, tracker } = this;
    const plan = input.plan;
    const stage = COMPONENT_STAGE[component];
    const child = COMPONENT_CHILDREN[component];
    const address = child.address(input)!;
    tracker.startStage(stage);
    tracker.step(stage, `child workflow ${component}`);
    const mgmt = plan.networks.extraManagement ?? plan.networks.management;
    const vmNetwork = plannedVmNetwork(plan);
    const common: ComponentInput = {
      ...towerAccess(input),
      packageDir: input.files.packageDir,
      planFile: input.planFile,
      clusterVip: plan.vip,
      network: {
        subnetMask: netmaskOf(mgmt.subnet),
        gateway: mgmt.gateway,
        // The VM network the CloudTower VM was placed on (docs/decisions.md): same VLAN for OBS/Backup.
        vmNetwork: { name: vmNetwork.name, vlanId: vmNetwork.vlanId },
      },
    };
    // The child is found by cluster like its parent (list, Web UI); it moves its own BringUpStage on.
    const options = {
      workflowId: `${workflowInfo().workflowId}/${component}`,
      typedSearchAttributes: [
        { key: clusterNameKey, value: plan.clusterName },
        { key: bringUpStageKey, value: stage },
      ],
    };
    try {
      const result = await child.start(common, address, input, options);
      let note = how;
      if ('testVms' in result) {
        this.testVms = result.testVms;
        note = [how, ...result.notes].join('; ');
      }
      Object.assign(tracker.created, result.created);
      result.warnings.forEach((w) => tracker.warn(w));
      if (result.serial) tracker.serials[child.label] = result.serial;
      if (result.address) tracker.addresses[child.label] = result.address;
      tracker.finishStage(stage, 'done', note);
    } catch (err) {
      if (isCancellation(err)) throw err;
      // The cluster and CloudTower stay as they are; the component is reported as failed, not hidden.
      tracker.failComponent(stage, `${stage}: ${afterRetriesEnded(describeError(err))}`);
    } finally {
      // Branch schedule: the child's step is no longer current (no command; a no-op before it).
      tracker.branchEnded(stage);
    }
  }
}
