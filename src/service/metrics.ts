// GET /metrics (Prometheus text, prom-client): derived from Temporal on every scrape (counts and
// lists of workflows by type and status), so a restarted `serve` reports the same numbers.
import type { Client } from '@temporalio/client';
import { Gauge, Histogram, Registry } from 'prom-client';
import type { DeploymentKind } from './deployer.js';
import { deploymentStatus } from './status.js';

/** Temporal's ExecutionStatus values as its list/count queries spell them, with our result word. */
const EXECUTION_STATUSES = [
  ['Running', 'RUNNING'],
  ['Completed', 'COMPLETED'],
  ['Failed', 'FAILED'],
  ['Canceled', 'CANCELLED'],
  ['Terminated', 'TERMINATED'],
  ['TimedOut', 'TIMED_OUT'],
] as const;

/** Most closed runs read per scrape for the duration histogram and the health-check results. */
const MAX_LISTED = 5000;

export class ServiceMetrics {
  readonly registry = new Registry();
  private readonly deployments = new Gauge({
    name: 'hci_deploy_deployments',
    help: 'Deployments (Temporal runs) by kind and result, as Temporal lists them now',
    labelNames: ['kind', 'result'],
    registers: [this.registry],
  });
  private readonly durations = new Histogram({
    name: 'hci_deploy_duration_seconds',
    help: 'Wall-clock duration of finished deployments, by kind and result',
    labelNames: ['kind', 'result'],
    buckets: [60, 300, 900, 1800, 3600, 7200, 14400, 28800, 86400],
    registers: [this.registry],
  });
  private readonly rollbacks = new Gauge({
    name: 'hci_deploy_rollbacks',
    help: 'Machines rolled back, by kind (automatic rollbacks of package deployments and rollback runs)',
    labelNames: ['kind'],
    registers: [this.registry],
  });
  private readonly healthChecks = new Gauge({
    name: 'hci_deploy_health_checks',
    help: 'Health checks run by the deploy service, by result (healthy, unhealthy, incomplete)',
    labelNames: ['result'],
    registers: [this.registry],
  });

  constructor(
    private readonly client: Client,
    private readonly kinds: DeploymentKind[],
    /** The workflow types of the service's health checks (machines; Kubernetes pods). */
    private readonly healthWorkflowTypes: string[],
  ) {}

  async render(): Promise<{ contentType: string; text: string }> {
    await this.refresh();
    return { contentType: this.registry.contentType, text: await this.registry.metrics() };
  }

  private async refresh(): Promise<void> {
    this.deployments.reset();
    this.durations.reset();
    this.healthChecks.reset();
    this.rollbacks.reset();
    for (const k of this.kinds) {
      const type = `WorkflowType = '${k.workflowType}'`;
      for (const [queryName, statusName] of EXECUTION_STATUSES) {
        // Kinds whose result is in the memo count their closed runs from the list below.
        if (k.resultFromMemo && statusName !== 'RUNNING') continue;
        const { count } = await this.client.workflow.count(`${type} AND ExecutionStatus = '${queryName}'`);
        // A running run counts as running here, whatever stage it is at.
        const result = statusName === 'RUNNING' ? 'running' : deploymentStatus(statusName);
        this.deployments.inc({ kind: k.kind, result }, count);
      }
      if (k.resultFromMemo)
        for (const result of ['succeeded', 'failed', 'cancelled'])
          this.deployments.inc({ kind: k.kind, result }, 0);
      let n = 0;
      let rollbacks = 0;
      for await (const info of this.client.workflow.list({
        query: `${type} AND ExecutionStatus != 'Running'`,
      })) {
        const memo = info.memo;
        const result =
          (info.status.name === 'COMPLETED' ? k.resultFromMemo?.(memo) : undefined) ??
          deploymentStatus(info.status.name);
        if (k.resultFromMemo) this.deployments.inc({ kind: k.kind, result });
        rollbacks += k.rollbacksFromMemo?.(memo) ?? 0;
        if (info.closeTime) {
          this.durations.observe(
            { kind: k.kind, result },
            (info.closeTime.getTime() - info.startTime.getTime()) / 1000,
          );
        }
        if (++n >= MAX_LISTED) break;
      }
      this.rollbacks.inc({ kind: k.kind }, rollbacks);
    }
    for (const result of ['healthy', 'unhealthy', 'incomplete']) this.healthChecks.set({ result }, 0);
    let n = 0;
    for await (const info of this.client.workflow.list({
      query: `(${this.healthWorkflowTypes.map((t) => `WorkflowType = '${t}'`).join(' OR ')}) AND ExecutionStatus != 'Running'`,
    })) {
      const memo = info.memo as { healthy?: unknown } | undefined;
      const result =
        info.status.name === 'COMPLETED' && typeof memo?.healthy === 'boolean'
          ? memo.healthy
            ? 'healthy'
            : 'unhealthy'
          : 'incomplete';
      this.healthChecks.inc({ result });
      if (++n >= MAX_LISTED) break;
    }
  }
}
