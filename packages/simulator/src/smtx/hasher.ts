// Main-thread side of hash-worker.ts: one worker for all uploads, messages processed in order, so
// "hash range, then digest" always sees every range.
import { Worker } from 'node:worker_threads';

export class BackgroundHasher {
  private worker?: Worker;
  private stopped = false;
  private readonly waiting = new Map<string, (r: { sha256: string; md5: string }) => void>();

  /** `mibPerSecond` > 0 throttles hashing (tests of what must not wait for the hash). */
  constructor(private readonly mibPerSecond = 0) {}

  private get w(): Worker {
    if (!this.worker) {
      this.worker = new Worker(new URL('./hash-worker.js', import.meta.url), {
        workerData: { mibPerSecond: this.mibPerSecond },
      });
      this.worker.on('message', (m: { op: string; id: string; sha256: string; md5: string }) => {
        if (m.op !== 'digest') return;
        this.waiting.get(m.id)?.(m);
        this.waiting.delete(m.id);
      });
      // After the listener: nothing the worker holds keeps a stopping simulator's process alive.
      this.worker.unref();
    }
    return this.worker;
  }

  // A request still in flight when the simulator stopped must not start a worker nobody stops: after
  // stop, ranges are dropped and a digest never settles (the simulator is gone with its images).
  range(id: string, file: string, start: number, end: number): void {
    if (this.stopped) return;
    if (end > start) this.w.postMessage({ op: 'range', id, file, start, end });
  }

  digest(id: string): Promise<{ sha256: string; md5: string }> {
    return new Promise((resolve) => {
      if (this.stopped) return;
      this.waiting.set(id, resolve);
      this.w.postMessage({ op: 'digest', id });
    });
  }

  drop(id: string): void {
    this.worker?.postMessage({ op: 'drop', id });
  }

  async stop(): Promise<void> {
    const worker = this.worker;
    this.worker = undefined;
    this.stopped = true;
    if (!worker) return;
    worker.removeAllListeners('message');
    worker.unref();
    await worker.terminate();
  }
}
