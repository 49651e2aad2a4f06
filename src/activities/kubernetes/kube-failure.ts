// A KubeProblem as an activity failure: retried only when the API server could not be reached or
// was busy; a refusal (bad namespace, refused manifest, credentials) ends the step at once.
import { Context } from '@temporalio/activity';
import type { ApplicationFailure } from '@temporalio/common';
import { coded } from '../../i18n/index.js';
import { KubeProblem } from '../../kubernetes/problem.js';
import { authFailed, invalidInput, remoteRejected, transient } from '../support/failures.js';

export function kubeFailure(err: unknown): ApplicationFailure | Error {
  if (!(err instanceof KubeProblem)) return err instanceof Error ? err : new Error(String(err));
  const text = coded(err.key, err.params as never);
  if (err.transient) return transient(text);
  if (err.key === 'k8s.unauthorized') return authFailed(text);
  if (err.key === 'k8s.apiError') return remoteRejected(text);
  return invalidInput(text);
}

/**
 * Runs a step against the API server, turning its problems into failures. It heartbeats every
 * second while it runs: the steps' heartbeat timeout is a few seconds, so that a killed worker's
 * step moves to another worker at once, and one slow API call must not look like a dead worker.
 */
export async function kubeStep<T>(body: () => Promise<T>): Promise<T> {
  const ctx = Context.current();
  const beat = setInterval(() => ctx.heartbeat(), 1000);
  try {
    return await body();
  } catch (err) {
    throw kubeFailure(err);
  } finally {
    clearInterval(beat);
  }
}
