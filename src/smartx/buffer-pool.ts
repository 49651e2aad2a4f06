// A few reused buffers that file bytes are read into on their way to a socket. Reading an 8 MiB chunk
// through a file stream allocates a fresh 1 MiB buffer per read; in a worker whose heap holds Temporal
// and the clients, that garbage cost full collections and made our uploads slower than a plain piped
// request (issue 24). A buffer goes back only when the socket is done with it (the write's callback),
// so a slow link holds at most a request's share, never more.
//
// One pool serves the whole process: a worker driving fifty sites held two buffers in every client it
// had ever uploaded with (27 MiB more per concurrent run in the fleet bench). Now a request holds at
// most `perRequest` buffers while it sends, and only `keepIdle` stay allocated between uploads.
//
// Full-size buffers are also bounded across requests (`fullBudget`): when every site of a fleet
// uploads at once, ~10 MiB per upload was in flight (its buffers, and native memory of the same size
// for the writes waiting for the socket) at the fleet bench's peaks (issue 24 point 3). Past the budget
// a request reads into small buffers: the same bytes in more writes, which costs CPU, not memory.

/** The buffers one request took from the pool; a failed request gives up those it never got back. */
export interface BufferLease {
  take(): Promise<Buffer>;
  give(buffer: Buffer): void;
  /**
   * The request failed: its writes are called back late if at all (a reset mid-body reports the error
   * first). Buffers still out are left to the garbage collector and ignored should they come back; a
   * read still waiting gets a new one, so nothing waits on a dead request.
   */
  abandon(): void;
}

export class BufferPool {
  private readonly free: Buffer[] = [];
  private readonly freeSmall: Buffer[] = [];
  /** The full-size buffers handed out (to requests, or waiting for an abandoned one's late write). */
  private readonly full = new WeakSet<Buffer>();
  private fullOut = 0;

  constructor(
    readonly bufferBytes = 2 * 1024 * 1024,
    private readonly perRequest = 2,
    private readonly keepIdle = 4,
    /** Full-size buffers out at once across all requests; past them a request gets small ones. */
    readonly fullBudget = 8,
    readonly smallBytes = 256 * 1024,
  ) {}

  /** Full-size buffers out now. */
  get fullInUse(): number {
    return this.fullOut;
  }

  private allocate(): Buffer {
    if (this.fullOut < this.fullBudget) {
      this.fullOut++;
      const buffer = this.free.pop() ?? Buffer.allocUnsafeSlow(this.bufferBytes);
      this.full.add(buffer);
      return buffer;
    }
    return this.freeSmall.pop() ?? Buffer.allocUnsafeSlow(this.smallBytes);
  }

  /** A buffer no request holds any more: kept for the next one, or left to the garbage collector. */
  private release(buffer: Buffer, keep: boolean): void {
    if (this.full.delete(buffer)) {
      this.fullOut--;
      if (keep && this.free.length < this.keepIdle) this.free.push(buffer);
    } else if (keep && this.freeSmall.length < this.keepIdle * this.perRequest) this.freeSmall.push(buffer);
  }

  lease(): BufferLease {
    const out = new Set<Buffer>();
    const waiting: ((buffer: Buffer) => void)[] = [];
    return {
      take: () => {
        if (out.size < this.perRequest) {
          const buffer = this.allocate();
          out.add(buffer);
          return Promise.resolve(buffer);
        }
        return new Promise((resolve) => waiting.push(resolve));
      },
      give: (buffer) => {
        if (!out.has(buffer)) return;
        const next = waiting.shift();
        if (next) return next(buffer);
        out.delete(buffer);
        this.release(buffer, true);
      },
      abandon: () => {
        // Given up: they count no more against the budget, and are never reused.
        for (const buffer of out) this.release(buffer, false);
        out.clear();
        for (const next of waiting.splice(0)) {
          const buffer = this.allocate();
          out.add(buffer);
          next(buffer);
        }
      },
    };
  }
}

/** The process's pool: every client's uploads share it. */
export const uploadBuffers = new BufferPool();
