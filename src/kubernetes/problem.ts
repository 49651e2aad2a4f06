// Why a call to the Kubernetes API server failed, as a catalogue message naming what to fix: the CLI
// renders it in the operator's language, an activity turns it into a failure (retryable only when
// the API server could not be reached).
import type { MessageKey } from '../i18n/index.js';

export class KubeProblem extends Error {
  override readonly name = 'KubeProblem';
  constructor(
    readonly key: MessageKey,
    readonly params: Record<string, string>,
    /** Trying again may help (the API server was unreachable or busy). */
    readonly transient = false,
  ) {
    super(`${key} ${JSON.stringify(params)}`);
  }
}
