// The one way tests run an activity: a real activity context (MockActivityEnvironment of
// @temporalio/testing) whose logs and heartbeats are recorded, so a test can check that no secret
// reached them. Node's test runner runs each test file in its own process: `recorded` is per file.
import type { Info } from '@temporalio/activity';
import { MockActivityEnvironment } from '@temporalio/testing';
import { DefaultLogger, type LogEntry } from '@temporalio/worker';
import { preloadSecrets } from '../../src/activities/support/secret-source.js';

/** Everything activities logged or heartbeated in this test file. */
export const recorded: { logs: LogEntry[]; heartbeats: unknown[] } = { logs: [], heartbeats: [] };

/** The text of every log line and heartbeat recorded so far (to search for secrets). */
export function recordedText(): string {
  return JSON.stringify(recorded, (_k, v: unknown) => (typeof v === 'bigint' ? String(v) : v));
}

/**
 * A fresh activity context that records its logs and heartbeats. `info` plays a retry (attempt,
 * heartbeat details of the attempt before). Use it directly to cancel or watch heartbeats.
 */
export function activityEnv(info: Partial<Info> = {}): MockActivityEnvironment {
  const logger = new DefaultLogger('DEBUG', (entry) => void recorded.logs.push(entry));
  const env = new MockActivityEnvironment(info, { logger });
  env.on('heartbeat', (d: unknown) => void recorded.heartbeats.push(d));
  return env;
}

/** env.run with the activity's own types (run()'s generic inference loses the result type). */
export function runIn<A, R>(env: MockActivityEnvironment, fn: (req: A) => Promise<R>, req: A): Promise<R> {
  // As the worker's interceptor does: the workbooks the request's secret references name are read first.
  const withSecrets = async (r: A): Promise<R> => {
    await preloadSecrets(r);
    return fn(r);
  };
  return env.run<[A], R, (req: A) => Promise<R>>(withSecrets, req);
}

export type RunOptions = Partial<Info> & {
  /** Called on every heartbeat, with the context (e.g. to cancel it at a given point). */
  onHeartbeat?: (details: unknown, env: MockActivityEnvironment) => void;
};

/** Runs an activity in a fresh context; returns its result and the heartbeats it sent. */
export async function runActivity<A, R>(
  fn: (req: A) => Promise<R>,
  req: A,
  options: RunOptions = {},
): Promise<{ result: R; heartbeats: unknown[] }> {
  const { onHeartbeat, ...info } = options;
  const env = activityEnv(info);
  const heartbeats: unknown[] = [];
  env.on('heartbeat', (d: unknown) => {
    heartbeats.push(d);
    onHeartbeat?.(d, env);
  });
  const result = await runIn(env, fn, req);
  return { result, heartbeats };
}

/** Runs an activity expected to fail; returns the error and the heartbeats it sent. */
export async function runFailing<A>(
  fn: (req: A) => Promise<unknown>,
  req: A,
  options: RunOptions = {},
): Promise<{ error: Error; heartbeats: unknown[] }> {
  const heartbeats: unknown[] = [];
  try {
    await runActivity(fn, req, {
      ...options,
      onHeartbeat: (d, env) => {
        heartbeats.push(d);
        options.onHeartbeat?.(d, env);
      },
    });
  } catch (error) {
    return { error: error as Error, heartbeats };
  }
  throw new Error('the activity was expected to fail');
}
