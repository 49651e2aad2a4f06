// Before an activity runs, the worker reads the workbooks its secret references name (async), so
// the clients can turn a reference into its value synchronously at the moment they send it.
import type {
  ActivityExecuteInput,
  ActivityInboundCallsInterceptor,
  ActivityInterceptorsFactory,
  Next,
} from '@temporalio/worker';
import { preloadSecrets } from './secret-source.js';

class SecretPreload implements ActivityInboundCallsInterceptor {
  async execute(
    input: ActivityExecuteInput,
    next: Next<ActivityInboundCallsInterceptor, 'execute'>,
  ): Promise<unknown> {
    await preloadSecrets(input.args);
    return next(input);
  }
}

export const secretPreloadInterceptor: ActivityInterceptorsFactory = () => ({ inbound: new SecretPreload() });
