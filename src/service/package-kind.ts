// Package deployments (deployPackageWorkflow) and their rollbacks as deployments of the service (seed
// 004): the units are the target machines, ready when they run the deployment's version; the live
// check of each is its service (systemd state, then the HTTP/TCP/process checks the request named);
// a machine's log is its service's log file.
import { machineOfActivityId, type PackageChecks } from '../run/deploy-package.js';
import type { CheckSpec } from '../run/service-health.js';
import type {
  DeployPackageInput,
  MachineResult,
  PackageProgress,
  RollbackPackageInput,
} from '../workflows/deploy-package/types.js';
import type { DeploymentStatus, Pod, PodPhase } from './api-types.js';
import type { DeploymentKind } from './deployer.js';
import type { RunRecord } from './run-record.js';
import { deploymentStatus } from './status.js';

/** Where a deployed service is expected to log (its unit's StandardOutput=append:…). */
export const serviceLogPath = (service: string) => `/var/log/${service}/${service}.log`;

interface Target {
  target: DeployPackageInput['targets'][number];
}

function inputOf(
  run: RunRecord,
): { service: string; checks: PackageChecks; run: DeployPackageInput['run']; targets: Target[] } | undefined {
  const i = run.input as Partial<DeployPackageInput & RollbackPackageInput> | undefined;
  if (!i?.service || !i.run) return undefined;
  const targets = i.targets ? i.targets.map((target) => ({ target })) : (i.machines ?? []);
  return { service: i.service, checks: i.checks ?? { timeoutSeconds: 0 }, run: i.run, targets };
}

/** The step an activity type is (activate, upload, …), as the workflow's progress names it. */
const STEP_OF: Record<string, string> = {
  uploadPackageArtifact: 'upload',
  extractPackageRelease: 'extract',
  activatePackageRelease: 'activate',
  checkPackageService: 'check',
  rollbackPackageMachine: 'rollback',
  cleanupPackageReleases: 'cleanup',
};

/** Each machine's latest step, read from the history's activity ids (machineActivityId). */
function lastStepByMachine(run: RunRecord): Map<string, string> {
  const steps = new Map<string, string>();
  for (const e of run.events) {
    const a = e.activityTaskScheduledEventAttributes;
    const machine = machineOfActivityId(a?.activityId);
    if (machine && a?.activityType?.name)
      steps.set(machine, STEP_OF[a.activityType.name] ?? a.activityType.name);
  }
  return steps;
}

/**
 * Machines: from the live query while running, else from the result; when neither answers (no
 * worker right now, say after a kill -9), as the history's last step of each left it.
 */
export function machinesOf(run: RunRecord): MachineResult[] {
  const p = (run.live ?? run.result) as PackageProgress | undefined;
  if (p?.machines) return p.machines;
  const steps = lastStepByMachine(run);
  const running = run.temporalStatus === 'RUNNING';
  return (inputOf(run)?.targets ?? []).map(({ target }) => {
    const step = steps.get(target.name);
    const phase: MachineResult['phase'] = step
      ? running
        ? 'deploying'
        : 'failed'
      : running
        ? 'pending'
        : 'skipped';
    return { name: target.name, address: target.address, phase, step };
  });
}

function pod(m: MachineResult, rollbackRun: boolean): Pod {
  const phases: Record<MachineResult['phase'], PodPhase> = {
    pending: 'Pending',
    deploying: 'Pending',
    deployed: 'Running',
    // It runs, but its earlier version: not a ready replica of this deployment (of a rollback run, it is).
    'rolled-back': 'Running',
    failed: 'Failed',
    skipped: 'Unknown',
  };
  const ready = m.phase === 'deployed' || (rollbackRun && m.phase === 'rolled-back');
  return { name: m.name, phase: phases[m.phase], ready };
}

function kindFor(workflowType: string, kind: string): DeploymentKind {
  const rollbackRun = workflowType === 'rollbackPackageWorkflow';
  return {
    workflowType,
    kind,
    pods: (run) => machinesOf(run).map((m) => pod(m, rollbackRun)),
    details(run) {
      const p = (run.live ?? run.result) as (PackageProgress & { outcome?: string }) | undefined;
      return {
        kind,
        service: inputOf(run)?.service,
        version: p?.version,
        sha256: p?.sha256,
        phase: p?.phase ?? (run.temporalStatus === 'RUNNING' ? 'inspect' : 'done'),
        outcome: p?.outcome,
        rollbacks: p?.rollbacks ?? 0,
        rollback_of: p?.rollbackOf,
        machines: machinesOf(run),
      };
    },
    status(run): DeploymentStatus | undefined {
      if (run.temporalStatus !== 'COMPLETED')
        return deploymentStatus(run.temporalStatus, run.temporalStatus === 'RUNNING' ? 'running' : undefined);
      const outcome = (run.result as { outcome?: string } | undefined)?.outcome;
      return outcome === 'failed' ? 'failed' : 'succeeded';
    },
    resultFromMemo: (memo) =>
      memo?.outcome === 'failed' ? 'failed' : memo?.outcome === 'succeeded' ? 'succeeded' : undefined,
    rollbacksFromMemo: (memo) => (typeof memo?.rollbacks === 'number' ? memo.rollbacks : 0),
    healthChecks(run): CheckSpec[] {
      const input = inputOf(run);
      if (!input) return [];
      const byName = new Map(machinesOf(run).map((m) => [m.name, m]));
      // Machines that hold a version of the service (skipped ones were never touched).
      return input.targets
        .filter(({ target }) => {
          const m = byName.get(target.name);
          return m && m.phase !== 'skipped' && m.phase !== 'pending';
        })
        .map(({ target }) => ({
          kind: 'package',
          name: `service:${target.name}`,
          service: input.service,
          target,
          checks: input.checks,
        }));
    },
    machineLog(run, podName) {
      const input = inputOf(run);
      const t = input?.targets.find(({ target }) => target.name === podName)?.target;
      if (!input || !t) return undefined;
      return {
        address: t.address,
        port: t.port,
        user: t.user,
        password: t.password,
        path: serviceLogPath(input.service),
        asRoot: true,
      };
    },
    runContext: (run) => inputOf(run)?.run,
  };
}

export const packageKind = kindFor('deployPackageWorkflow', 'package');
export const packageRollbackKind = kindFor('rollbackPackageWorkflow', 'package-rollback');
export const physicalKinds = [packageKind, packageRollbackKind];
