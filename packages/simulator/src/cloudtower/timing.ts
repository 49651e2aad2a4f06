// Time-driven state machines. Each one stores when it started and how long it runs (simulated
// seconds); `settle` flips it exactly once when the time has passed, consulting the fault plan at
// that moment. Handlers call `advanceAll` before answering (so polling always sees the current
// state) and creation schedules a wake-up, so effects such as activating a VM also happen when
// nobody polls.
import type { SimContext } from '../core/contract.js';
import type { SimTiming } from './store.js';

export function startTiming(ctx: SimContext, seconds: number, faultPoint: string): SimTiming {
  return { startedAt: ctx.clock.now(), seconds, faultPoint };
}

export function elapsed(ctx: SimContext, t: SimTiming): boolean {
  return ctx.clock.since(t.startedAt) >= t.seconds;
}

/** Fraction 0..1 of the timer that has passed. */
export function progressOf(ctx: SimContext, t: SimTiming): number {
  if (t.done || t.seconds <= 0) return 1;
  return Math.min(1, Math.max(0, ctx.clock.since(t.startedAt) / t.seconds));
}

/**
 * Returns true exactly once: when the timer has elapsed and was not settled before. The fault plan
 * decides at that moment whether the machine fails (`failed`).
 */
export function settle(ctx: SimContext, t: SimTiming): boolean {
  if (t.done || !elapsed(ctx, t)) return false;
  t.done = true;
  const fault = ctx.faults.fire(t.faultPoint);
  if (fault) {
    t.failed = true;
    ctx.log('cloudtower.fault', { point: t.faultPoint, kind: fault.kind });
  }
  return true;
}

/** Simulated ms at which the timer ends. */
export function endsAt(t: SimTiming): number {
  return t.startedAt + t.seconds * 1000;
}

type Waker = (ctx: SimContext) => Promise<void>;
let waker: Waker | undefined;

/** advance.ts registers the function that advances every machine (avoids an import cycle). */
export function registerWaker(fn: Waker): void {
  waker = fn;
}

/** Wakes the machines up when `seconds` of simulated time have passed (plus a hair). */
export function scheduleWake(ctx: SimContext, seconds: number): void {
  void ctx.clock
    .sleep(seconds + 0.001)
    .then(() => waker?.(ctx))
    .catch((err: unknown) => ctx.log('cloudtower.wake-error', { error: String(err) }));
}
