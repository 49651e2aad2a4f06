// The bring-up as a deployment (seed 004): its units are the hosts and the components it brings up
// (CloudTower, Observability, Backup); each is ready when the stage that brings it up is done. The
// live checks follow how far the run got: nothing is checked that the run has not built yet.
import type { CheckSpec } from '../run/service-health.js';
import { CLOUDTOWER_INSTALLER_LOG, CLOUDTOWER_SSH_USER } from '../smartx/index.js';
import type { BringUpInput } from '../run/input.js';
import { defaultSecret } from '../run/run-plan.js';
import { STAGES, type StageId, type StageProgress } from '../run/stages.js';
import type { Pod } from './api-types.js';
import type { DeploymentKind } from './deployer.js';
import type { RunRecord } from './run-record.js';
import { podPhase } from './status.js';

/** Above this share of CPU or memory the cluster's resource check is unhealthy. */
const MAX_RESOURCE_PERCENT = 90;

interface StageView {
  id: StageId;
  status: string;
  step?: string;
  startedAt?: string;
  finishedAt?: string;
  error?: string;
  note?: string;
}

const inputOf = (run: RunRecord) => run.input as BringUpInput | undefined;

/** Stages from the live query, else from the summary the run returned, else unknown. */
export function stagesOf(run: RunRecord): StageView[] {
  if (run.progress) return run.progress.stages.map((s: StageProgress) => ({ ...s }));
  const summary = run.result as { stages?: StageView[] } | undefined;
  if (summary?.stages) return summary.stages.map((s) => ({ id: s.id, status: s.status, note: s.note }));
  return STAGES.map((id) => ({ id, status: run.temporalStatus === 'RUNNING' ? 'pending' : 'unknown' }));
}

const statusOf = (run: RunRecord, id: StageId) => stagesOf(run).find((s) => s.id === id)?.status;
const done = (run: RunRecord, id: StageId) => statusOf(run, id) === 'done';

/** A component the run means to bring up: in the plan, not skipped, not after its stop-after stage. */
function wanted(run: RunRecord, stage: StageId, address: string | undefined): boolean {
  const input = inputOf(run);
  if (!address || statusOf(run, stage) === 'skipped') return false;
  const stop = input?.stopAfter;
  return !stop || STAGES.indexOf(stage) <= STAGES.indexOf(stop);
}

function units(run: RunRecord): { name: string; stage: StageId; address: string }[] {
  const plan = inputOf(run)?.plan;
  if (!plan) return [];
  const out: { name: string; stage: StageId; address: string }[] = plan.hosts.map((h) => ({
    name: h.hostname,
    stage: 'deploy-cluster',
    address: h.managementIp,
  }));
  out.push({ name: 'cloudtower', stage: 'deploy-cloudtower', address: plan.cloudtower.ip });
  if (wanted(run, 'observability', plan.obs.ip))
    out.push({ name: 'observability', stage: 'observability', address: plan.obs.ip! });
  if (wanted(run, 'backup', plan.backup.ip))
    out.push({ name: 'backup', stage: 'backup', address: plan.backup.ip! });
  return out;
}

export const bringUpKind: DeploymentKind = {
  workflowType: 'bringUpWorkflow',
  kind: 'bringup',

  pods(run) {
    return units(run).map((u): Pod => {
      const phase = podPhase(statusOf(run, u.stage));
      return { name: u.name, phase, ready: phase === 'Running' };
    });
  },

  details(run) {
    const input = inputOf(run);
    return {
      kind: 'bringup',
      cluster: input?.plan.clusterName,
      phase: run.phase,
      current_step: run.progress?.currentStep,
      stages: stagesOf(run),
      warnings: run.progress?.warnings ?? (run.result as { warnings?: string[] } | undefined)?.warnings ?? [],
    };
  },

  healthChecks(run) {
    const plan = inputOf(run)?.plan;
    if (!plan) return [];
    const checks: CheckSpec[] = [];
    const tcp = (name: string, address: string, port: number) =>
      checks.push({ kind: 'tcp', name: `tcp:${name}:${port}`, address, port });
    for (const h of plan.hosts) {
      tcp(h.hostname, h.managementIp, 22);
      tcp(h.hostname, h.managementIp, 80);
      // The workbook's SSH password is set on the hosts while the cluster is configured.
      if (done(run, 'configure-cluster')) {
        checks.push({
          kind: 'process',
          name: `process:${h.hostname}`,
          address: h.managementIp,
          user: h.ssh.user,
          password: h.ssh.password,
        });
      }
    }
    if (done(run, 'configure-cluster')) {
      checks.push({ kind: 'http', name: 'http:vip', address: plan.vip, scheme: 'https', path: '/' });
      checks.push({
        kind: 'fisheye',
        name: 'fisheye_api',
        vip: plan.vip,
        user: plan.fisheye.user,
        password: plan.fisheye.password,
      });
    }
    if (done(run, 'deploy-cloudtower')) {
      const ip = plan.cloudtower.ip;
      checks.push({ kind: 'http', name: 'http:cloudtower', address: ip, scheme: 'https', path: '/' });
      tcp('cloudtower', ip, 22);
      tcp('cloudtower', ip, 443);
      checks.push({
        kind: 'process',
        name: 'process:cloudtower',
        address: ip,
        user: CLOUDTOWER_SSH_USER,
        password: defaultSecret('cloudtowerRoot'),
      });
    }
    if (done(run, 'attach-cluster')) {
      checks.push({
        kind: 'resources',
        name: 'resource_usage',
        cloudtowerIp: plan.cloudtower.ip,
        password: plan.cloudtower.rootPassword,
        clusterName: plan.clusterName,
        maxPercent: MAX_RESOURCE_PERCENT,
      });
    }
    for (const [name, stage, ip] of [
      ['observability', 'observability', plan.obs.ip],
      ['backup', 'backup', plan.backup.ip],
    ] as const) {
      if (ip && done(run, stage)) {
        checks.push({ kind: 'http', name: `http:${name}`, address: ip, scheme: 'https', path: '/' });
        tcp(name, ip, 443);
      }
    }
    return checks;
  },

  machineLog(run, podName) {
    const plan = inputOf(run)?.plan;
    // The CloudTower installer's log (seed 003 §04: nohup.out); the hosts' logs are not named by
    // the seeds, so a host's answer is the run's own events (docs/decisions.md).
    if (plan && podName === 'cloudtower' && statusOf(run, 'deploy-cloudtower') !== 'pending') {
      return {
        address: plan.cloudtower.ip,
        user: CLOUDTOWER_SSH_USER,
        password: defaultSecret('cloudtowerRoot'),
        path: CLOUDTOWER_INSTALLER_LOG,
        asRoot: true,
      };
    }
    return undefined;
  },

  runContext(run) {
    return inputOf(run)?.run;
  },
};
