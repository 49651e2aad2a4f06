// Simulated time: remote durations are written in real-world seconds and run `speed` times faster.
import type { SimClock } from './contract.js';

export class ScaledClock implements SimClock {
  private readonly startWall = Date.now();
  private readonly timers = new Set<NodeJS.Timeout>();

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
