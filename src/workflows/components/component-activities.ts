import { proxyActivities } from '@temporalio/workflow';
import type * as activities from '../../activities/index.js';
import type { RunContext } from '../../run/input.js';
import { pollingCallOptions } from '../stages/context.js';

/**
 * The activity proxies of an optional component's child workflow: lookups and short tasks,
 * package uploads (hours on a slow link; they resume from the parts the server has, so attempts
 * are cheap) and service installs that run up to the service timeout.
 */
export function componentActivities(run: RunContext) {
  return {
    quick: proxyActivities<typeof activities>(pollingCallOptions(run, run.timing.jobTimeoutSeconds)),
    upload: proxyActivities<typeof activities>(pollingCallOptions(run, 3 * 3600)),
    service: proxyActivities<typeof activities>(pollingCallOptions(run, run.timing.serviceTimeoutSeconds)),
  };
}
