// Kubernetes deployments (deployKubernetesWorkflow), their rollbacks and scale runs as deployments
// of the service (seed 004). The units are real pods, read live from the API server by the site's
// worker (kubernetesHealthWorkflow, one bounded attempt): the pods of the deployment's revision
// (labels app and deployment-id) with phase, readiness, restarts and node. Without a worker in time
// the answer falls back to the pods the run recorded. A pod's log is read the same way.
import { randomUUID } from 'node:crypto';
import type { Client } from '@temporalio/client';
import type { HealthCheckResult } from '../run/health-check-result.js';
import type {
  DeployKubernetesInput,
  KubePod,
  KubernetesProgress,
  RollbackKubernetesInput,
  ScaleKubernetesInput,
} from '../run/kubernetes.js';
import { kubernetesHealthWorkflow, kubernetesPodLogWorkflow } from '../workflows/kubernetes/live.js';
import type { DeploymentStatus, LogEntry, Pod, PodPhase } from './api-types.js';
import type { DeploymentKind, LiveOptions } from './deployer.js';
import { withDeadline } from './live.js';
import type { RunRecord } from './run-record.js';
import { deploymentStatus } from './status.js';

type AnyInput = Partial<DeployKubernetesInput & RollbackKubernetesInput & ScaleKubernetesInput>;

const PHASES = new Set<PodPhase>(['Pending', 'Running', 'Succeeded', 'Failed', 'Unknown']);

export const toPod = (p: KubePod): Pod => ({
  name: p.name,
  phase: PHASES.has(p.phase as PodPhase) ? (p.phase as PodPhase) : 'Unknown',
  ready: p.ready,
  restarts: p.restarts,
  node: p.node,
});

function progressOf(run: RunRecord): (KubernetesProgress & { outcome?: string }) | undefined {
  return (run.live ?? run.result) as (KubernetesProgress & { outcome?: string }) | undefined;
}

/** Whose pods a run's units are: the deployment's own revision; for a rollback, the restored one. */
function unitsOf(run: RunRecord): { deploymentId: string } | undefined {
  const input = run.input as AnyInput | undefined;
  if (!input?.app) return undefined;
  if (run.workflowType === 'rollbackKubernetesWorkflow')
    return { deploymentId: input.to?.deploymentId ?? '' };
  if (run.workflowType === 'scaleKubernetesWorkflow') {
    const p = progressOf(run);
    return { deploymentId: p?.pods[0]?.deploymentId ?? input.deploymentId ?? '' };
  }
  return { deploymentId: run.deploymentId };
}

async function live(
  client: Client,
  run: RunRecord,
  opts: LiveOptions,
): Promise<{ pods: Pod[]; checks: HealthCheckResult[] }> {
  const input = run.input as AnyInput;
  const units = unitsOf(run);
  if (!input.app || !input.cluster || !units) return { pods: [], checks: [] };
  const workflowId = `${run.deploymentId}/k8s-health-${randomUUID().slice(0, 8)}`;
  const handle = await client.workflow.start(kubernetesHealthWorkflow, {
    workflowId,
    taskQueue: run.taskQueue,
    args: [
      {
        cluster: input.cluster,
        namespace: input.app.namespace,
        name: input.app.name,
        deploymentId: units.deploymentId,
        maxRestarts: input.maxRestarts ?? 3,
        timeoutMs: opts.checkTimeoutMs,
        health: opts.health,
      },
    ],
    workflowExecutionTimeout: opts.deadlineMs + 30_000,
  });
  const r = await withDeadline(client, workflowId, opts.deadlineMs, handle.result());
  // pod_status is the service's own check, from these pods.
  return { pods: r.pods.map(toPod), checks: r.checks.filter((c) => c.name !== 'pod_status') };
}

async function liveLog(
  client: Client,
  run: RunRecord,
  podName: string,
  lines: number,
  opts: LiveOptions,
): Promise<LogEntry[]> {
  const input = run.input as AnyInput;
  if (!input.app || !input.cluster) return [];
  const workflowId = `${run.deploymentId}/k8s-log-${randomUUID().slice(0, 8)}`;
  const handle = await client.workflow.start(kubernetesPodLogWorkflow, {
    workflowId,
    taskQueue: run.taskQueue,
    args: [
      {
        cluster: input.cluster,
        namespace: input.app.namespace,
        app: input.app.name,
        pod: podName,
        lines,
        timeoutMs: opts.checkTimeoutMs,
      },
    ],
    workflowExecutionTimeout: opts.deadlineMs + 30_000,
  });
  const r = await withDeadline(client, workflowId, opts.deadlineMs, handle.result());
  const now = new Date().toISOString();
  return r.lines.map((message) => ({ timestamp: now, pod_name: podName, container: r.container, message }));
}

function kindFor(workflowType: string, kind: string): DeploymentKind {
  return {
    workflowType,
    kind,
    pods: (run) => (progressOf(run)?.pods ?? []).map(toPod),
    details(run) {
      const p = progressOf(run);
      const input = run.input as AnyInput | undefined;
      return {
        kind,
        service: input?.app?.name,
        namespace: input?.app?.namespace,
        version: p?.version,
        image: p?.image,
        desired_replicas: p?.replicas,
        phase: p?.phase ?? (run.temporalStatus === 'RUNNING' ? 'inspect' : 'done'),
        outcome: p?.outcome,
        revision: p?.revision,
        previous: p?.previous,
        rollbacks: p?.rollbacks ?? 0,
        rollback_of: p?.rollbackOf,
        error: p?.error,
        rollback_error: p?.rollbackError,
      };
    },
    status(run): DeploymentStatus | undefined {
      if (run.temporalStatus !== 'COMPLETED')
        return deploymentStatus(run.temporalStatus, run.temporalStatus === 'RUNNING' ? 'running' : undefined);
      return (run.result as { outcome?: string } | undefined)?.outcome === 'failed' ? 'failed' : 'succeeded';
    },
    resultFromMemo: (memo) =>
      memo?.outcome === 'failed' ? 'failed' : memo?.outcome === 'succeeded' ? 'succeeded' : undefined,
    rollbacksFromMemo: (memo) => (typeof memo?.rollbacks === 'number' ? memo.rollbacks : 0),
    healthChecks: () => [],
    machineLog: () => undefined,
    runContext: (run) => (run.input as AnyInput | undefined)?.run,
    live,
    liveLog,
  };
}

export const kubernetesKind = kindFor('deployKubernetesWorkflow', 'kubernetes');
export const kubernetesRollbackKind = kindFor('rollbackKubernetesWorkflow', 'kubernetes-rollback');
export const kubernetesScaleKind = kindFor('scaleKubernetesWorkflow', 'kubernetes-scale');
export const kubernetesKinds = [kubernetesKind, kubernetesRollbackKind, kubernetesScaleKind];
