// The optional components (OBS, Backup, and whatever OPTIONAL_COMPONENTS adds later): each asked
// for or decided by policy, then run as a child workflow whose failure stays its own. A new
// component needs only its entry in COMPONENT_CHILDREN (its address and its child-workflow call).
// Since 'component-child-holds-failure' a failed child stays open until the operator's retry reruns
// it or the run gives it up (child-protocol.ts), so its BringUpStage shows its latest outcome.
import {
  condition,
  isCancellation,
  patched,
  setHandler,
  startChild,
  workflowInfo,
  type ChildWorkflowHandle,
  type Workflow,
} from '@temporalio/workflow';
import type { BringUpInput } from '../../run/input.js';
import { plannedVmNetwork } from '../../plan/vm-network.js';
import {
  COMPONENT_STAGE,
  OPTIONAL_COMPONENTS,
  type OptionalComponent,
  type StageId,
} from '../../run/stages.js';
import { towerAccess } from '../../run/tower-access.js';
import { afterRetriesEnded, describeError } from '../describe-error.js';
import { netmaskOf, sameHostIn } from '../netmask.js';
import type { RunTracker } from '../run-tracker.js';
import { bringUpStageKey, clusterNameKey } from '../search-attributes.js';
import type { Decisions } from './approval.js';
import { backupWorkflow } from './backup.js';
import { componentDecisionSignal, componentFailedSignal, type ComponentFailure } from './child-protocol.js';
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
  ): Promise<ChildWorkflowHandle<Workflow>>;
}

type ChildOutcome = { ok: true; result: ComponentResult | TestLoadResult } | { ok: false; err: unknown };

/** A child that may be waiting, failed, for the parent's decision (child-protocol.ts). */
interface OpenChild {
  handle: ChildWorkflowHandle<Workflow>;
  /** Settles when the child closes; never rejects (nothing is left unhandled). */
  closed: Promise<ChildOutcome>;
  /** Its current attempt: 1, then one more for each `rerun`. */
  attempt: number;
}

const COMPONENT_CHILDREN: Record<OptionalComponent, ComponentChild> = {
  obs: {
    address: (input) => input.plan.obs.ip,
    label: 'Observability',
    start: (common, address, input, options) =>
      startChild(obsWorkflow, {
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
      return startChild(backupWorkflow, {
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
      startChild(testLoadWorkflow, { ...options, args: [testLoadInputOf(common, input.plan)] }),
  },
};

export class ComponentRuns {
  /** The test VMs stage 09 brought up (stage 10 runs in them). */
  testVms: TestVm[] = [];
  /** Children started with `holdOnFailure` that have not closed. */
  private readonly open: Partial<Record<OptionalComponent, OpenChild>> = {};
  /** The latest failure each held child reported, by its stage. */
  private readonly reported: Partial<Record<StageId, ComponentFailure>> = {};

  constructor(
    private readonly input: BringUpInput,
    private readonly tracker: RunTracker,
    private readonly decisions: Decisions,
  ) {
    setHandler(componentFailedSignal, (failure) => {
      this.reported[failure.stage] = failure;
    });
  }

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

  /**
   * One run of the component's child workflow. A retry starts a new run under the same id, or, since
   * 'component-child-holds-failure', tells the child still open after its failure to run again.
   */
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
      const outcome = await this.childOutcome(component, (hold) =>
        child.start(hold ? { ...common, holdOnFailure: true } : common, address, input, options),
      );
      if (!outcome.ok) throw outcome.err;
      const result = outcome.result;
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
      const reason = err instanceof HeldFailure ? err.message : describeError(err);
      tracker.failComponent(stage, `${stage}: ${afterRetriesEnded(reason)}`);
    } finally {
      // Branch schedule: the child's step is no longer current (no command; a no-op before it).
      tracker.branchEnded(stage);
    }
  }

  /**
   * The child's result, or its failure: a held child reports it and stays open (HeldFailure), an
   * older or fail-fast child closes failed. `start` is called only when no held child can rerun.
   */
  private async childOutcome(
    component: OptionalComponent,
    start: (holdOnFailure: boolean) => Promise<ChildWorkflowHandle<Workflow>>,
  ): Promise<ChildOutcome> {
    let open = this.open[component];
    if (open) {
      open.attempt++;
      const rerun = await open.handle.signal(componentDecisionSignal, 'rerun').then(
        () => true,
        (err: unknown) => {
          if (isCancellation(err)) throw err;
          return false; // closed meanwhile (terminated by hand): a new run below
        },
      );
      if (!rerun) open = undefined;
    }
    if (!open) {
      // Fail-fast runs never come back to a failed child: it closes failed at once, as before.
      if (this.input.onFailure === 'fail' || !patched('component-child-holds-failure'))
        return settle(await start(false));
      const handle = await start(true);
      open = { handle, closed: settle(handle), attempt: 1 };
      this.open[component] = open;
    }
    const stage = COMPONENT_STAGE[component];
    const attempt = open.attempt;
    const closed = open.closed;
    const outcome = await Promise.race([
      closed,
      condition(() => (this.reported[stage]?.attempt ?? 0) >= attempt).then(() => undefined),
    ]);
    if (outcome) {
      delete this.open[component];
      return outcome;
    }
    return { ok: false, err: new HeldFailure(this.reported[stage]!.message) };
  }

  /**
   * Closes the children still waiting after their failure (the run will not rerun them): each
   * ends failed and keeps `failed:<stage>`. No command when none waits (runs before the patch).
   */
  async giveUp(components: Iterable<OptionalComponent> = OPTIONAL_COMPONENTS): Promise<void> {
    const waiting = [...components].flatMap((c) => {
      const open = this.open[c];
      if (!open) return [];
      delete this.open[c];
      return [open];
    });
    await Promise.all(
      waiting.map(async (open) => {
        // A child closed meanwhile (terminated by hand) cannot take the signal; it is closed anyway.
        await open.handle.signal(componentDecisionSignal, 'give-up').catch(() => undefined);
        await open.closed;
      }),
    );
  }

  /** After the parent's cancellation: its waiting children are being cancelled; let them end first. */
  async cancelled(): Promise<void> {
    await Promise.all(Object.values(this.open).map((open) => open.closed));
  }
}

/** A held child's reported failure: its message is already the innermost one. */
class HeldFailure extends Error {}

function settle(handle: ChildWorkflowHandle<Workflow>): Promise<ChildOutcome> {
  return handle.result().then(
    (result) => ({ ok: true, result: result as ComponentResult | TestLoadResult }),
    (err: unknown) => ({ ok: false, err }),
  );
}
