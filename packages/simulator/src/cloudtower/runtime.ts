// Per-run memory that must not appear in the shared state: sessions (secrets) and the running
// sha256 of uploads in progress. Keyed by the SimState object, so each simulator run (and each test
// harness) gets its own, and nothing leaks into `GET /__sim/state`.
import type { Hash } from 'node:crypto';
import type { SimState } from '../core/contract.js';

export interface Session {
  uid: string;
  token: string;
  /** Decoded cookie value `s:<sid>.<signature>`. */
  cookie: string;
  issuedAt: number;
}

export interface Runtime {
  sessionsByToken: Map<string, Session>;
  sessionsByCookie: Map<string, Session>;
  /** sha256 of the root password as set by createRootUser (the password itself is never kept). */
  rootPasswordSha256?: string;
  /** Running sha256 of each OBS chunked upload, advanced part by part. */
  obsUploadHashes: Map<string, Hash>;
  /** Serializes writes per upload so concurrent retries of a part cannot interleave. */
  uploadLocks: Map<string, Promise<void>>;
}

const runtimes = new WeakMap<SimState, Runtime>();

export function runtimeOf(state: SimState): Runtime {
  let rt = runtimes.get(state);
  if (!rt) {
    rt = {
      sessionsByToken: new Map(),
      sessionsByCookie: new Map(),
      obsUploadHashes: new Map(),
      uploadLocks: new Map(),
    };
    runtimes.set(state, rt);
  }
  return rt;
}

/** Runs `fn` after every earlier call for the same key finished (a tiny per-key mutex). */
export async function withLock<T>(state: SimState, key: string, fn: () => Promise<T>): Promise<T> {
  const rt = runtimeOf(state);
  const previous = rt.uploadLocks.get(key) ?? Promise.resolve();
  let release!: () => void;
  const mine = new Promise<void>((resolve) => (release = resolve));
  const chained = previous.then(() => mine);
  rt.uploadLocks.set(key, chained);
  await previous;
  try {
    return await fn();
  } finally {
    release();
    if (rt.uploadLocks.get(key) === chained) rt.uploadLocks.delete(key);
  }
}
