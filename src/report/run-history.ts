// What `watch` reads from a run's event history, beyond the progress query: when each phase began
// (the BringUpStage upserts), how long the operator was waited for (approvals, retries), the approval
// deadline (the timer the wait started), and per-host rows from the inputs and results of the per-host
// steps. Read-only and tolerant: an event it does not understand is skipped, never fatal.
import type { temporal } from '@temporalio/proto';
import { defaultPayloadConverter, type Payload } from '@temporalio/common';
import { optionalTsToMs } from '@temporalio/common/lib/time.js';
import { z } from 'zod';
import { STAGES, type OptionalComponent, type StageId } from '../run/stages.js';
import { PER_HOST_STEPS, type HostStepState, type PerHostStep } from './per-host-steps.js';

type HistoryEvent = temporal.api.history.v1.IHistoryEvent;
/** Decrypts payloads with the run's key (the same codec the worker uses). */
export type PayloadDecoder = (payloads: Payload[]) => Promise<Payload[]>;

export interface PhaseSpan {
  phase: string;
  fromMs: number;
  toMs?: number;
}

export interface ApprovalWait {
  component: OptionalComponent;
  fromMs: number;
  toMs?: number;
  /** When the run decides by itself (the wait's timer), if it started one. */
  deadlineMs?: number;
  /** approve / skip by the operator's signal, or `deadline` when the timer fired first. */
  outcome?: 'approve' | 'skip' | 'deadline';
}

export interface HostRow {
  hostname: string;
  managementIp: string;
  /** Per per-host step (`scan-hosts`, `host-passwords`): the latest state. */
  steps: Partial<Record<PerHostStep, HostStepState>>;
}

export interface StageTimes {
  /** Seconds the stage was the current phase: the work, without approval or retry waits. */
  workingSeconds: number;
  /** Seconds the stage sat failed, waiting for the operator's `retry`. */
  retryWaitSeconds: number;
  /** True while the stage is the current phase (its time still grows). */
  current: boolean;
}

export interface RunHistory {
  phases: PhaseSpan[];
  approvals: ApprovalWait[];
  hosts: HostRow[];
  stageTimes: Partial<Record<StageId, StageTimes>>;
  onApprovalTimeout: 'skip' | 'approve';
  /** Addresses of the optional components, to say what `skip` would leave out. */
  componentIps: Partial<Record<OptionalComponent, string>>;
  closedAtMs?: number;
}

// Only what watch shows: hostnames and addresses. The inputs also carry passwords; zod strips them.
const hostsInput = z.object({
  hosts: z.array(z.object({ hostname: z.string(), managementIp: z.string() })),
});
const passwordsResult = z.object({ changed: z.array(z.string()), alreadySet: z.array(z.string()) });
const scanResult = z.object({ hosts: z.array(z.object({ hostname: z.string() })) });
const runInput = z.object({
  components: z
    .object({ onApprovalTimeout: z.enum(['skip', 'approve']).optional() })
    .partial()
    .optional(),
  plan: z
    .object({
      obs: z.object({ ip: z.string().nullish() }).partial().nullish(),
      backup: z.object({ ip: z.string().nullish() }).partial().nullish(),
    })
    .partial()
    .optional(),
});

/** The stage an optional component's approval lets run. */
const COMPONENT_STAGE: Record<OptionalComponent, StageId> = {
  obs: 'observability',
  backup: 'backup',
  testload: 'test-load',
};

const ms = (ts: Parameters<typeof optionalTsToMs>[0]) => optionalTsToMs(ts) ?? 0;

async function decodeFirst(payloads: Payload[] | null | undefined, decode: PayloadDecoder): Promise<unknown> {
  if (!payloads || payloads.length === 0) return undefined;
  try {
    const [plain] = await decode(payloads);
    return plain ? defaultPayloadConverter.fromPayload(plain) : undefined;
  } catch {
    return undefined;
  }
}

function phaseOf(fields: Record<string, Payload> | null | undefined): string | undefined {
  const p = fields?.BringUpStage;
  if (!p) return undefined;
  try {
    // Search attributes are not encrypted (the server indexes them); a keyword may come as a list.
    const v = defaultPayloadConverter.fromPayload<unknown>(p);
    const s: unknown = Array.isArray(v) ? (v as unknown[])[0] : v;
    return typeof s === 'string' ? s : undefined;
  } catch {
    return undefined;
  }
}

export async function readRunHistory(
  events: HistoryEvent[],
  decode: PayloadDecoder,
  nowMs: number = Date.now(),
): Promise<RunHistory> {
  const phases: PhaseSpan[] = [];
  const approvals: ApprovalWait[] = [];
  const hostRows = new Map<string, HostRow>();
  const scheduled = new Map<string, { step: PerHostStep; hosts: string[] }>();
  const out: RunHistory = {
    phases,
    approvals,
    hosts: [],
    stageTimes: {},
    onApprovalTimeout: 'skip',
    componentIps: {},
  };

  const setPhase = (phase: string, atMs: number) => {
    const last = phases[phases.length - 1];
    if (last?.phase === phase) return;
    if (last) last.toMs = atMs;
    phases.push({ phase, fromMs: atMs });
    // Another stage's progress may show while a component still waits (overlapped schedule): a wait
    // ends only with its decision (signal, timer), when its own stage starts, or with the run.
    const own = Object.entries(COMPONENT_STAGE).find(([, stage]) => stage === phase)?.[0];
    const mine = own ? openWait(own as OptionalComponent) : undefined;
    if (mine) mine.toMs = atMs;
    const m = /^awaiting-approval:(obs|backup|testload)$/.exec(phase);
    if (m && !openWait(m[1] as OptionalComponent))
      approvals.push({ component: m[1] as OptionalComponent, fromMs: atMs });
  };
  const openWait = (component: OptionalComponent) =>
    approvals.find((w) => w.component === component && w.toMs === undefined);
  /** The approval wait each timer belongs to, by the timer's started event id. */
  const waitTimers = new Map<string, ApprovalWait>();
  const setHost = (hostname: string, step: PerHostStep, state: HostStepState) => {
    const row = hostRows.get(hostname);
    if (row) row.steps[step] = state;
  };

  for (const e of events) {
    const at = ms(e.eventTime);
    const started = e.workflowExecutionStartedEventAttributes;
    if (started) {
      const phase = phaseOf(started.searchAttributes?.indexedFields);
      setPhase(phase ?? 'pending', at);
      const input = runInput.safeParse(await decodeFirst(started.input?.payloads, decode));
      if (input.success) {
        out.onApprovalTimeout = input.data.components?.onApprovalTimeout ?? 'skip';
        const { obs, backup } = input.data.plan ?? {};
        if (obs?.ip) out.componentIps.obs = obs.ip;
        if (backup?.ip) out.componentIps.backup = backup.ip;
      }
      continue;
    }
    const upsert = e.upsertWorkflowSearchAttributesEventAttributes;
    if (upsert) {
      const phase = phaseOf(upsert.searchAttributes?.indexedFields);
      if (phase) setPhase(phase, at);
      continue;
    }
    const timer = e.timerStartedEventAttributes;
    if (timer) {
      // The approval wait is a `condition` with a timeout: its timer starts in the same task as the upsert.
      const open = approvals[approvals.length - 1];
      if (open && open.toMs === undefined && open.deadlineMs === undefined) {
        open.deadlineMs = at + ms(timer.startToFireTimeout);
        waitTimers.set(String(e.eventId), open);
      }
      continue;
    }
    const fired = e.timerFiredEventAttributes;
    if (fired) {
      const open = waitTimers.get(String(fired.startedEventId));
      if (open && open.toMs === undefined && !open.outcome) {
        open.outcome = 'deadline';
        open.toMs = at;
      }
      continue;
    }
    const signal = e.workflowExecutionSignaledEventAttributes;
    if (signal && (signal.signalName === 'approve' || signal.signalName === 'skip')) {
      const component = await decodeFirst(signal.input?.payloads, decode);
      const open = typeof component === 'string' ? openWait(component as OptionalComponent) : undefined;
      if (open && !open.outcome) {
        open.outcome = signal.signalName;
        open.toMs = at;
      }
      continue;
    }
    const sched = e.activityTaskScheduledEventAttributes;
    if (sched) {
      const step = PER_HOST_STEPS[sched.activityType?.name as keyof typeof PER_HOST_STEPS];
      if (!step) continue;
      const input = hostsInput.safeParse(await decodeFirst(sched.input?.payloads, decode));
      if (!input.success) continue;
      for (const h of input.data.hosts) {
        const row = hostRows.get(h.hostname) ?? {
          hostname: h.hostname,
          managementIp: h.managementIp,
          steps: {},
        };
        row.steps[step] = 'running';
        hostRows.set(h.hostname, row);
      }
      scheduled.set(String(e.eventId), { step, hosts: input.data.hosts.map((h) => h.hostname) });
      continue;
    }
    const done = e.activityTaskCompletedEventAttributes;
    if (done) {
      const s = scheduled.get(String(done.scheduledEventId));
      if (!s) continue;
      const result = await decodeFirst(done.result?.payloads, decode);
      if (s.step === 'host-passwords') {
        const r = passwordsResult.safeParse(result);
        if (r.success) {
          r.data.changed.forEach((h) => setHost(h, s.step, 'changed'));
          r.data.alreadySet.forEach((h) => setHost(h, s.step, 'already-set'));
        }
      } else {
        const r = scanResult.safeParse(result);
        (r.success ? r.data.hosts.map((h) => h.hostname) : s.hosts).forEach((h) =>
          setHost(h, s.step, 'scanned'),
        );
      }
      continue;
    }
    const failed = e.activityTaskFailedEventAttributes ?? e.activityTaskTimedOutEventAttributes;
    if (failed) {
      const s = scheduled.get(String(failed.scheduledEventId));
      if (!s) continue;
      // The failure names the hosts that failed; the others are not known to be done.
      const message = failed.failure?.message ?? '';
      const named = s.hosts.filter((h) => message.includes(h));
      for (const h of s.hosts)
        setHost(h, s.step, named.length === 0 || named.includes(h) ? 'failed' : 'not-reached');
      continue;
    }
    if (
      e.workflowExecutionCompletedEventAttributes ||
      e.workflowExecutionFailedEventAttributes ||
      e.workflowExecutionTerminatedEventAttributes ||
      e.workflowExecutionCanceledEventAttributes ||
      e.workflowExecutionTimedOutEventAttributes
    ) {
      out.closedAtMs = at;
    }
  }

  const end = out.closedAtMs ?? nowMs;
  const last = phases[phases.length - 1];
  for (const span of phases) {
    const seconds = Math.max(0, ((span.toMs ?? end) - span.fromMs) / 1000);
    const failedOf = /^failed:(.+)$/.exec(span.phase)?.[1];
    const id = (failedOf ?? span.phase) as StageId;
    if (!STAGES.includes(id)) continue;
    const t = (out.stageTimes[id] ??= { workingSeconds: 0, retryWaitSeconds: 0, current: false });
    if (failedOf) t.retryWaitSeconds += seconds;
    else t.workingSeconds += seconds;
  }
  if (last && out.closedAtMs === undefined) {
    const id = last.phase.replace(/^failed:/, '') as StageId;
    const t = out.stageTimes[id];
    if (t) t.current = true;
  }
  for (const w of approvals)
    if (w.toMs === undefined && out.closedAtMs !== undefined) w.toMs = out.closedAtMs;
  out.hosts = [...hostRows.values()];
  return out;
}
