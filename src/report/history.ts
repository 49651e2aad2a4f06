// Reads one run's history (the bring-up or an OBS/Backup child): steps with their times, attempts
// and failures, BringUpStage changes, signals, and the few activity results a report shows. Only
// the payloads named here are decoded; activity inputs (which may carry credentials) never are,
// except the serials handed to writeSerialsToWorkbook.
import { defaultPayloadConverter, type Payload } from '@temporalio/common';
import { optionalTsToMs } from '@temporalio/common/lib/time.js';
import type { temporal } from '@temporalio/proto';
import { z } from 'zod';
import { STAGES, type StageId } from '../run/stages.js';
import type { PhaseSpan, SignalRecord, StepRecord, WriteBack, CheckResult } from './model.js';
import { COMPONENT_FAILED_SIGNAL } from '../workflows/components/child-protocol.js';

export type HistoryEvent = temporal.api.history.v1.IHistoryEvent;
/** Decodes payloads with the client's data converter (codec included). */
export type Decode = (payloads: Payload[] | null | undefined) => Promise<unknown[]>;

export interface HistoryFacts {
  startedMs?: number;
  endedMs?: number;
  /** The decoded workflow input (the bring-up input holds the plan, secrets included: handle with care). */
  input?: unknown;
  steps: StepRecord[];
  phaseChanges: { phase: string; atMs: number }[];
  signals: SignalRecord[];
  passwords: { changed: string[]; alreadySet: string[] }[];
  scans: z.infer<typeof scanResult>['hosts'];
  writeBacks: WriteBack[];
  checks: CheckResult[];
  children: { workflowId: string; runId?: string }[];
}

const scanResult = z.object({
  hosts: z.array(
    z.object({
      hostname: z.string(),
      managementIp: z.string(),
      scan: z.object({
        hostUuid: z.string(),
        cpu: z.object({ model: z.string(), cores: z.number().optional() }).optional(),
        memoryBytes: z.number().optional(),
        disks: z.array(z.unknown()).default([]),
        nics: z.array(z.unknown()).default([]),
      }),
    }),
  ),
});
const passwordResult = z.object({ changed: z.array(z.string()), alreadySet: z.array(z.string()) });
const writeBackInput = z.object({
  planFile: z.string().optional(),
  serials: z.record(z.string(), z.string()),
});
const writeBackResult = z.object({ written: z.array(z.string()), skipped: z.string().optional() });
const precheckResult = z.object({ problems: z.array(z.string()), warnings: z.array(z.string()) });

const ms = (e: HistoryEvent) => optionalTsToMs(e.eventTime) ?? 0;
const STAGE_OF_COMPONENT: Record<string, StageId> = { obs: 'observability', backup: 'backup' };

function phaseValue(fields: Record<string, Payload> | null | undefined): string | undefined {
  const payload = fields?.BringUpStage;
  if (!payload) return undefined;
  // Search attributes never pass through the payload codec: plain JSON.
  const value: unknown = defaultPayloadConverter.fromPayload(payload);
  return typeof value === 'string' ? value : undefined;
}

const isStage = (phase: string | undefined): phase is StageId =>
  phase !== undefined && (STAGES as readonly string[]).includes(phase);

/** `workflow` is `main` for the bring-up, or the component of a child run (`obs`, `backup`). */
export async function readHistory(
  events: HistoryEvent[],
  workflow: string,
  decode: Decode,
): Promise<HistoryFacts> {
  const facts: HistoryFacts = {
    steps: [],
    phaseChanges: [],
    signals: [],
    passwords: [],
    scans: [],
    writeBacks: [],
    checks: [],
    children: [],
  };
  const byScheduledId = new Map<string, { step: StepRecord; inputs?: Payload[] | null }>();
  let stage: StageId | undefined = STAGE_OF_COMPONENT[workflow];
  const first = async (p: Payload[] | null | undefined) => (p?.length ? (await decode(p))[0] : undefined);

  for (const e of events) {
    const at = ms(e);
    const id = String(e.eventId ?? '');
    if (e.workflowExecutionStartedEventAttributes) {
      const a = e.workflowExecutionStartedEventAttributes;
      facts.startedMs = at;
      facts.input = await first(a.input?.payloads);
      const phase = phaseValue(a.searchAttributes?.indexedFields);
      if (phase) facts.phaseChanges.push({ phase, atMs: at });
    } else if (e.upsertWorkflowSearchAttributesEventAttributes) {
      const fields = e.upsertWorkflowSearchAttributesEventAttributes.searchAttributes?.indexedFields;
      const phase = phaseValue(fields);
      if (phase) {
        facts.phaseChanges.push({ phase, atMs: at });
        if (isStage(phase)) stage = phase;
      }
    } else if (e.activityTaskScheduledEventAttributes) {
      const a = e.activityTaskScheduledEventAttributes;
      const step: StepRecord = {
        workflow,
        activity: a.activityType?.name ?? '?',
        stage,
        scheduledMs: at,
        attempts: 1,
        outcome: 'running',
      };
      facts.steps.push(step);
      byScheduledId.set(id, { step, inputs: a.input?.payloads });
    } else if (e.activityTaskStartedEventAttributes) {
      const a = e.activityTaskStartedEventAttributes;
      const rec = byScheduledId.get(String(a.scheduledEventId ?? ''));
      if (rec) {
        rec.step.startedMs = at;
        rec.step.attempts = a.attempt ?? 1;
        if (a.lastFailure?.message) rec.step.failure = a.lastFailure.message;
      }
    } else if (e.activityTaskCompletedEventAttributes) {
      const a = e.activityTaskCompletedEventAttributes;
      const rec = byScheduledId.get(String(a.scheduledEventId ?? ''));
      if (!rec) continue;
      rec.step.endedMs = at;
      rec.step.outcome = 'completed';
      await readResult(facts, rec.step, rec.inputs, a.result?.payloads as Payload[] | undefined, first);
    } else if (e.activityTaskFailedEventAttributes || e.activityTaskTimedOutEventAttributes) {
      const a = e.activityTaskFailedEventAttributes ?? e.activityTaskTimedOutEventAttributes!;
      const rec = byScheduledId.get(String(a.scheduledEventId ?? ''));
      if (!rec) continue;
      rec.step.endedMs = at;
      rec.step.outcome = e.activityTaskFailedEventAttributes ? 'failed' : 'timed-out';
      rec.step.failure = innermost(a.failure) ?? rec.step.failure;
    } else if (e.activityTaskCanceledEventAttributes) {
      const rec = byScheduledId.get(String(e.activityTaskCanceledEventAttributes.scheduledEventId ?? ''));
      if (rec) Object.assign(rec.step, { endedMs: at, outcome: 'canceled' });
    } else if (
      e.workflowExecutionSignaledEventAttributes &&
      // A failed component child's report to its run, not an operator's signal.
      e.workflowExecutionSignaledEventAttributes.signalName !== COMPONENT_FAILED_SIGNAL
    ) {
      const a = e.workflowExecutionSignaledEventAttributes;
      const arg = await first(a.input?.payloads as Payload[] | undefined).catch(() => undefined);
      facts.signals.push({
        name: a.signalName ?? '?',
        atMs: at,
        // Only a short plain word (a component name) is shown; anything else stays out of the page.
        arg: typeof arg === 'string' && /^[\w-]{1,32}$/.test(arg) ? arg : undefined,
      });
    } else if (e.workflowExecutionUpdateAcceptedEventAttributes) {
      // `retry` arrives as an Update (issue 14); the report shows it like the signal it replaces.
      const name = e.workflowExecutionUpdateAcceptedEventAttributes.acceptedRequest?.input?.name;
      facts.signals.push({ name: name ?? '?', atMs: at });
    } else if (e.childWorkflowExecutionStartedEventAttributes) {
      const x = e.childWorkflowExecutionStartedEventAttributes.workflowExecution;
      if (x?.workflowId) facts.children.push({ workflowId: x.workflowId, runId: x.runId ?? undefined });
    } else if (
      e.workflowExecutionCompletedEventAttributes ||
      e.workflowExecutionFailedEventAttributes ||
      e.workflowExecutionTerminatedEventAttributes ||
      e.workflowExecutionCanceledEventAttributes ||
      e.workflowExecutionTimedOutEventAttributes ||
      e.workflowExecutionContinuedAsNewEventAttributes
    ) {
      facts.endedMs = at;
    }
  }
  return facts;
}

function innermost(failure: temporal.api.failure.v1.IFailure | null | undefined): string | undefined {
  let message = failure?.message ?? undefined;
  for (let f = failure?.cause; f; f = f.cause) if (f.message) message = f.message;
  return message;
}

async function readResult(
  facts: HistoryFacts,
  step: StepRecord,
  inputs: Payload[] | null | undefined,
  result: Payload[] | undefined,
  first: (p: Payload[] | null | undefined) => Promise<unknown>,
): Promise<void> {
  switch (step.activity) {
    case 'setHostPasswords': {
      const r = passwordResult.safeParse(await first(result));
      if (r.success) facts.passwords.push(r.data);
      return;
    }
    case 'scanHosts': {
      const r = scanResult.safeParse(await first(result));
      if (r.success) facts.scans = r.data.hosts;
      return;
    }
    case 'precheckAddresses': {
      const r = precheckResult.safeParse(await first(result));
      if (r.success) facts.checks.push({ name: step.activity, ok: r.data.problems.length === 0, ...r.data });
      return;
    }
    case 'writeSerialsToWorkbook': {
      const req = writeBackInput.safeParse(await first(inputs));
      const res = writeBackResult.safeParse(await first(result));
      if (req.success && res.success)
        facts.writeBacks.push({
          serials: req.data.serials,
          written: res.data.written,
          file: req.data.planFile,
          skipped: res.data.skipped,
          atMs: step.endedMs ?? step.scheduledMs,
        });
      return;
    }
  }
}

/** Consecutive phase changes as spans; the last one lasts until `endMs`. */
export function phaseSpans(changes: { phase: string; atMs: number }[], endMs: number): PhaseSpan[] {
  return changes.map((c, i) => ({
    phase: c.phase,
    fromMs: c.atMs,
    toMs: changes[i + 1]?.atMs ?? Math.max(endMs, c.atMs),
  }));
}
