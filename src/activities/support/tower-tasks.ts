import { CloudTowerRestClient, type TowerTask } from '../../smartx/index.js';
import type { RunContext } from '../../run/input.js';
import { remoteJobFailed } from './failures.js';
import { pollUntil } from './poll.js';

/** Tasks of get-tasks whose description is `description` (case-insensitive), newest first. */
export function tasksDescribed(tasks: TowerTask[], description: string): TowerTask[] {
  const want = description.toLowerCase();
  const when = (t: TowerTask) => {
    const r = t as Record<string, unknown>;
    const s = r.local_created_at ?? r.started_at;
    return typeof s === 'string' ? Date.parse(s) || 0 : 0;
  };
  return tasks.filter((t) => (t.description ?? '').toLowerCase() === want).sort((a, b) => when(b) - when(a));
}

/**
 * Waits until the CloudTower task `taskId` is SUCCESSED (FAILED → non-retryable failure).
 * `details`: what the waiting heartbeats carry (an activity's resume state, so a retry keeps it).
 */
export async function waitTowerTask(
  rest: CloudTowerRestClient,
  run: RunContext,
  taskId: string,
  what: string,
  details?: () => unknown,
): Promise<TowerTask> {
  return pollUntil(
    { intervalSeconds: run.timing.jobPollSeconds, timeoutSeconds: run.timing.jobTimeoutSeconds, what },
    async () => {
      const tasks = await rest.getTasks({ id: taskId });
      const task = tasks.find((t) => t.id === taskId);
      if (!task) return undefined;
      if (task.status === 'FAILED') {
        throw remoteJobFailed(
          `${what}: CloudTower task ${taskId} FAILED (${task.error_code ?? ''} ${task.error_message ?? ''}).`,
          { final: true },
        );
      }
      return task.status === 'SUCCESSED' ? task : undefined;
    },
    details ?? (() => ({ waitingFor: what, taskId })),
  );
}
