// Seed 003 §03 "配置CPU兼容性", its three steps in order: the recommended model (GET), PUT it, GET to
// verify. The PUT is sent on every run (setting the same model again is harmless); the verifying GET is
// the seed's own third step, so the answer confirms the value rather than deciding whether to write.
import { Context } from '@temporalio/activity';
import type { RunContext } from '../../run/input.js';
import { remoteStep, remoteJobFailed, remoteRejected } from '../support/failures.js';
import { fisheyeClient, type Fisheye } from '../support/fisheye.js';
import { coded } from '../../i18n/index.js';

export interface ConfigureCpuCompatibilityRequest {
  run: RunContext;
  vip: string;
  fisheye: Fisheye;
}

/** Sets the cluster's CPU compatibility to the first recommended model and reads it back. */
export async function configureCpuCompatibility(
  req: ConfigureCpuCompatibilityRequest,
): Promise<{ cpuModel: string }> {
  const log = Context.current().log;
  const client = fisheyeClient(req.run, req.vip, req.fisheye);
  const step = `configure CPU compatibility on ${req.vip}`;
  return remoteStep(step, async () => {
    const models = await client.recommendedCpuModels();
    const cpuModel = models[0];
    if (!cpuModel) {
      throw remoteRejected(coded('failure.noCpuModel', { step }));
    }
    await client.setCpuCompatibility(cpuModel);
    const verified = await client.getCpuCompatibility();
    if (verified !== cpuModel) {
      throw remoteJobFailed(
        coded('failure.cpuModelNotKept', { step, model: cpuModel, reported: verified ?? '-' }),
      );
    }
    log.info('CPU compatibility set and verified', { vip: req.vip, cpuModel });
    return { cpuModel };
  });
}
