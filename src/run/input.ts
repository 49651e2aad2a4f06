import type { RunPlan } from './run-plan.js';
import type { TimingProfile } from './timing.js';
import type { OptionalComponent, StageId } from './stages.js';

/**
 * How activities reach the plan's addresses. `map`: only through the endpoint map file, failing
 * closed (tests, demo, rehearsals). `direct`: the plan's addresses as they are — only on site,
 * chosen explicitly by the operator with `--direct`.
 */
export type ConnectMode = { mode: 'map'; endpointMapFile: string } | { mode: 'direct' };

/** What every activity needs besides its own arguments. */
export interface RunContext {
  connect: ConnectMode;
  timing: TimingProfile;
}

export type ComponentPolicy = 'auto' | 'ask' | 'skip';

export interface BringUpInput {
  plan: RunPlan;
  /** The workbook on the worker's machine; serials are written back into it. */
  planFile?: string;
  run: RunContext;
  files: {
    /** Where `cloudtower-*.iso`, the VMTools ISO and the OBS/Backup packages are. */
    packageDir: string;
    /** Where reports (inspection zip) of this run go. */
    artifactsDir: string;
  };
  components: Record<Exclude<OptionalComponent, 'testload'>, ComponentPolicy> & {
    /** Stage 09 test load (and stage 10 after it); runs started before it had none: skip. */
    testload?: ComponentPolicy;
    approvalTimeoutSeconds?: number;
    /** What to do when nobody decided in time (default: skip). */
    onApprovalTimeout?: 'skip' | 'approve';
    /**
     * How long a run whose optional component failed stays open for the operator's `retry`
     * before it ends "completed with failures" (default: the timing's approval timeout).
     */
    retryWindowSeconds?: number;
  };
  /**
   * The workbook's warnings as `start` printed them (sheet!cell: message, no values of secrets): the
   * run's warnings begin with them, so the summary and report keep e.g. a password left at its default.
   */
  planWarnings?: string[];
  /** Stop successfully after this stage (tests of part 1, staged site work). */
  stopAfter?: StageId;
  /** Stage 11 keeps the test VMs of the test load instead of deleting them (`--keep-test-vms`). */
  keepTestVms?: boolean;
  /**
   * A failed stage normally keeps the run open until the operator sends `retry`; `fail` ends the
   * run instead (CI, tests of failure paths).
   */
  onFailure?: 'wait-for-retry' | 'fail';
  /**
   * `overlapped` (the default): independent branches run side by side (docs/schedule.md).
   * `sequential`: one stage after another in the seed's order (comparisons, cautious sites).
   * Runs started before the 'overlapped-schedule' patch are sequential whatever this says.
   */
  schedule?: 'sequential' | 'overlapped';
  /**
   * Stage 10's disruptive test, approved explicitly for this run only (`start --disruptive-tests
   * maintenance`; never from the workbook, never carried to another run). `refuse` (the default,
   * and what runs started before it had): none runs. `maintenance`: one host into maintenance mode
   * and back through CloudTower, the test VMs checked meanwhile (docs/decisions.md).
   */
  disruptiveTests?: 'refuse' | 'maintenance';
  /** The plan host for the maintenance test (`--disruptive-host`); default chosen at run time. */
  disruptiveHost?: string;
}
