// The first step of `cleanup` (and of stage 11's test-VM step): the ledger of a run, read from its
// recorded history and those of its child workflows. Every completed activity's result says what it
// created or found (src/run/ledger.ts); the bring-up's input says how to reach the cluster. The
// history is the record that survives anything: a terminated or abandoned run, a worker killed
// mid-step, a run recorded before the ledger existed (docs/decisions.md "Cleanup and compensation").
import { Context } from '@temporalio/activity';
import { Client, Connection, WorkflowNotFoundError } from '@temporalio/client';
import { decodeArrayFromPayloads } from '@temporalio/common/lib/internal-non-workflow/codec-helpers.js';
import type { Payload } from '@temporalio/common';
import type { temporal } from '@temporalio/proto';
import { z } from 'zod';
import { clientDataConverter } from '../../codec/key.js';
import { temporalTarget } from '../../config/temporal-connection.js';
import type { LedgerEntry } from '../../run/ledger.js';
import { ledgerOf, type ActivityRecord } from '../../run/ledger-records.js';
import { invalidInput, remoteStep } from '../support/failures.js';
import type { ClusterAccess } from './access.js';
import { coded } from '../../i18n/index.js';

type HistoryEvent = temporal.api.history.v1.IHistoryEvent;

export interface ReadRunLedgerRequest {
  /** The bring-up's workflow id. */
  workflowId: string;
}

export interface RunLedger {
  workflowId: string;
  /** RUNNING, COMPLETED, FAILED, TERMINATED, CANCELLED, TIMED_OUT, CONTINUED_AS_NEW. */
  status: string;
  ledger: LedgerEntry[];
  /** How to reach the run's cluster (absent when the input could not be read). */
  access?: ClusterAccess;
  /** The run's workflow id: the marker of its upload volumes. */
  marker: string;
}

// Only what cleanup needs from the bring-up's input; secrets are references and stay references.
const bringUpInput = z.object({
  run: z.object({ connect: z.unknown(), timing: z.record(z.string(), z.unknown()) }).loose(),
  plan: z
    .object({
      vip: z.string(),
      fisheye: z.object({ user: z.string(), password: z.object({ secretRef: z.string() }).loose() }).loose(),
      cloudtower: z
        .object({ ip: z.string(), rootPassword: z.object({ secretRef: z.string() }).loose() })
        .loose()
        .optional(),
    })
    .loose(),
});

type Decode = (payloads: Payload[] | null | undefined) => Promise<unknown[]>;

async function activityRecords(events: HistoryEvent[], workflow: string, decode: Decode) {
  const scheduled = new Map<string, ActivityRecord>();
  const records: ActivityRecord[] = [];
  const children: { workflowId: string; runId?: string; component: string }[] = [];
  for (const e of events) {
    const s = e.activityTaskScheduledEventAttributes;
    if (s) {
      const record: ActivityRecord = {
        workflow,
        activityType: s.activityType?.name ?? '',
        input: (await decode(s.input?.payloads))[0],
      };
      scheduled.set(String(e.eventId), record);
      records.push(record);
    }
    const c = e.activityTaskCompletedEventAttributes;
    if (c) {
      const record = scheduled.get(String(c.scheduledEventId));
      if (record) record.result = (await decode(c.result?.payloads))[0];
    }
    const child = e.childWorkflowExecutionStartedEventAttributes;
    if (child?.workflowExecution?.workflowId) {
      const id = child.workflowExecution.workflowId;
      children.push({
        workflowId: id,
        runId: child.workflowExecution.runId ?? undefined,
        component: id.slice(id.lastIndexOf('/') + 1),
      });
    }
  }
  return { records, children };
}

export async function readRunLedger(req: ReadRunLedgerRequest): Promise<RunLedger> {
  const target = temporalTarget();
  const connection = await Connection.connect({
    address: target.address,
    tls: target.tls,
    apiKey: target.apiKey,
  });
  try {
    const client = new Client({
      connection,
      namespace: target.namespace,
      dataConverter: clientDataConverter(),
    });
    const converter = client.options.loadedDataConverter;
    const decode: Decode = async (payloads) =>
      payloads && payloads.length > 0 ? decodeArrayFromPayloads(converter, payloads) : [];
    const handle = client.workflow.getHandle(req.workflowId);
    let status: string;
    try {
      status = (await handle.describe()).status.name;
    } catch (err) {
      if (err instanceof WorkflowNotFoundError)
        throw invalidInput(coded('failure.cleanupRunNotFound', { id: req.workflowId }));
      throw err;
    }
    const history = await remoteStep(`read the history of ${req.workflowId}`, () => handle.fetchHistory());
    const events = history.events ?? [];
    const main = await activityRecords(events, 'main', decode);
    const records = [...main.records];
    for (const child of main.children) {
      Context.current().heartbeat({ reading: child.workflowId });
      try {
        const h = await client.workflow.getHandle(child.workflowId, child.runId).fetchHistory();
        records.push(...(await activityRecords(h.events ?? [], child.component, decode)).records);
      } catch {
        // A child past retention: what it created is not known here; its stage says so in `status`.
      }
    }
    const started = events[0]?.workflowExecutionStartedEventAttributes;
    const input = bringUpInput.safeParse((await decode(started?.input?.payloads))[0]);
    return {
      workflowId: req.workflowId,
      status,
      ledger: ledgerOf(records),
      access: input.success
        ? {
            run: input.data.run as unknown as ClusterAccess['run'],
            vip: input.data.plan.vip,
            fisheye: {
              user: input.data.plan.fisheye.user,
              password: input.data.plan.fisheye.password,
            },
            ...(input.data.plan.cloudtower
              ? {
                  tower: {
                    cloudtowerIp: input.data.plan.cloudtower.ip,
                    rootPassword: input.data.plan.cloudtower.rootPassword,
                  },
                }
              : {}),
          }
        : undefined,
      marker: req.workflowId,
    };
  } finally {
    await connection.close();
  }
}
