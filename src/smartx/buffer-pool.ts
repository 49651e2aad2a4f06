// A few reused buffers that file bytes are read into on their way to a socket. Reading an 8 MiB chunk
// through a file stream allocates a fresh 1 MiB buffer per read; in a worker whose heap holds Temporal
// and the clients, that garbage cost full collections and made our uploads slower than a plain piped
// request (issue 24). A buffer goes back only when the socket is done with it (the write's callback),
// so a slow link holds at most a request's share, never more.
//
// One pool serves the whole process: a worker driving fifty sites held two buffers in every client it
// had ever uploaded with (27 MiB more per concurrent run in the fleet bench). Now a request holds at
// most `perRequest` buffers while it sends, and only `keepIdle` stay allocated between uploads.

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

  constructor(
    readonly bufferBytes = 2 * 1024 * 1024,
    private readonly perRequest = 2,
    private readonly keepIdle = 4,
  ) {}

  lease(): BufferLease {
    const out = new Set<Buffer>();
    const waiting: ((buffer: Buffer) => void)[] = [];
    return {
      take: () => {
        if (out.size < this.perRequest) {
          const buffer = this.free.pop() ?? Buffer.allocUnsafeSlow(this.bufferBytes);
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
        if (this.free.length < this.keepIdle) this.free.push(buffer);
      },
      abandon: () => {
        out.clear();
        for (const next of waiting.splice(0)) {
          const buffer = Buffer.allocUnsafeSlow(this.bufferBytes);
          out.add(buffer);
          next(buffer);
        }
      },
    };
  }
}

/** The process's pool: every client's uploads share it. */
export const uploadBuffers = new BufferPool();
