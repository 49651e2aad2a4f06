// Concurrency limits of a worker: how much of one site's work it takes on at once. Defaults are
// sized for a site worker on a field laptop (reasoning in docs/sites.md); each is a flag of
// `npm run worker` and an environment variable.
import { z } from 'zod';
import { tBoth } from '../i18n/translate.js';

export interface WorkerSettings {
  /** Activities running at once (uploads, SSH sessions, job waits). */
  maxConcurrentActivities: number;
  /** Workflow tasks (deterministic decisions, short) running at once. */
  maxConcurrentWorkflowTasks: number;
  /** Long-polls open on the activity task queue. */
  activityTaskPollers: number;
}

export const defaultWorkerSettings: WorkerSettings = {
  maxConcurrentActivities: 32,
  maxConcurrentWorkflowTasks: 8,
  activityTaskPollers: 4,
};

/** Flag name, environment variable and bounds of each setting. */
export const workerSettingSources = {
  maxConcurrentActivities: { flag: 'max-activities', env: 'HCI_MAX_ACTIVITIES', min: 1, max: 1000 },
  // The SDK needs at least 2 workflow task slots while it caches workflows (sticky execution).
  maxConcurrentWorkflowTasks: { flag: 'max-workflow-tasks', env: 'HCI_MAX_WORKFLOW_TASKS', min: 2, max: 200 },
  activityTaskPollers: { flag: 'activity-pollers', env: 'HCI_ACTIVITY_POLLERS', min: 1, max: 50 },
} as const satisfies Record<keyof WorkerSettings, { flag: string; env: string; min: number; max: number }>;

/** Reads each setting from its flag, else its environment variable, else the default. */
export function workerSettings(
  flags: Partial<Record<string, string | undefined>>,
  env: NodeJS.ProcessEnv = process.env,
): WorkerSettings {
  const out = { ...defaultWorkerSettings };
  for (const key of Object.keys(workerSettingSources) as (keyof WorkerSettings)[]) {
    const { flag, env: name, min, max } = workerSettingSources[key];
    const raw = flags[flag] ?? env[name];
    if (raw === undefined || raw === '') continue;
    const parsed = z.coerce.number().int().min(min).max(max).safeParse(raw);
    if (!parsed.success) {
      throw new Error(
        `--${flag} / ${name} ${JSON.stringify(raw)}: ${tBoth('config.wholeNumber', { min, max })}`,
      );
    }
    out[key] = parsed.data;
  }
  // A poller beyond the free activity slots would only hold a task it cannot start.
  out.activityTaskPollers = Math.min(out.activityTaskPollers, out.maxConcurrentActivities);
  return out;
}
