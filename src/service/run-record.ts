// One deployment as Temporal knows it: the run's description, its history (events, the input it was
// started with, its result) and, when a worker answers in time, its live `progress`. Everything the
// API answers is derived from this, so `serve` keeps no state of its own.
import { WorkflowNotFoundError, type Client } from '@temporalio/client';
import type { temporal } from '@temporalio/proto';
import { decodeFromPayloadsAtIndex } from '@temporalio/common/lib/internal-non-workflow/index.js';
import type { BringUpProgress } from '../run/stages.js';
import { progressQuery } from '../workflows/messages.js';
import { bringUpStageKey } from '../workflows/search-attributes.js';

/** Workflow types other than the bring-up whose runs answer a `progress` query. */
const LIVE_PROGRESS_TYPES = new Set([
  'deployPackageWorkflow',
  'rollbackPackageWorkflow',
  'deployKubernetesWorkflow',
  'rollbackKubernetesWorkflow',
  'scaleKubernetesWorkflow',
]);

export type HistoryEvent = temporal.api.history.v1.IHistoryEvent;

export interface RunRecord {
  deploymentId: string;
  workflowType: string;
  /** Temporal's execution status name: RUNNING, COMPLETED, FAILED, CANCELLED, TERMINATED, TIMED_OUT … */
  temporalStatus: string;
  taskQueue: string;
  startTime: Date;
  closeTime?: Date;
  /** Time of the run's latest event. */
  updatedAt: Date;
  /** The first argument the run was started with (decoded with the payload key). */
  input?: unknown;
  /** What the run returned, when it completed. */
  result?: unknown;
  /** The live `progress` query, when the run's worker answered it in time. */
  progress?: BringUpProgress;
  /** Another kind's live `progress` (package deployments), when its worker answered in time. */
  live?: unknown;
  memo?: Record<string, unknown>;
  /** The run's phase: from `progress`, else the BringUpStage search attribute (no worker needed). */
  phase?: string;
  events: HistoryEvent[];
}

export function eventTime(e: HistoryEvent): Date {
  const t = e.eventTime;
  const seconds = t?.seconds ? Number(t.seconds.toString()) : 0;
  return new Date(seconds * 1000 + Math.floor((t?.nanos ?? 0) / 1e6));
}

/** The run with this workflow id, or undefined when Temporal has none. */
export async function readRun(
  client: Client,
  deploymentId: string,
  queryTimeoutMs: number,
): Promise<RunRecord | undefined> {
  const handle = client.workflow.getHandle(deploymentId);
  let desc;
  try {
    desc = await handle.describe();
  } catch (err) {
    if (err instanceof WorkflowNotFoundError) return undefined;
    throw err;
  }
  const history = await handle.fetchHistory();
  const events = history.events ?? [];
  const converter = client.options.loadedDataConverter;
  const started = events[0]?.workflowExecutionStartedEventAttributes;
  const input = started?.input?.payloads?.length
    ? await decodeFromPayloadsAtIndex(converter, 0, started.input.payloads)
    : undefined;
  const completed = events.find(
    (e) => e.workflowExecutionCompletedEventAttributes,
  )?.workflowExecutionCompletedEventAttributes;
  const result = completed?.result?.payloads?.length
    ? await decodeFromPayloadsAtIndex(converter, 0, completed.result.payloads)
    : undefined;
  let progress: BringUpProgress | undefined;
  let live: unknown;
  if (desc.type === 'bringUpWorkflow') {
    // A query needs a worker of the run's queue; without one the record still stands on history.
    progress = await client
      .withDeadline(Date.now() + queryTimeoutMs, () => handle.query(progressQuery))
      .catch(() => undefined);
  } else if (LIVE_PROGRESS_TYPES.has(desc.type) && desc.status.name === 'RUNNING') {
    live = await client
      .withDeadline(Date.now() + queryTimeoutMs, () => handle.query<unknown>('progress'))
      .catch(() => undefined);
  }
  const last = events.at(-1);
  return {
    deploymentId,
    workflowType: desc.type,
    temporalStatus: desc.status.name,
    taskQueue: desc.taskQueue,
    startTime: desc.startTime,
    closeTime: desc.closeTime,
    updatedAt: last ? eventTime(last) : desc.startTime,
    input,
    result,
    progress,
    live,
    memo: desc.memo,
    phase: progress?.phase ?? desc.typedSearchAttributes.get(bringUpStageKey),
    events,
  };
}
