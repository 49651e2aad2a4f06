// The steps of one machine, shared by the deployment and the rollback workflows: each is an idempotent
// activity, and a machine whose check fails after the switch is rolled back to its backup at once.
import { proxyActivities, type ActivityOptions } from '@temporalio/workflow';
import type { DeployPackageActivities } from '../../activities/deploy-package/index.js';
import { coded } from '../../i18n/coded.js';
import {
  machineActivityId,
  type DeployTarget,
  type MachineCheck,
  type PackageArtifact,
  type PackageChecks,
} from '../../run/deploy-package.js';
import type { RunContext } from '../../run/input.js';
import { bulkUpload, lookup, machineStep, remoteJob } from '../activity-options.js';
import type { MachineResult } from './types.js';
import { messageOf } from '../describe-error.js';

export function machineSteps(run: RunContext, service: string, checks: PackageChecks) {
  // Every step's activity id names its machine (the run's log and history say where it ran).
  let steps = 0;
  const on = (base: ActivityOptions, target: DeployTarget) =>
    proxyActivities<DeployPackageActivities>(machineStep(base, machineActivityId(++steps, target.name)));
  const quick = lookup(run);
  const upload = bulkUpload(run, { hours: 2 });
  const checking = remoteJob(run, { waitSeconds: checks.timeoutSeconds + 30 });

  const apply = (m: MachineResult, c: MachineCheck) => {
    m.serviceStatus = c.serviceStatus;
    m.pid = c.pid;
    m.version = c.version;
    m.checks = c.checks;
    m.exitCode = c.exitCode;
    m.outputTail = c.outputTail || m.outputTail;
  };

  const check = async (m: MachineResult, target: DeployTarget) => {
    m.step = 'check';
    const c = await on(checking, target).checkPackageService({ run, service, target, checks });
    apply(m, c);
    return c;
  };

  /** Back to `toVersion` (or no version), then check again; the machine's phase says how it ended. */
  const rollback = async (
    m: MachineResult,
    target: DeployTarget,
    to: { toVersion?: string; failedVersion?: string; markFailed?: string },
    why: string,
  ) => {
    m.error = why;
    m.step = 'rollback';
    try {
      const r = await on(quick, target).rollbackPackageMachine({ run, service, target, ...to });
      m.exitCode = r.exitCode;
      m.outputTail = r.outputTail;
      m.version = r.version;
      const toVersion = r.version;
      if (toVersion) {
        const c = await check(m, target);
        if (!c.healthy) {
          m.phase = 'failed';
          m.error = coded('deployer.stillUnhealthy', { why, version: toVersion });
          return;
        }
        // Only a machine that runs the version asked for has rolled back.
        if (c.version !== toVersion) {
          m.phase = 'failed';
          m.error = coded('deployer.notRolledBack', { why, then: notOn(m.name, c.version, toVersion) });
          return;
        }
      } else {
        m.serviceStatus = 'inactive';
        m.pid = 0;
      }
      m.phase = 'rolled-back';
    } catch (err) {
      m.phase = 'failed';
      m.error = coded('deployer.rollbackFailed', { why, detail: messageOf(err) });
    }
  };

  const deploy = async (m: MachineResult, target: DeployTarget, artifact: PackageArtifact, keep: number) => {
    m.phase = 'deploying';
    let switched = false;
    try {
      m.step = 'upload';
      m.upload = (await on(upload, target).uploadPackageArtifact({ run, service, target, artifact })).reason;
      m.step = 'extract';
      const x = await on(quick, target).extractPackageRelease({ run, service, target, artifact });
      m.outputTail = x.outputTail;
      m.step = 'activate';
      switched = true;
      const a = await on(quick, target).activatePackageRelease({
        run,
        service,
        target,
        version: artifact.version,
      });
      m.previousVersion = a.previousVersion;
      m.exitCode = a.exitCode;
      m.outputTail = a.outputTail;
      const c = await check(m, target);
      if (!c.healthy || c.version !== artifact.version) {
        const bad = c.checks.filter((x) => x.status !== 'healthy').map((x) => `${x.name}: ${x.message}`);
        return rollback(
          m,
          target,
          { toVersion: a.previousVersion, markFailed: artifact.version },
          c.healthy
            ? notOn(m.name, c.version, artifact.version)
            : coded('deployer.healthFailed', { checks: bad.join('; ') }),
        );
      }
      m.phase = 'deployed';
      m.step = 'cleanup';
      await on(quick, target)
        .cleanupPackageReleases({ run, service, target, keep, keepFile: artifact.fileName })
        .catch((err: unknown) => (m.error = coded('deployer.cleanupFailed', { detail: messageOf(err) })));
      m.step = 'done';
    } catch (err) {
      if (switched && m.phase === 'deploying') {
        // The switch may have happened: go back to what was there (the state file's backup).
        return rollback(
          m,
          target,
          { failedVersion: artifact.version, markFailed: artifact.version },
          coded('deployer.stepFailed', { what: m.step ?? '-', detail: messageOf(err) }),
        );
      }
      m.phase = 'failed';
      m.error = coded('deployer.stepFailed', { what: m.step ?? '-', detail: messageOf(err) });
    }
  };

  return { deploy, rollback, check };
}

/** A machine that does not run the version it should: the step failed there, whatever the checks say. */
const notOn = (machine: string, actual: string | undefined, expected: string) =>
  coded('deployer.notOnVersion', { machine, actual: actual ?? '-', expected });
