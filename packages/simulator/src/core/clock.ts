// Simulated time: remote durations are written in real-world seconds and run `speed` times faster.
// The clock also measures site time: how much simulated time has passed since the simulator
// started and since named marks (a bench marks "run start" and reads the site time at the summary).
import type { SimClock } from './contract.js';

/** What `/__sim/clock` answers and `RunningSimulator.clock.report()` returns. */
export interface ClockReport {
  speed: number;
  /** Simulated wall time now (ISO 8601). */
  simTime: string;
  /** Simulated seconds since the simulator started. */
  elapsedSeconds: number;
  /** Per mark: when it was set (simulated ISO time) and the simulated seconds since. */
  marks: Record<string, { at: string; elapsedSeconds: number }>;
}

const MARK_NAME = /^[A-Za-z0-9._:-]{1,64}$/;

export class ScaledClock implements SimClock {
  private readonly startWall = Date.now();
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly marks = new Map<string, number>();

  constructor(readonly speed: number) {
    if (!(speed > 0)) throw new Error(`--speed must be > 0 (got ${speed})`);
  }

  now(): number {
    return this.startWall + (Date.now() - this.startWall) * this.speed;
  }

  sleep(seconds: number): Promise<void> {
    return new Promise((resolve) => this.after(seconds, resolve));
  }

  since(simTimestampMs: number): number {
    return (this.now() - simTimestampMs) / 1000;
  }

  /** Simulated seconds since the simulator started. */
  elapsedSeconds(): number {
    return this.since(this.startWall);
  }

  /** Sets (or resets) a named mark at the current simulated time. */
  mark(name: string): void {
    if (!MARK_NAME.test(name)) throw new Error(`mark name must match ${MARK_NAME.source} (got ${name})`);
    this.marks.set(name, this.now());
  }

  /** Simulated seconds since a mark; undefined when it was never set. */
  sinceMark(name: string): number | undefined {
    const at = this.marks.get(name);
    return at === undefined ? undefined : this.since(at);
  }

  report(): ClockReport {
    const marks: ClockReport['marks'] = {};
    for (const [name, at] of this.marks) {
      marks[name] = { at: new Date(at).toISOString(), elapsedSeconds: this.since(at) };
    }
    return {
      speed: this.speed,
      simTime: new Date(this.now()).toISOString(),
      elapsedSeconds: this.elapsedSeconds(),
      marks,
    };
  }

  /** Runs `fn` after `seconds` of simulated time; cancelled by stop() so a stopped simulator exits. */
  after(seconds: number, fn: () => void): NodeJS.Timeout {
    const t = setTimeout(
      () => {
        this.timers.delete(t);
        fn();
      },
      Math.max(0, (seconds * 1000) / this.speed),
    );
    this.timers.add(t);
    return t;
  }

  stop(): void {
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
  }
}
