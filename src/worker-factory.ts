import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { NativeConnection, Worker, type WorkerOptions } from '@temporalio/worker';
import * as activities from './activities/index.js';
import os from 'node:os';
import { temporalTarget, type TemporalTarget } from './config/temporal-connection.js';
import { siteTaskQueue } from './config/site.js';
import { defaultWorkerSettings, type WorkerSettings } from './config/worker-settings.js';
import { payloadDataConverter } from './codec/key.js';
import { secretPreloadInterceptor } from './activities/support/secret-interceptor.js';

export const workflowsPath = path.join(path.dirname(fileURLToPath(import.meta.url)), 'workflows', 'index.js');

export interface BringUpWorkerOptions {
  target?: TemporalTarget;
  taskQueue?: string;
  /** The site this worker serves: its task queue is `hci-bringup.<site>` (docs/sites.md). */
  site?: string;
  /** Concurrency limits (defaults in config/worker-settings.ts). */
  settings?: WorkerSettings;
  /** Extra worker options (tests use them to tune caches and identity). */
  overrides?: Partial<WorkerOptions>;
}

/**
 * The longest an activity's heartbeat waits before reaching the server: its details are the upload
 * percent and the installer's log line `watch` shows, which 0.8 × the heartbeat timeout (48 s on site)
 * left at 0.0% for a whole upload in a rehearsal (issue 23 point 5).
 */
export const HEARTBEAT_THROTTLE = '2 seconds';

/** Builds the worker that runs the bring-up workflow and all its activities. */
export async function createBringUpWorker(opts: BringUpWorkerOptions = {}): Promise<{
  worker: Worker;
  connection: NativeConnection;
}> {
  const target = opts.target ?? temporalTarget();
  const settings = opts.settings ?? defaultWorkerSettings;
  const connection = await NativeConnection.connect({
    address: target.address,
    tls: target.tls,
    apiKey: target.apiKey,
  });
  const worker = await Worker.create({
    connection,
    namespace: target.namespace,
    taskQueue: opts.taskQueue ?? siteTaskQueue(opts.site),
    // The identity names the site, so a run's history shows which site's worker ran each task.
    identity: `${process.pid}@${os.hostname()}${opts.site ? `/${opts.site}` : ''}`,
    maxConcurrentActivityTaskExecutions: settings.maxConcurrentActivities,
    maxConcurrentWorkflowTaskExecutions: settings.maxConcurrentWorkflowTasks,
    maxConcurrentActivityTaskPolls: settings.activityTaskPollers,
    // A prebuilt bundle (HCI_WORKFLOW_BUNDLE) spares each worker start the webpack step.
    ...(process.env.HCI_WORKFLOW_BUNDLE
      ? { workflowBundle: { codePath: process.env.HCI_WORKFLOW_BUNDLE } }
      : { workflowsPath }),
    activities,
    dataConverter: payloadDataConverter(),
    // Secret references are resolved on this worker; the workbooks they name are read before each activity.
    interceptors: { activity: [secretPreloadInterceptor] },
    // In-flight activities get this long after SIGINT/SIGTERM to heartbeat their last state
    // (upload offset, installer log offset) so the next worker resumes instead of restarting.
    shutdownGraceTime: '20s',
    maxHeartbeatThrottleInterval: HEARTBEAT_THROTTLE,
    ...opts.overrides,
  });
  return { worker, connection };
}
