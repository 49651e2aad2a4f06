// What the Temporal client throws, said as an operator reads it: both languages on one line (the
// operator may be reading in the other one), naming the run id, with the command that helps next.
// The sentences are the catalogue's (src/i18n, keys cli.*).
import { ServiceError, WorkflowNotFoundError } from '@temporalio/client';
import { NamespaceNotFoundError, WorkflowExecutionAlreadyStartedError } from '@temporalio/common';
import { temporalTarget } from '../config/temporal-connection.js';
import { tBoth, CLI } from '../i18n/index.js';

/** An operator message for a known client error, or undefined (then the raw message is shown). */
export function explainClientError(err: unknown): string | undefined {
  if (err instanceof WorkflowNotFoundError) {
    const id = err.workflowId;
    return [tBoth('cli.runNotFound', { id }), `${tBoth('cli.recentRuns')}: ${CLI} list`].join('\n');
  }
  if (err instanceof WorkflowExecutionAlreadyStartedError) {
    const id = err.workflowId;
    return [
      tBoth('cli.alreadyRunning', { id }),
      `${tBoth('cli.followIt')}: ${CLI} watch ${id}   (${tBoth('cli.separateRun')}: --id <new-id>)`,
    ].join('\n');
  }
  if (err instanceof NamespaceNotFoundError) {
    return tBoth('cli.noNamespace', { namespace: err.namespace });
  }
  const message = err instanceof Error ? err.message : String(err);
  const cause = err instanceof ServiceError && err.cause ? err.cause.message : '';
  if (/Failed to connect|ECONNREFUSED|UNAVAILABLE|TransportError/i.test(`${message} ${cause}`)) {
    const { address } = temporalTarget();
    return [
      tBoth('cli.unreachable', { address }),
      `${tBoth('cli.startDevServer')}: npm run temporal:ensure   (${tBoth('cli.orSet')} TEMPORAL_ADDRESS)`,
    ].join('\n');
  }
  return undefined;
}
