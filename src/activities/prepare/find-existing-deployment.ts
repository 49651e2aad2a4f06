import { Context } from '@temporalio/activity';
import { DeploymentClient, SmartxHttpError } from '../../smartx/index.js';
import type { RunContext } from '../../run/input.js';
import { remoteStep } from '../support/failures.js';
import { resolverFor } from '../support/remote.js';

/**
 * Activity: does an earlier bring-up of this plan already stand (deploy_verify on the hosts)?
 * A new run over a deployed cluster is a continuation: the VIP and components answering is then
 * expected, not an address conflict, and every later step finds what exists instead of creating it.
 */
export async function findExistingDeployment(req: {
  run: RunContext;
  hostIps: string[];
}): Promise<{ deployed: boolean; askedHost?: string }> {
  return remoteStep('prepare/existing-deployment', async () => {
    const resolver = resolverFor(req.run);
    for (const hostIp of req.hostIps) {
      try {
        const verify = await new DeploymentClient(resolver, hostIp).deployVerify();
        return { deployed: verify.is_deployed, askedHost: hostIp };
      } catch (err) {
        // A host that does not answer is the precheck's finding; ask the next one.
        if (err instanceof SmartxHttpError && err.kind === 'network') {
          Context.current().log.info('deploy_verify unanswered', { hostIp, error: err.message });
          continue;
        }
        throw err;
      }
    }
    return { deployed: false };
  });
}
