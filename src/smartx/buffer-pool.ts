// A few reused buffers that file bytes are read into on their way to a socket. Reading an 8 MiB chunk
// through a file stream allocates a fresh 1 MiB buffer per read; in a worker whose heap holds Temporal
// and the clients, that garbage cost full collections and made our uploads slower than a plain piped
// request (issue 24). A buffer goes back to the pool only when the socket is done with it (the write's
// callback), so a slow link holds at most the pool, never more.

/** The buffers one request took from the pool; a failed request gives up those it never got back. */
export interface BufferLease {
  take(): Promise<Buffer>;
  give(buffer: Buffer): void;
  /**
   * The request failed: its writes are called back late if at all (a reset mid-body reports the error
   * first), and the next chunk must not wait on a dead request. Buffers still out are replaced by new
   * ones; the old ones are left to the garbage collector, and ignored should they come back.
   */
  abandon(): void;
}

export class BufferPool {
  private readonly free: Buffer[] = [];
  private readonly waiting: ((buffer: Buffer) => void)[] = [];
  private readonly abandoned = new WeakSet<Buffer>();
  private live = 0;

  constructor(
    readonly bufferBytes = 2 * 1024 * 1024,
    private readonly count = 2,
  ) {}

  lease(): BufferLease {
    const out = new Set<Buffer>();
    return {
      take: async () => {
        const buffer = await this.take();
        out.add(buffer);
        return buffer;
      },
      give: (buffer) => {
        if (out.delete(buffer)) this.give(buffer);
      },
      abandon: () => {
        for (const buffer of out) this.abandon(buffer);
        out.clear();
      },
    };
  }

  /** A buffer of `bufferBytes`, as soon as one is free (allocated on first use). */
  private take(): Promise<Buffer> {
    const buffer = this.free.pop();
    if (buffer) return Promise.resolve(buffer);
    if (this.live < this.count) {
      this.live++;
      return Promise.resolve(Buffer.allocUnsafeSlow(this.bufferBytes));
    }
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  private give(buffer: Buffer): void {
    if (this.abandoned.has(buffer)) return;
    const next = this.waiting.shift();
    if (next) next(buffer);
    else this.free.push(buffer);
  }

  private abandon(buffer: Buffer): void {
    this.abandoned.add(buffer);
    const next = this.waiting.shift();
    if (next) next(Buffer.allocUnsafeSlow(this.bufferBytes));
    else this.live--;
  }
}
