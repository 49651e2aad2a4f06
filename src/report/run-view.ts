// A run as the operator sees it, read through the Temporal client: `watch` and `status` (src/cli)
// show it, the report builds on it. It lives beside the report so the report never imports the CLI.
import type { Client, WorkflowExecutionDescription } from '@temporalio/client';
import { defaultPayloadConverter, type Payload } from '@temporalio/common';
import { optionalTsToMs } from '@temporalio/common/lib/time.js';
import { loadPayloadKey, payloadKeyConfigured } from '../codec/key.js';
import { AesGcmPayloadCodec } from '../codec/aes-gcm-codec.js';
import { progressQuery } from '../workflows/messages.js';
import type { BringUpSummary } from '../workflows/run-tracker.js';
import type { BringUpProgress } from '../run/stages.js';
import { readRunHistory, type RunHistory } from './run-history.js';
import { coded } from '../i18n/index.js';

export interface ActivityView {
  activity: string;
  attempt: number;
  /** Last heartbeat details (upload percent, bytes/s, log offset ...), decrypted. */
  details?: Record<string, unknown>;
  lastFailure?: string;
  /** When the step gives up: its retry budget (schedule-to-close) runs out then. */
  expiresAtMs?: number;
  workflow: string;
}

export interface RunView {
  workflowId: string;
  status: string;
  progress?: BringUpProgress;
  activities: ActivityView[];
  summary?: BringUpSummary;
  failure?: string;
  /** Phase times, operator waits, approval deadline and per-host rows, read from the event history. */
  history?: RunHistory;
}

let codec: AesGcmPayloadCodec | undefined;

/** The run's codec: AES-GCM with the configured key, else none (plain JSON payloads pass as they are). */
function runCodec(): { decode(payloads: Payload[]): Promise<Payload[]> } {
  if (!payloadKeyConfigured()) return { decode: (payloads) => Promise.resolve(payloads) };
  const { key, keyId } = loadPayloadKey();
  codec ??= new AesGcmPayloadCodec(key, keyId);
  return codec;
}

/** Heartbeat details are payloads like any other: encrypted, so decode them with the run's key. */
async function decodeDetails(
  payloads: Payload[] | null | undefined,
): Promise<Record<string, unknown> | undefined> {
  if (!payloads || payloads.length === 0) return undefined;
  const [decoded] = await runCodec().decode(payloads);
  if (!decoded) return undefined;
  const value: unknown = defaultPayloadConverter.fromPayload(decoded);
  return value && typeof value === 'object' ? (value as Record<string, unknown>) : { value };
}

async function activitiesOf(desc: WorkflowExecutionDescription, workflow: string): Promise<ActivityView[]> {
  const pending = desc.raw.pendingActivities ?? [];
  return Promise.all(
    pending.map(async (a) => ({
      activity: a.activityType?.name ?? '?',
      attempt: a.attempt ?? 1,
      details: await decodeDetails(a.heartbeatDetails?.payloads as Payload[] | undefined),
      lastFailure: a.lastFailure?.message ?? undefined,
      expiresAtMs: optionalTsToMs(a.expirationTime) || undefined,
      workflow,
    })),
  );
}

/** Everything `watch` and `status` show: progress query, pending activities of the run and its children. */
export async function fetchRunView(client: Client, workflowId: string): Promise<RunView> {
  const handle = client.workflow.getHandle(workflowId);
  const desc = await handle.describe();
  const view: RunView = { workflowId, status: desc.status.name, activities: [] };
  view.activities.push(...(await activitiesOf(desc, workflowId)));
  for (const child of desc.raw.pendingChildren ?? []) {
    if (!child.workflowId) continue;
    try {
      const childDesc = await client.workflow.getHandle(child.workflowId).describe();
      view.activities.push(...(await activitiesOf(childDesc, child.workflowId)));
    } catch {
      // A child that just finished is no longer pending; its result reaches the parent.
    }
  }
  try {
    const history = await handle.fetchHistory();
    view.history = await readRunHistory(history.events ?? [], (p) => runCodec().decode(p));
  } catch {
    // The view still shows the progress query without it (e.g. history archived).
  }
  if (desc.status.name === 'COMPLETED') {
    view.summary = (await handle.result()) as BringUpSummary;
    view.progress = undefined;
  } else if (desc.status.name === 'RUNNING') {
    try {
      view.progress = await handle.query(progressQuery);
    } catch (err) {
      // No worker is polling right now: the run is durable, it resumes when one starts.
      view.failure = coded('cli.progressUnavailable', { detail: (err as Error).message });
    }
  } else {
    try {
      await handle.result();
    } catch (err) {
      view.failure = innermostMessage(err);
      const details = findSummaryDetail(err);
      if (details) view.summary = details;
    }
  }
  return view;
}

function innermostMessage(err: unknown): string {
  let current = err as { message?: string; cause?: unknown } | undefined;
  let message = current?.message ?? String(err);
  while (current?.cause) {
    current = current.cause;
    if (current.message) message = current.message;
  }
  return message;
}

function findSummaryDetail(err: unknown): BringUpSummary | undefined {
  let current = err as { details?: unknown[]; cause?: unknown } | undefined;
  while (current) {
    const d = current.details?.[0] as BringUpSummary | undefined;
    if (d && typeof d === 'object' && 'stages' in d) return d;
    current = current.cause as typeof current;
  }
  return undefined;
}
